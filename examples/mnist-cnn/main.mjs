#!/usr/bin/env node
// The tutorial's MNIST CNN.
// Usage: node main.mjs [--epochs N] [--out DIR] [--export model.onnx] [--device cpu|webgpu] [--steps N]
//   (or: pnpm --filter @dl/example-mnist-cnn start)
// Writes DIR/mnist-cnn.safetensors (the weights) and DIR/loss-curve.png (default DIR: this folder's out/);
// --export also writes the trained model as ONNX (serve it with examples/onnx-serve).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSafetensors, saveSafetensors } from '@dl/nn';
import { saveOnnx } from '@dl/onnx';
import { zeros } from '@dl/tensor';
import { failWithUsage, parseTrainingArguments } from '../shared/command-line.mjs';
import { makeCnn } from './model.mjs';
import { lossCurvePng } from './plot.mjs';
import { train } from './train.mjs';

const usage = 'node main.mjs [--epochs N] [--out DIR] [--export model.onnx]';
const { values, device, steps } = parseTrainingArguments(
  {
    epochs: { type: 'string', default: '3' },
    export: { type: 'string' },
    out: { type: 'string', default: join(import.meta.dirname ?? '.', 'out') },
  },
  usage,
);
const epochs = Number(values.epochs);
if (!Number.isInteger(epochs) || epochs < 1) failWithUsage(`--epochs must be a positive integer (got ${values.epochs})`, usage);

/** `epoch 1/3 [#########-----------]  63/126  loss 0.2315` on one line, redrawn in place. */
function progressBar({ epoch, step, steps, loss }) {
  const width = 30;
  const filled = Math.round((width * step) / steps);
  const line = `epoch ${epoch}/${epochs} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(step).padStart(4)}/${steps}  loss ${loss.toFixed(4)}`;
  process.stdout.write(process.stdout.isTTY ? `\r${line}` : step === steps || step % 20 === 0 ? `${line}\n` : '');
}

const limit = steps === Infinity ? '' : `, at most ${steps} steps`;
console.log(`MNIST CNN (bundled digits), Adam(lr 1e-3), batch 64, ${epochs} epoch(s)${limit} on ${device}`);
const { model, losses, accuracy } = await train({
  epochs,
  maxSteps: steps,
  device,
  onStep: progressBar,
  onEpoch: ({ epoch, meanLoss, seconds }) =>
    console.log(`${process.stdout.isTTY ? '\n' : ''}epoch ${epoch}: mean loss ${meanLoss.toFixed(4)}, ${seconds.toFixed(1)} s`),
});
console.log(`test accuracy ${(accuracy * 100).toFixed(2)}%`);

mkdirSync(values.out, { recursive: true });
const weights = join(values.out, 'mnist-cnn.safetensors');
await saveSafetensors(model.stateDict(), weights, { architecture: 'tutorial MNIST CNN', testAccuracy: String(accuracy) });
const curve = join(values.out, 'loss-curve.png');
writeFileSync(curve, await lossCurvePng(losses));
console.log(`saved ${weights} and ${curve}`);
if (values.export) {
  // ONNX export traces on the CPU; a GPU's weights come back through the file just saved (an
  // asynchronous read, which the synchronous model.to('cpu') cannot do)
  let onCpu = model;
  if (device !== 'cpu') {
    onCpu = makeCnn();
    onCpu.loadStateDict((await loadSafetensors(weights)).tensors);
    onCpu.eval(); // as the trained model is after its evaluation: no dropout in the exported graph
  }
  // the model takes normalised images [batch, 1, 28, 28] ((x − 0.1307) / 0.3081) and returns logits
  await saveOnnx(values.export, onCpu, [zeros([1, 1, 28, 28])], {
    inputNames: ['images'],
    outputNames: ['logits'],
    dynamicAxes: { images: { 0: 'batch' }, logits: { 0: 'batch' } },
  });
  console.log(`exported ${values.export} (ONNX opset 17; input 'images' [batch, 1, 28, 28] normalised, output 'logits' [batch, 10])`);
}
// the operating system's account of the process's largest resident set (kilobytes on Linux)
console.log(`peak memory (resident set) ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
