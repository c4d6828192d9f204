#!/usr/bin/env node
// Conditional GAN on MNIST. Usage: node main.mjs [--steps N] [--out DIR] [--device cpu|webgpu]
//   (or: pnpm --filter @dl/example-cgan-mnist start)
// Writes DIR/samples/step-*.png (a column per digit 0–9), DIR/samples/final.png and DIR/loss-curve.png.
import { runGanExample } from '../gan-mnist/command-line.mjs';
import { train } from './train.mjs';

await runGanExample({
  title: (steps) =>
    `Conditional GAN (label embedding + projection discriminator, real label 0.9) on the bundled MNIST digits: ${steps} steps of batch 64`,
  defaultSteps: 2000,
  printEvery: 100,
  directory: import.meta.dirname ?? '.',
  train,
});
