import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

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
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    pool: 'forks',
    poolOptions: { forks: { execArgv: ['--expose-gc'] } },
    testTimeout: 60_000,
  },
});
