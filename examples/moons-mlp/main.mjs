#!/usr/bin/env node
// The tutorial's moons MLP. Usage: node main.mjs [--epochs N] [--device cpu|webgpu] [--steps N]
//   (or: pnpm --filter @dl/example-moons-mlp start)
import { failWithUsage, parseTrainingArguments } from '../shared/command-line.mjs';
import { train } from './train.mjs';

const usage = 'node main.mjs [--epochs N]';
const { values, device, steps } = parseTrainingArguments({ epochs: { type: 'string', default: '200' } }, usage);
const epochs = Number(values.epochs);
if (!Number.isInteger(epochs) || epochs < 1) failWithUsage(`--epochs must be a positive integer (got ${values.epochs})`, usage);

console.log(`moons: Linear(2, 16)-ReLU-Linear(16, 2), Adam(lr 0.01), ${Math.min(epochs, steps)} full-batch epochs on ${device}`);
const result = await train({
  epochs,
  steps,
  device,
  onLog: (epoch, loss) => {
    if (epoch % 20 === 0) console.log(`epoch ${String(epoch).padStart(4)}  loss ${loss.toFixed(4)}`);
  },
});
console.log(`test accuracy  ${result.accuracy.toFixed(4)}`);
console.log(`precision      ${result.precision.toFixed(4)}`);
console.log(`recall         ${result.recall.toFixed(4)}`);
console.log(`F1             ${result.f1.toFixed(4)}`);
console.log(`${result.millisecondsPerEpoch.toFixed(3)} ms per epoch`);
