import { defineConfig } from 'tsup';

export default defineConfig({
  // one file, dist/index.js, directly under dist/: the bundled files' literal
  // `new URL('../data/...', import.meta.url)` then reaches data/ from dist/ as it does from src/
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  splitting: false,
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
