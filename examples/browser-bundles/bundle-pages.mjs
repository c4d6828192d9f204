/**
 * Bundles pages/ (one page per @dl package) with Vite, esbuild and Rollup, each with its default
 * settings for a browser build: the packages are resolved from node_modules as an app would see
 * them (their package.json exports, imports and conditions, their built dist/), with no aliases,
 * externals or defines. Returns the warnings each bundler printed, so a test can insist on none.
 *
 * `node bundle-pages.mjs [outDir]` writes out/vite, out/esbuild and out/rollup (default: ./out).
 */
import { copyFile, cp, mkdir, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pagesDirectory = join(here, 'pages');
export const pageNames = ['tensor', 'gpu', 'nn', 'rnn', 'gan', 'metrics', 'data', 'datasets', 'onnx'];
/** The worker module data.js starts with `new Worker(new URL('./dataset-worker.js', import.meta.url))`. */
const workerModule = 'dataset-worker';

/** Vite: a multi-page build of the HTML pages; it follows `new URL(..., import.meta.url)` and workers itself. */
async function bundleWithVite(outDirectory) {
  const { build, createLogger } = await import('vite');
  const warnings = [];
  const logger = createLogger('warn');
  const customLogger = {
    ...logger,
    warn: (message, options) => (warnings.push(message), logger.warn(message, options)),
    warnOnce: (message, options) => (warnings.push(message), logger.warnOnce(message, options)),
  };
  await build({
    root: pagesDirectory,
    configFile: false,
    logLevel: 'warn',
    customLogger,
    build: {
      outDir: outDirectory,
      emptyOutDir: true,
      // the chunk the pages share holds @dl/tensor's core, ≈ 500 kB minified (170 kB gzipped): over
      // Vite's default 500 kB advisory, which docs/browser.md tells users to raise the same way
      chunkSizeWarningLimit: 1024,
      rollupOptions: {
        input: Object.fromEntries(pageNames.map((name) => [name, join(pagesDirectory, `${name}.html`)])),
        onwarn: (warning) => warnings.push(warning.message),
        // Rolldown's PLUGIN_TIMINGS advisory ("JavaScript callbacks ran for 2.5s of the 3.1s build")
        // depends on the machine's load, not on the packages: on a busy CI machine it failed this check
        checks: { bundlerTimings: false },
      },
    },
  });
  return warnings;
}

/** esbuild: `--bundle --format=esm --platform=browser`, the pages and the worker as entry points. */
async function bundleWithEsbuild(outDirectory) {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [...pageNames, workerModule].map((name) => join(pagesDirectory, `${name}.js`)),
    outdir: outDirectory,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
  });
  return result.warnings.map((warning) => `${warning.location?.file ?? ''}: ${warning.text}`);
}

/** Rollup: ES output with @rollup/plugin-node-resolve at its defaults (how Rollup finds packages at all). */
async function bundleWithRollup(outDirectory) {
  const { rollup } = await import('rollup');
  const { nodeResolve } = await import('@rollup/plugin-node-resolve');
  const warnings = [];
  const bundle = await rollup({
    input: Object.fromEntries([...pageNames, workerModule].map((name) => [name, join(pagesDirectory, `${name}.js`)])),
    plugins: [nodeResolve()],
    onwarn: (warning) => warnings.push(`${warning.code}: ${warning.message}`),
  });
  await bundle.write({ dir: outDirectory, format: 'es' });
  await bundle.close();
  return warnings;
}

/**
 * esbuild and Rollup copy neither the pages' HTML nor the files @dl/datasets references with
 * `new URL(..., import.meta.url)`: the HTML goes beside the bundles, and @dl/datasets' data/ folder
 * under dl-data/, as docs/browser.md tells their users to do.
 */
async function addPagesAndData(outDirectory) {
  for (const name of pageNames) await copyFile(join(pagesDirectory, `${name}.html`), join(outDirectory, `${name}.html`));
  const datasetsPackage = dirname(createRequire(import.meta.url).resolve('@dl/datasets/package.json'));
  await cp(join(datasetsPackage, 'data'), join(outDirectory, 'dl-data'), { recursive: true });
}

/** Builds all three; returns per bundler its output folder and warnings. */
export async function bundlePages(outDirectory = join(here, 'out')) {
  await rm(outDirectory, { recursive: true, force: true });
  const results = {};
  for (const [bundler, run] of [
    ['vite', bundleWithVite],
    ['esbuild', bundleWithEsbuild],
    ['rollup', bundleWithRollup],
  ]) {
    const directory = join(outDirectory, bundler);
    await mkdir(directory, { recursive: true });
    const started = performance.now();
    const warnings = await run(directory);
    if (bundler !== 'vite') await addPagesAndData(directory);
    results[bundler] = { directory, warnings, seconds: (performance.now() - started) / 1000, files: await listFiles(directory) };
  }
  return results;
}

async function listFiles(directory, prefix = '') {
  const files = [];
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const name = prefix + entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(join(directory, entry.name), `${name}/`)));
    else files.push(name);
  }
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await bundlePages(process.argv[2]);
  for (const [bundler, { directory, warnings, seconds, files }] of Object.entries(results))
    console.log(
      `${bundler}: ${files.length} files in ${directory} (${seconds.toFixed(1)} s)${warnings.length ? `\n  warnings:\n  ${warnings.join('\n  ')}` : ''}`,
    );
}
