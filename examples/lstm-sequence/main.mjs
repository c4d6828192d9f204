#!/usr/bin/env node
// The tutorial's LSTM program. Usage: node main.mjs [--epochs N] [--layers N] [--dropout P]
import { parseArgs } from 'node:util';
import { train } from './train.mjs';

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '150' },
    layers: { type: 'string', default: '1' },
    dropout: { type: 'string', default: '0' },
  },
});
const [epochs, numLayers, dropout] = [Number(values.epochs), Number(values.layers), Number(values.dropout)];
if (!Number.isInteger(epochs) || epochs < 1 || !Number.isInteger(numLayers) || numLayers < 1 || !(dropout >= 0 && dropout < 1)) {
  console.error('usage: node main.mjs [--epochs N] [--layers N] [--dropout P in [0, 1)]');
  process.exit(2);
}
console.log(
  `remember the first step: LSTM(8, 32, ${numLayers} layer(s), dropout ${dropout}) → Linear(32, 2), Adam(0.01), ${epochs} epochs`,
);
const result = await train({
  epochs,
  numLayers,
  dropout,
  onLog: (epoch, loss) => {
    if (epoch % 10 === 0) console.log(`epoch ${String(epoch).padStart(4)}  loss ${loss.toFixed(4)}`);
  },
});
console.log(`test accuracy ${result.testAccuracy.toFixed(4)}`);
console.log(`${result.millisecondsPerEpoch.toFixed(2)} ms per epoch`);
