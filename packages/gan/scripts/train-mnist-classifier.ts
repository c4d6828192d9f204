/**
 * Trains the MNIST classifier behind @dl/gan's quality metrics and writes
 * packages/gan/weights/mnist-classifier.safetensors (with its test accuracy in the metadata).
 * Rerun (from the repo root, after `npx --yes pnpm@10 turbo run build --filter=@dl/gan^...`):
 *   npx tsx packages/gan/scripts/train-mnist-classifier.ts [--epochs 10]
 * Data: the MNIST subset bundled with @dl/datasets (8,004 training / 1,996 test digits). Adam(1e-3),
 * batch 64, seed 0, cross-entropy. About half a minute.
 */
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { DataLoader, Generator, TensorDataset } from '@dl/data';
import { loadMnist } from '@dl/datasets';
import { Adam, CrossEntropyLoss, serializeSafetensors } from '@dl/nn';
import { manualSeed, noGrad } from '@dl/tensor';
import { MnistClassifier } from '../src/quality/mnist-classifier.js';

const { values } = parseArgs({ options: { epochs: { type: 'string', default: '10' } } });
const epochs = Number(values.epochs);
manualSeed(0);
const train = await loadMnist({ train: true });
const test = await loadMnist({ train: false });
const model = new MnistClassifier();
const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
const lossFunction = new CrossEntropyLoss();
const loader = new DataLoader(new TensorDataset(train.images, train.labels), { batchSize: 64, shuffle: true, generator: new Generator(0) });
for (let epoch = 1; epoch <= epochs; epoch++) {
  model.train();
  let total = 0;
  let steps = 0;
  const started = performance.now();
  for await (const [images, labels] of loader) {
    optimizer.zeroGrad();
    const loss = lossFunction.call(model.call(images), labels);
    loss.backward();
    optimizer.step();
    total += loss.itemSync();
    steps += 1;
  }
  console.log(`epoch ${epoch}: mean loss ${(total / steps).toFixed(4)} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
model.eval();
let correct = 0;
for (let start = 0; start < test.labels.shape[0]!; start += 500) {
  const length = Math.min(500, test.labels.shape[0]! - start);
  correct += noGrad(() =>
    model
      .call(test.images.narrow(0, start, length))
      .argmax(1)
      .eq(test.labels.narrow(0, start, length))
      .sum()
      .itemSync(),
  );
}
const accuracy = correct / test.labels.shape[0]!;
console.log(`test accuracy ${(accuracy * 100).toFixed(2)}% on the ${test.labels.shape[0]} bundled test digits`);
const bytes = await serializeSafetensors(model.stateDict(), {
  architecture: 'MnistClassifier (@dl/gan)',
  testAccuracy: String(accuracy),
  testDigits: String(test.labels.shape[0]),
  training: `bundled @dl/datasets MNIST (${train.labels.shape[0]} digits), Adam(1e-3), batch 64, ${epochs} epochs, seed 0`,
});
const path = new URL('../weights/mnist-classifier.safetensors', import.meta.url);
writeFileSync(path, bytes);
console.log(`wrote ${path.pathname} (${bytes.length} bytes)`);
