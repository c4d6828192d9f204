import { DataLoader, Generator, TensorDataset } from '@dl/data';
import { loadMnist } from '@dl/datasets';
import { init } from '@dl/gpu';
import { Adam, CrossEntropyLoss } from '@dl/nn';
import { manualSeed, noGrad } from '@dl/tensor';
import { prepareDevice } from '../shared/device.mjs';
import { makeCnn } from './model.mjs';

// Normalisation of PyTorch's MNIST example: (x − 0.1307) / 0.3081
const mean = 0.1307;
const deviation = 0.3081;

/**
 * Trains the tutorial's CNN on the MNIST digits bundled with @dl/datasets (8,004 train / 1,996 test),
 * Adam(lr 1e-3), batch 64, cross-entropy; evaluates test accuracy after the last epoch. The model lives on
 * `device` and each batch is moved there as it comes out of the DataLoader; dropout on the GPU draws
 * the same Philox masks as on the CPU.
 * @param {{ epochs?: number, maxSteps?: number, maxStepsPerEpoch?: number, device?: string, testLimit?: number, seed?: number,
 *   onStep?: (info: { epoch: number, step: number, steps: number, loss: number }) => void,
 *   onEpoch?: (info: { epoch: number, meanLoss: number, seconds: number }) => void }} [options]
 *   `maxSteps` (optimizer steps in all), `maxStepsPerEpoch` and `testLimit` shorten the run (tests, quick tries)
 * @returns {Promise<{ model: import('@dl/nn').Sequential, losses: number[], accuracy: number }>}
 */
export async function train(options = {}) {
  const { epochs = 3, maxSteps = Infinity, maxStepsPerEpoch = Infinity, device = 'cpu', testLimit = Infinity, seed = 1 } = options;
  const { onStep = () => {}, onEpoch = () => {} } = options;
  await prepareDevice(device, { init });
  manualSeed(seed);
  const trainSet = await loadMnist({ train: true });
  const testSet = await loadMnist({ train: false });
  const normalise = (images) => noGrad(() => images.sub(mean).div(deviation));
  const loader = new DataLoader(new TensorDataset(normalise(trainSet.images), trainSet.labels), {
    batchSize: 64,
    shuffle: true,
    generator: new Generator(seed),
  });

  // built on the CPU from the seeded stream, then moved: the same initial weights on every device
  const model = makeCnn().to(device);
  const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
  const lossFunction = new CrossEntropyLoss();
  const losses = [];
  for (let epoch = 1; epoch <= epochs && losses.length < maxSteps; epoch++) {
    model.train();
    const started = performance.now();
    const steps = Math.min(loader.length, maxStepsPerEpoch, maxSteps - losses.length);
    let step = 0;
    let total = 0;
    for await (const batch of loader) {
      if (step >= steps) break;
      const [images, labels] = batch.map((tensor) => tensor.to(device));
      optimizer.zeroGrad();
      const loss = lossFunction.call(model.call(images), labels);
      loss.backward();
      optimizer.step();
      const value = await loss.item();
      losses.push(value);
      total += value;
      step += 1;
      onStep({ epoch, step, steps, loss: value });
    }
    onEpoch({ epoch, meanLoss: total / step, seconds: (performance.now() - started) / 1000 });
  }
  return { model, losses, accuracy: await evaluate(model, testSet, normalise, testLimit, device) };
}

/** Fraction of test digits classified correctly, in batches of 500 moved to `device`. */
async function evaluate(model, testSet, normalise, limit, device) {
  model.eval();
  const count = Math.min(testSet.labels.shape[0], limit);
  let correct = 0;
  for (let start = 0; start < count; start += 500) {
    const length = Math.min(500, count - start);
    const matches = noGrad(() => {
      const images = normalise(testSet.images.narrow(0, start, length)).to(device);
      const predicted = model.call(images).argmax(1);
      return predicted.eq(testSet.labels.narrow(0, start, length).to(device)).sum();
    });
    correct += await matches.item();
  }
  return correct / count;
}
