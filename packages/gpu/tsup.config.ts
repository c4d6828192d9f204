import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  // the public declarations name WebGPU's types (GPUDevice, GPUBuffer...): the reference makes every
  // user's TypeScript load them from @webgpu/types (a dependency), with no lib or types setting
  dts: { banner: '/// <reference types="@webgpu/types" />' },
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // resolved at run time: the optional peer `webgpu` (Dawn for Node) and the core package
  external: ['webgpu', '@dl/tensor'],
});
