#!/usr/bin/env node
// Bidirectional-LSTM text classifier on the bundled SpamAssassin sample.
// Usage: node main.mjs [--epochs N] [--vectors glove.6B.50d.txt [--freeze]]
import { parseArgs } from 'node:util';
import { train } from './train.mjs';

const { values } = parseArgs({
  options: { epochs: { type: 'string', default: '3' }, vectors: { type: 'string' }, freeze: { type: 'boolean', default: false } },
});
const epochs = Number(values.epochs);
if (!Number.isInteger(epochs) || epochs < 1) {
  console.error('usage: node main.mjs [--epochs N] [--vectors path/to/glove.txt [--freeze]]');
  process.exit(2);
}
console.log(
  `SpamAssassin: Embedding → BiLSTM(32) over packed sequences → Linear(64, 2), ${epochs} epochs${values.vectors ? `, vectors from ${values.vectors}` : ''}`,
);
const result = await train({
  epochs,
  vectors: values.vectors ?? null,
  freeze: values.freeze,
  onLog: (epoch, loss) => console.log(`epoch ${epoch}  mean training loss ${loss.toFixed(4)}`),
});
if (values.vectors) console.log(`${result.pretrainedWords} of ${result.vocabularySize} words had a pretrained vector`);
console.log(`test set: ${result.testSize} mails, accuracy ${result.accuracy.toFixed(4)}, F1 ${result.f1.toFixed(4)}`);
