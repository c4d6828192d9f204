import { accuracy } from '@dl/metrics';
import { Adam, CrossEntropyLoss, Linear, Module } from '@dl/nn';
import { LSTM } from '@dl/rnn';
import { manualSeed, noGrad, randn } from '@dl/tensor';

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
 * variant (dropout acts between the layers, in training only).
 * @param {{ epochs?: number, hiddenSize?: number, numLayers?: number, dropout?: number, seed?: number,
 *   logEvery?: number, onLog?: (epoch: number, loss: number) => void }} [options]
 * @example
 * const result = await train({ epochs: 150 });
 */
export async function train(options = {}) {
  const { epochs = 150, hiddenSize = 32, numLayers = 1, dropout = 0, seed = 0, logEvery = 10, onLog = () => {} } = options;
  manualSeed(seed);
  const trainSet = makeMemorySequences(64);
  const testSet = makeMemorySequences(256);
  const model = new LSTMClassifier({ hiddenSize, numLayers, dropout });
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
      losses.push({ epoch, loss: loss.itemSync() });
      onLog(epoch, loss.itemSync());
    }
  }
  const millisecondsPerEpoch = (performance.now() - started) / epochs;
  model.eval();
  const predicted = noGrad(() => model.call(testSet.x).argmax(1));
  return { losses, testAccuracy: await accuracy(testSet.y, predicted), millisecondsPerEpoch };
}
