import { defineConfig } from 'tsup';

export default defineConfig({
  // the worker entry is its own file: worker threads load it by URL
  entry: { index: 'src/index.ts', 'loader/worker-entry': 'src/loader/worker-entry.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  splitting: true,
  external: ['@dl/tensor'],
});
