#!/usr/bin/env node
// WGAN-GP on MNIST (steps are critic steps; one generator step per five). Usage: node main.mjs [--steps N] [--out DIR] [--device cpu|webgpu]
//   (or: pnpm --filter @dl/example-wgan-gp-mnist start)
// Writes DIR/samples/step-*.png, DIR/samples/final.png and DIR/loss-curve.png (default DIR: ./out).
import { runGanExample } from '../gan-mnist/command-line.mjs';
import { train } from './train.mjs';

await runGanExample({
  title: (steps) =>
    `WGAN-GP (MLP, λ = 10, nCritic = 5) on the bundled MNIST digits: ${steps} critic steps of batch 64, Adam(1e-4, β = (0.5, 0.9))`,
  defaultSteps: 3000,
  printEvery: 250,
  directory: import.meta.dirname ?? '.',
  train,
});
