#!/usr/bin/env node
// Trains a small MLP on two spirals with @dl/tensor alone (@dl/gpu only for --device webgpu).
// Usage: node main.mjs [--steps N] [--device cpu|webgpu]
import { parseTrainingArguments } from '../shared/command-line.mjs';
import { train } from './train.mjs';

const { device, steps: requested } = parseTrainingArguments({}, 'node main.mjs');
const steps = requested === Infinity ? 500 : requested;

console.log(`@dl/tensor: 2-32-32-2 MLP on two spirals, full-batch SGD, ${steps} steps on ${device}`);
const logEvery = Math.max(1, Math.round(steps / 10));
const { losses, accuracy, seconds } = await train({
  steps,
  device,
  logEvery,
  onLog: (step, loss) => console.log(`step ${String(step).padStart(5)}  loss ${loss.toFixed(4)}`),
});
const first = losses[0].loss;
const last = losses[losses.length - 1].loss;
console.log(`loss ${first.toFixed(4)} -> ${last.toFixed(4)} in ${seconds.toFixed(1)} s`);
console.log(`training accuracy ${(accuracy * 100).toFixed(1)}%`);
