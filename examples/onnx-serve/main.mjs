#!/usr/bin/env node
// Serves the tutorial's MNIST CNN with ONNX Runtime. Usage:
//   node examples/mnist-cnn/main.mjs --export /tmp/mnist.onnx   (train and export)
//   node examples/onnx-serve/main.mjs /tmp/mnist.onnx           (classify the bundled test digits)
import { parseArgs } from 'node:util';
import { classifyTestDigits } from './classify.mjs';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { threads: { type: 'string', default: '1' } } });
if (positionals.length !== 1) {
  console.error('usage: node main.mjs MODEL.onnx [--threads N]');
  process.exit(2);
}
const started = performance.now();
const { accuracy, count } = await classifyTestDigits(positionals[0], { threads: Number(values.threads) });
console.log(
  `ONNX Runtime: ${count} test digits, accuracy ${(accuracy * 100).toFixed(2)}% (${((performance.now() - started) / 1000).toFixed(2)} s)`,
);
