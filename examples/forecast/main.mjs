#!/usr/bin/env node
// GRU one-step-ahead forecaster on a seasonal series.
// Usage: node main.mjs [--epochs N] [--cell gru|lstm] [--device cpu|webgpu] [--steps N]
import { failWithUsage, parseTrainingArguments } from '../shared/command-line.mjs';
import { train } from './train.mjs';

const usage = 'node main.mjs [--epochs N] [--cell gru|lstm]';
const { values, device, steps } = parseTrainingArguments(
  { epochs: { type: 'string', default: '20' }, cell: { type: 'string', default: 'gru' } },
  usage,
);
const epochs = Number(values.epochs);
if (!Number.isInteger(epochs) || epochs < 1 || (values.cell !== 'gru' && values.cell !== 'lstm'))
  failWithUsage(`wrong --epochs ${values.epochs} or --cell ${values.cell}`, usage);
const limit = steps === Infinity ? '' : `, at most ${steps} steps`;
console.log(`forecast: ${values.cell.toUpperCase()}(1, 32) over 24 past values → Linear(32, 1), ${epochs} epochs${limit} on ${device}`);
const result = await train({
  epochs,
  maxSteps: steps,
  device,
  cell: /** @type {'gru' | 'lstm'} */ (values.cell),
  onLog: (epoch, loss) => console.log(`epoch ${String(epoch).padStart(3)}  training MSE ${loss.toFixed(5)}`),
});
console.log(`test MSE ${result.mse.toFixed(5)}  MAE ${result.mae.toFixed(5)}`);
console.log(`naive (last value) MSE ${result.naiveMse.toFixed(5)}  MAE ${result.naiveMae.toFixed(5)}`);
