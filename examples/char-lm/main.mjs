#!/usr/bin/env node
// Character-level LSTM language model on the bundled fortunes.
// Usage: node main.mjs [--epochs N] [--hidden N] [--layers N] [--temperature T] [--steps N]
import { parseArgs } from 'node:util';
import { train } from './train.mjs';

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '3' },
    steps: { type: 'string', default: 'Infinity' },
    hidden: { type: 'string', default: '128' },
    layers: { type: 'string', default: '1' },
    temperature: { type: 'string', default: '0.8' },
  },
});
const [epochs, maxSteps, hiddenSize, numLayers, temperature] = ['epochs', 'steps', 'hidden', 'layers', 'temperature'].map((key) =>
  Number(values[key]),
);
if (![epochs, hiddenSize, numLayers].every((value) => Number.isInteger(value) && value > 0) || !(maxSteps > 0) || !(temperature > 0)) {
  console.error('usage: node main.mjs [--epochs N] [--steps N] [--hidden N] [--layers N] [--temperature T > 0]');
  process.exit(2);
}
console.log(`char-LM: Embedding → LSTM(32, ${hiddenSize}, ${numLayers} layer(s)) → Linear, truncated BPTT over 64 characters, clip 1.0`);
const started = performance.now();
const result = await train({
  epochs,
  maxSteps,
  hiddenSize,
  numLayers,
  temperature,
  dropout: numLayers > 1 ? 0.2 : 0,
  onLog: (step, loss) =>
    console.log(`step ${String(step).padStart(5)}  loss ${loss.toFixed(3)}  (perplexity ${Math.exp(loss).toFixed(1)})`),
});
console.log(
  `${result.steps} steps in ${((performance.now() - started) / 1000).toFixed(0)} s; vocabulary ${result.vocabularySize} characters`,
);
console.log(`held-out perplexity ${result.initialPerplexity.toFixed(2)} before training → ${result.heldOutPerplexity.toFixed(2)}`);
console.log(`sample (temperature ${temperature}):\n${result.sample}`);
