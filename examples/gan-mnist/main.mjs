#!/usr/bin/env node
// The tutorial's GAN on MNIST. Usage: node main.mjs [--steps N] [--out DIR] [--device cpu|webgpu]
//   (or: pnpm --filter @dl/example-gan-mnist start)
// Writes DIR/samples/step-*.png, DIR/samples/final.png and DIR/loss-curve.png (default DIR: ./out).
import { runGanExample } from './command-line.mjs';
import { train } from './train.mjs';

await runGanExample({
  title: (steps) => `MLP GAN on the bundled MNIST digits: ${steps} steps of batch 64, Adam(2e-4, β = (0.5, 0.999))`,
  defaultSteps: 2000,
  printEvery: 100,
  directory: import.meta.dirname ?? '.',
  train,
});
