#!/usr/bin/env node
// The tutorial's moons MLP. Usage: node main.mjs [--epochs N]  (or: pnpm --filter @dl/example-moons-mlp start)
import { parseArgs } from 'node:util';
import { train } from './train.mjs';

const { values } = parseArgs({ options: { epochs: { type: 'string', default: '200' } } });
const epochs = Number(values.epochs);
if (!Number.isInteger(epochs) || epochs < 1) {
  console.error(`--epochs must be a positive integer (got ${values.epochs})`);
  process.exit(2);
}

console.log(`moons: Linear(2, 16)-ReLU-Linear(16, 2), Adam(lr 0.01), ${epochs} full-batch epochs`);
const result = await train({
  epochs,
  onLog: (epoch, loss) => {
    if (epoch % 20 === 0) console.log(`epoch ${String(epoch).padStart(4)}  loss ${loss.toFixed(4)}`);
  },
});
console.log(`test accuracy  ${result.accuracy.toFixed(4)}`);
console.log(`precision      ${result.precision.toFixed(4)}`);
console.log(`recall         ${result.recall.toFixed(4)}`);
console.log(`F1             ${result.f1.toFixed(4)}`);
console.log(`${result.millisecondsPerEpoch.toFixed(3)} ms per epoch`);
