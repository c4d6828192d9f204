import { defineConfig } from 'tsup';

/** The `#...` imports of package.json: each has a Node file and a browser file, picked per environment. */
const platformModules = ['node-file-system', 'spawn-worker', 'worker-host'];

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    // the worker entry is its own file: worker threads load it by URL, and bundlers follow
    // `new Worker(new URL('../loader/worker-entry.js', import.meta.url))` to it
    'loader/worker-entry': 'src/loader/worker-entry.ts',
    ...Object.fromEntries(
      platformModules.flatMap((name) => [
        [`platform/${name}`, `src/platform/${name}.ts`],
        [`platform/${name}.browser`, `src/platform/${name}.browser.ts`],
      ]),
    ),
  },
  // left as imports in the output: package.json's `imports` chooses the file (node / browser)
  external: platformModules.map((name) => `#${name}`),
  format: ['esm'],
  // no shared chunks: a platform file importing one would be a bare import that bundlers warn about
  // under `sideEffects: false`; the worker entry carries its own copy of collate and transfer
  splitting: false,
  // declarations for the public entries and the file-system platform file (the worker platform
  // files' types are internal ones, which the declaration bundler would warn about exposing)
  dts: {
    entry: {
      index: 'src/index.ts',
      'loader/worker-entry': 'src/loader/worker-entry.ts',
      'platform/node-file-system.browser': 'src/platform/node-file-system.browser.ts',
    },
  },
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
