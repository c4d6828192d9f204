#!/usr/bin/env node
// GRU one-step-ahead forecaster on a seasonal series. Usage: node main.mjs [--epochs N] [--cell gru|lstm]
import { parseArgs } from 'node:util';
import { train } from './train.mjs';

const { values } = parseArgs({ options: { epochs: { type: 'string', default: '20' }, cell: { type: 'string', default: 'gru' } } });
const epochs = Number(values.epochs);
if (!Number.isInteger(epochs) || epochs < 1 || (values.cell !== 'gru' && values.cell !== 'lstm')) {
  console.error('usage: node main.mjs [--epochs N] [--cell gru|lstm]');
  process.exit(2);
}
console.log(`forecast: ${values.cell.toUpperCase()}(1, 32) over 24 past values → Linear(32, 1), ${epochs} epochs`);
const result = await train({
  epochs,
  cell: /** @type {'gru' | 'lstm'} */ (values.cell),
  onLog: (epoch, loss) => console.log(`epoch ${String(epoch).padStart(3)}  training MSE ${loss.toFixed(5)}`),
});
console.log(`test MSE ${result.mse.toFixed(5)}  MAE ${result.mae.toFixed(5)}`);
console.log(`naive (last value) MSE ${result.naiveMse.toFixed(5)}  MAE ${result.naiveMae.toFixed(5)}`);
