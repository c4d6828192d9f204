#!/usr/bin/env node
// The tutorial's RNN program.
// Usage: node main.mjs [--epochs N] [--cell rnn|gru] [--bidirectional] [--device cpu|webgpu] [--steps N]
import { failWithUsage, parseTrainingArguments } from '../shared/command-line.mjs';
import { train } from './train.mjs';

const usage = 'node main.mjs [--epochs N (positive integer)] [--cell rnn|gru] [--bidirectional]';
const { values, device, steps } = parseTrainingArguments(
  {
    epochs: { type: 'string', default: '200' },
    cell: { type: 'string', default: 'rnn' },
    bidirectional: { type: 'boolean', default: false },
  },
  usage,
);
const epochs = Number(values.epochs);
if (!Number.isInteger(epochs) || epochs < 1 || (values.cell !== 'rnn' && values.cell !== 'gru'))
  failWithUsage(`wrong --epochs ${values.epochs} or --cell ${values.cell}`, usage);
const cell = /** @type {'rnn' | 'gru'} */ (values.cell);
console.log(
  `sequence classifier: ${cell.toUpperCase()}(8, 32${values.bidirectional ? ', bidirectional' : ''}) → Linear → 2, Adam(0.01), ${Math.min(epochs, steps)} epochs on ${device}`,
);
const result = await train({
  epochs,
  steps,
  device,
  cell,
  bidirectional: values.bidirectional,
  onLog: (epoch, loss, gradientNorm) => {
    if (epoch % 20 === 0)
      console.log(`epoch ${String(epoch).padStart(4)}  loss ${loss.toFixed(4)}  gradient norm ${gradientNorm.toFixed(3)}`);
  },
});
console.log(`test accuracy ${result.testAccuracy.toFixed(4)}`);
console.log(`${result.millisecondsPerEpoch.toFixed(2)} ms per epoch`);
