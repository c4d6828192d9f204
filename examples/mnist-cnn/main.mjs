#!/usr/bin/env node
// The tutorial's MNIST CNN. Usage: node main.mjs [--epochs N] [--out DIR] [--export model.onnx]
//   (or: pnpm --filter @dl/example-mnist-cnn start)
// Writes DIR/mnist-cnn.safetensors (the weights) and DIR/loss-curve.png (default DIR: this folder's out/);
// --export also writes the trained model as ONNX (serve it with examples/onnx-serve).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { saveSafetensors } from '@dl/nn';
import { saveOnnx } from '@dl/onnx';
import { zeros } from '@dl/tensor';
import { lossCurvePng } from './plot.mjs';
import { train } from './train.mjs';

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '3' },
    export: { type: 'string' },
    out: { type: 'string', default: join(import.meta.dirname ?? '.', 'out') },
  },
});
const epochs = Number(values.epochs);
if (!Number.isInteger(epochs) || epochs < 1) {
  console.error(`--epochs must be a positive integer (got ${values.epochs})`);
  process.exit(2);
}

/** `epoch 1/3 [#########-----------]  63/126  loss 0.2315` on one line, redrawn in place. */
function progressBar({ epoch, step, steps, loss }) {
  const width = 30;
  const filled = Math.round((width * step) / steps);
  const line = `epoch ${epoch}/${epochs} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(step).padStart(4)}/${steps}  loss ${loss.toFixed(4)}`;
  process.stdout.write(process.stdout.isTTY ? `\r${line}` : step === steps || step % 20 === 0 ? `${line}\n` : '');
}

console.log(`MNIST CNN (bundled digits), Adam(lr 1e-3), batch 64, ${epochs} epoch(s)`);
const { model, losses, accuracy } = await train({
  epochs,
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
  // the model takes normalised images [batch, 1, 28, 28] ((x − 0.1307) / 0.3081) and returns logits
  await saveOnnx(values.export, model, [zeros([1, 1, 28, 28])], {
    inputNames: ['images'],
    outputNames: ['logits'],
    dynamicAxes: { images: { 0: 'batch' }, logits: { 0: 'batch' } },
  });
  console.log(`exported ${values.export} (ONNX opset 17; input 'images' [batch, 1, 28, 28] normalised, output 'logits' [batch, 10])`);
}
// the operating system's account of the process's largest resident set (kilobytes on Linux)
console.log(`peak memory (resident set) ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
