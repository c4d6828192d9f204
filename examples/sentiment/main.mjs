#!/usr/bin/env node
// Bidirectional-LSTM text classifier on the bundled SpamAssassin sample.
// Usage: node main.mjs [--epochs N] [--vectors glove.6B.50d.txt [--freeze]] [--device cpu|webgpu] [--steps N]
import { failWithUsage, parseTrainingArguments } from '../shared/command-line.mjs';
import { train } from './train.mjs';

const usage = 'node main.mjs [--epochs N] [--vectors path/to/glove.txt [--freeze]]';
const { values, device, steps } = parseTrainingArguments(
  { epochs: { type: 'string', default: '3' }, vectors: { type: 'string' }, freeze: { type: 'boolean', default: false } },
  usage,
);
const epochs = Number(values.epochs);
if (!Number.isInteger(epochs) || epochs < 1) failWithUsage(`--epochs must be a positive integer (got ${values.epochs})`, usage);
const limit = steps === Infinity ? '' : `, at most ${steps} steps`;
console.log(
  `SpamAssassin: Embedding → BiLSTM(32) over packed sequences → Linear(64, 2), ${epochs} epochs${limit} on ${device}${values.vectors ? `, vectors from ${values.vectors}` : ''}`,
);
const result = await train({
  epochs,
  maxSteps: steps,
  device,
  vectors: values.vectors ?? null,
  freeze: values.freeze,
  onLog: (epoch, loss) => console.log(`epoch ${epoch}  mean training loss ${loss.toFixed(4)}`),
});
if (values.vectors) console.log(`${result.pretrainedWords} of ${result.vocabularySize} words had a pretrained vector`);
console.log(`test set: ${result.testSize} mails, accuracy ${result.accuracy.toFixed(4)}, F1 ${result.f1.toFixed(4)}`);
