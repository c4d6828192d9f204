#!/usr/bin/env node
// The tutorial's LSTM program.
// Usage: node main.mjs [--epochs N] [--layers N] [--dropout P] [--device cpu|webgpu] [--steps N]
import { failWithUsage, parseTrainingArguments } from '../shared/command-line.mjs';
import { train } from './train.mjs';

const usage = 'node main.mjs [--epochs N] [--layers N] [--dropout P in [0, 1)]';
const { values, device, steps } = parseTrainingArguments(
  {
    epochs: { type: 'string', default: '150' },
    layers: { type: 'string', default: '1' },
    dropout: { type: 'string', default: '0' },
  },
  usage,
);
const [epochs, numLayers, dropout] = [Number(values.epochs), Number(values.layers), Number(values.dropout)];
if (!Number.isInteger(epochs) || epochs < 1 || !Number.isInteger(numLayers) || numLayers < 1 || !(dropout >= 0 && dropout < 1))
  failWithUsage(`wrong --epochs ${values.epochs}, --layers ${values.layers} or --dropout ${values.dropout}`, usage);
console.log(
  `remember the first step: LSTM(8, 32, ${numLayers} layer(s), dropout ${dropout}) → Linear(32, 2), Adam(0.01), ${Math.min(epochs, steps)} epochs on ${device}`,
);
const result = await train({
  epochs,
  steps,
  device,
  numLayers,
  dropout,
  onLog: (epoch, loss) => {
    if (epoch % 10 === 0) console.log(`epoch ${String(epoch).padStart(4)}  loss ${loss.toFixed(4)}`);
  },
});
console.log(`test accuracy ${result.testAccuracy.toFixed(4)}`);
console.log(`${result.millisecondsPerEpoch.toFixed(2)} ms per epoch`);
