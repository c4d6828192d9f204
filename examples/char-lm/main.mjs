#!/usr/bin/env node
// Character-level LSTM language model on the bundled fortunes.
// Usage: node main.mjs [--epochs N] [--hidden N] [--layers N] [--temperature T] [--device cpu|webgpu] [--steps N]
import { failWithUsage, parseTrainingArguments } from '../shared/command-line.mjs';
import { train } from './train.mjs';

const usage = 'node main.mjs [--epochs N] [--hidden N] [--layers N] [--temperature T > 0]';
const {
  values,
  device,
  steps: maxSteps,
} = parseTrainingArguments(
  {
    epochs: { type: 'string', default: '3' },
    hidden: { type: 'string', default: '128' },
    layers: { type: 'string', default: '1' },
    temperature: { type: 'string', default: '0.8' },
  },
  usage,
);
const [epochs, hiddenSize, numLayers, temperature] = ['epochs', 'hidden', 'layers', 'temperature'].map((key) => Number(values[key]));
if (![epochs, hiddenSize, numLayers].every((value) => Number.isInteger(value) && value > 0) || !(temperature > 0))
  failWithUsage(
    `wrong --epochs ${values.epochs}, --hidden ${values.hidden}, --layers ${values.layers} or --temperature ${values.temperature}`,
    usage,
  );
console.log(
  `char-LM: Embedding → LSTM(32, ${hiddenSize}, ${numLayers} layer(s)) → Linear, truncated BPTT over 64 characters, clip 1.0, on ${device}`,
);
const started = performance.now();
const result = await train({
  epochs,
  maxSteps,
  device,
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
