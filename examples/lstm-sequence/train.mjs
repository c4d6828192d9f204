import { accuracy } from '@dl/metrics';
import { Adam, CrossEntropyLoss, Linear, Module } from '@dl/nn';
import { init } from '@dl/gpu';
import { LSTM } from '@dl/rnn';
import { manualSeed, noGrad, randn } from '@dl/tensor';
import { prepareDevice } from '../shared/device.mjs';

/**
 * A task that needs long memory: sequences [count, steps, 8] from N(0, 1) whose label is the sign of
 * the first feature at the FIRST step; the nine steps after it are noise the network must carry the
 * answer through (a plain RNN's gradient to step 0 fades across them; the LSTM's cell state keeps it).
 * @param {number} count
 * @param {number} steps
 */
export function makeMemorySequences(count, steps = 10) {
  const x = randn([count, steps, 8]);
  return { x, y: x.select(1, 0).select(1, 0).gt(0).to('int32') };
}

/** LSTM → Linear(hidden, 2) on hN of the last layer (for one direction, the last step's output). */
class LSTMClassifier extends Module {
  /** @param {{ hiddenSize: number, numLayers: number, dropout: number }} options */
  constructor({ hiddenSize, numLayers, dropout }) {
    super();
    this.lstm = new LSTM(8, hiddenSize, { batchFirst: true, numLayers, dropout });
    this.fc = new Linear(hiddenSize, 2);
  }

  /** @param {import('@dl/tensor').Tensor} x [B, T, 8] */
  forward(x) {
    const [, [hN]] = this.lstm.call(x); // hN [numLayers, B, H], never batch-first
    return this.fc.call(hN.select(0, hN.shape[0] - 1));
  }
}

/**
 * The tutorial's LSTM program: 64 training sequences of 10 steps, LSTM(8, 32) → Linear(32, 2),
 * cross-entropy, Adam(0.01), full batch; `numLayers: 2, dropout: 0.2` gives the chapter's stacked
 * variant (dropout acts between the layers, in training only; the GPU draws its masks from the same
 * Philox stream as the CPU). Full batch: one optimizer step per epoch, so `steps` caps the epochs.
 * @param {{ epochs?: number, steps?: number, device?: string, hiddenSize?: number, numLayers?: number, dropout?: number, seed?: number,
 *   logEvery?: number, onLog?: (epoch: number, loss: number) => void }} [options]
 * @example
 * const result = await train({ epochs: 150 });
 */
export async function train(options = {}) {
  const { steps = Infinity, device = 'cpu', hiddenSize = 32, numLayers = 1, dropout = 0, seed = 0, logEvery = 10 } = options;
  const { onLog = () => {} } = options;
  const epochs = Math.min(options.epochs ?? 150, steps);
  await prepareDevice(device, { init });
  manualSeed(seed);
  // drawn on the CPU in the seeded order, then moved: the same data and weights on every device
  const [trainSet, testSet] = [makeMemorySequences(64), makeMemorySequences(256)].map(({ x, y }) => ({ x: x.to(device), y: y.to(device) }));
  const model = new LSTMClassifier({ hiddenSize, numLayers, dropout }).to(device);
  const lossFunction = new CrossEntropyLoss();
  const optimizer = new Adam(model.parameters(), { lr: 0.01 });

  const losses = [];
  const started = performance.now();
  for (let epoch = 1; epoch <= epochs; epoch++) {
    optimizer.zeroGrad();
    const loss = lossFunction.call(model.call(trainSet.x), trainSet.y);
    loss.backward();
    optimizer.step();
    if (epoch === 1 || epoch % logEvery === 0 || epoch === epochs) {
      const value = await loss.item();
      losses.push({ epoch, loss: value });
      onLog(epoch, value);
    }
  }
  const millisecondsPerEpoch = (performance.now() - started) / epochs;
  model.eval();
  const predicted = noGrad(() => model.call(testSet.x).argmax(1));
  return { losses, testAccuracy: await accuracy(testSet.y, predicted), millisecondsPerEpoch };
}
