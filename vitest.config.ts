import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig, type Plugin } from 'vitest/config';
import { ownProcessTestFiles } from './tools/testing/own-process-test-files.js';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Test files that count the process's live tensors or drive the collector: the `isolated` project runs them. */
const ownProcess = ownProcessTestFiles(source('.'));

/**
 * The engine flag the `relaxed-simd` project needs on Node 20 (V8 11.3). Node ≥ 22 has relaxed SIMD
 * on by default and refuses the flag ("bad option"), which would stop every worker of the run.
 */
const relaxedSimdFlags = Number(process.versions.node.split('.')[0]) < 22 ? ['--experimental-wasm-relaxed-simd'] : [];

/**
 * A package's `#...` imports (package.json `imports`, e.g. `#node-file-system`) point at built files
 * with a `node` and a `browser` condition. Tests run against the sources, so from a package's src/ or
 * test/ the `node` target `./dist/platform/x.js` is read as `./src/platform/x.ts`.
 */
function packageImportsFromSources(): Plugin {
  return {
    name: 'dl-package-imports-from-sources',
    enforce: 'pre',
    resolveId(id, importer) {
      const match = id.startsWith('#') && importer ? /^(.*[\\/]packages[\\/][a-z]+)[\\/](?:src|test)[\\/]/.exec(importer) : null;
      if (!match) return null;
      const packageRoot = match[1]!;
      const imports = JSON.parse(readFileSync(`${packageRoot}/package.json`, 'utf8')).imports ?? {};
      const target: string | undefined = imports[id]?.node;
      if (!target) throw new Error(`${importer}: ${id} has no \`node\` target in ${packageRoot}/package.json's imports`);
      return `${packageRoot}/${target.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')}`;
    },
  };
}

export default defineConfig({
  plugins: [packageImportsFromSources()],
  resolve: {
    // tests run against the sources of every workspace package (the pack test covers the built output)
    alias: [
      { find: /^@dl\/tensor\/testing$/, replacement: source('./packages/tensor/src/testing/index.ts') },
      { find: /^@dl\/([a-z]+)$/, replacement: source('./packages/$1/src/index.ts') },
    ],
  },
  test: {
    testTimeout: 60_000,
    // One worker per core for the isolated project's files. Vitest's default is one fewer (its own
    // process keeps a core), which on two cores ran them one at a time; its process mostly waits.
    maxWorkers: availableParallelism(),
    // Engine flags belong to the pool (a project cannot set its own): the `node` project runs in forks,
    // the `relaxed-simd` project in vmForks, whose child processes also get the relaxed-SIMD flag
    // where the engine needs it.
    poolOptions: {
      forks: { execArgv: ['--expose-gc'] },
      vmForks: { execArgv: ['--expose-gc', ...relaxedSimdFlags] },
    },
    projects: [
      {
        // Most files share one process: importing the packages' sources once instead of once per file
        // (over a third of the suite's time). tools/testing/fresh-process-state.ts puts back the settings
        // a fresh process has (generator, default dtype, grad mode, warnings, threads) before each file.
        extends: true,
        test: {
          name: 'node',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
          // needs the engine flag of the relaxed-simd project below; the isolated project's files
          exclude: [...configDefaults.exclude, 'packages/tensor/src/cpu/wasm/relaxed-simd-build.test.ts', ...ownProcess],
          pool: 'forks',
          // One process for all the project's files, one after another, its modules loaded once: a fresh
          // process per file is a setting of the whole pool, so a project shares one only as a single fork
          // (`isolate: false` here stops vitest reloading the modules between files). Vitest runs it after
          // the isolated project, whose files take both cores.
          poolOptions: { forks: { singleFork: true, isolate: false } },
          setupFiles: [source('./tools/testing/fresh-process-state.ts')],
        },
      },
      {
        // files that count the process's live tensors and bytes, drive the collector or load a second copy of
        // the modules (tools/testing/own-process-test-files.ts): each in a fresh process, as every file used to be
        extends: true,
        test: {
          name: 'isolated',
          include: ownProcess,
          pool: 'forks',
        },
      },
      {
        // The CPU kernels' relaxed-SIMD build (fused multiply-add in sgemm) is what browsers and Node ≥ 22
        // run; Node 20 runs it only with the flag. The float32 kernel and parity tests run again on it
        // (on Node ≥ 22 the `node` project runs that build already, and this one repeats it).
        extends: true,
        test: {
          name: 'relaxed-simd',
          include: [
            'packages/tensor/src/cpu/wasm/kernel-variant.test.ts',
            'packages/tensor/src/cpu/wasm/relaxed-simd-build.test.ts',
            'packages/tensor/src/cpu/sgemm/sgemm.test.ts',
            'packages/tensor/src/cpu/kernels/*-wasm.test.ts',
            'packages/tensor/test/pytorch-parity.test.ts',
            'packages/nn/test/layers.test.ts',
            'packages/rnn/test/**/*.test.ts',
          ],
          // the float64 gradient checks never reach the float32 sgemm that relaxed SIMD changes
          exclude: [...configDefaults.exclude, 'packages/rnn/test/webgpu.test.ts', 'packages/rnn/test/gradcheck.test.ts'],
          pool: 'vmForks',
        },
      },
    ],
  },
});
