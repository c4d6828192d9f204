#!/usr/bin/env node
// Trains a small MLP on two spirals with @dl/tensor alone. Usage: node main.mjs [--steps N]
import { parseArgs } from 'node:util';
import { train } from './train.mjs';

const { values } = parseArgs({ options: { steps: { type: 'string', default: '500' } } });
const steps = Number(values.steps);
if (!Number.isInteger(steps) || steps < 1) {
  console.error(`--steps must be a positive integer (got ${values.steps})`);
  process.exit(2);
}

console.log(`@dl/tensor: 2-32-32-2 MLP on two spirals, full-batch SGD, ${steps} steps`);
const logEvery = Math.max(1, Math.round(steps / 10));
const { losses, accuracy, seconds } = train({
  steps,
  logEvery,
  onLog: (step, loss) => console.log(`step ${String(step).padStart(5)}  loss ${loss.toFixed(4)}`),
});
const first = losses[0].loss;
const last = losses[losses.length - 1].loss;
console.log(`loss ${first.toFixed(4)} -> ${last.toFixed(4)} in ${seconds.toFixed(1)} s`);
console.log(`training accuracy ${(accuracy * 100).toFixed(1)}%`);
