import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // resolved at run time: the optional peer `webgpu` (Dawn for Node) and the core package
  external: ['webgpu', '@dl/tensor'],
});
