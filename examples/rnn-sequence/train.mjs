import { accuracy } from '@dl/metrics';
import { Adam, CrossEntropyLoss, Linear, Module, clipGradNorm } from '@dl/nn';
import { init } from '@dl/gpu';
import { GRU, RNN } from '@dl/rnn';
import { manualSeed, noGrad } from '@dl/tensor';
import { prepareDevice } from '../shared/device.mjs';
import { makeSequences } from './data.mjs';

/** RNN (or GRU) → Linear(D·hidden, 2) on the output of the last time step. */
class SequenceClassifier extends Module {
  /** @param {{ cell: 'rnn' | 'gru', hiddenSize: number, bidirectional: boolean }} options */
  constructor({ cell, hiddenSize, bidirectional }) {
    super();
    const Layer = cell === 'gru' ? GRU : RNN;
    this.rnn = new Layer(8, hiddenSize, { batchFirst: true, bidirectional });
    this.fc = new Linear(hiddenSize * (bidirectional ? 2 : 1), 2);
  }

  /** @param {import('@dl/tensor').Tensor} x [B, T, 8] */
  forward(x) {
    const [output] = this.rnn.call(x); // [B, T, D·H]
    return this.fc.call(output.select(1, output.shape[1] - 1));
  }
}

/**
 * The tutorial's RNN program: 100 training sequences of 10 steps × 8 features, RNN(8, 32) →
 * Linear(32, 2) on the last step, cross-entropy, Adam(0.01), full batch, gradients clipped to norm 1
 * (`clipGradNorm`, the cure for exploding gradients); the norm before clipping is recorded, to watch
 * it. `cell: 'gru'` and `bidirectional: true` give the chapter's two variants. Full batch: one optimizer
 * step per epoch, so `steps` caps the epochs. Model and data live on `device`.
 * @param {{ epochs?: number, steps?: number, device?: string, cell?: 'rnn' | 'gru', bidirectional?: boolean, hiddenSize?: number, seed?: number,
 *   logEvery?: number, onLog?: (epoch: number, loss: number, gradientNorm: number) => void }} [options]
 * @example
 * const result = await train({ epochs: 200 });
 * result.testAccuracy; // ≈ 0.9
 */
export async function train(options = {}) {
  const { steps = Infinity, device = 'cpu', cell = 'rnn', bidirectional = false, hiddenSize = 32, seed = 0, logEvery = 20 } = options;
  const { onLog = () => {} } = options;
  const epochs = Math.min(options.epochs ?? 200, steps);
  await prepareDevice(device, { init });
  manualSeed(seed);
  // drawn on the CPU in the seeded order, then moved: the same data and weights on every device
  const [trainSet, testSet] = [makeSequences(100), makeSequences(200)].map(({ x, y }) => ({ x: x.to(device), y: y.to(device) }));
  const model = new SequenceClassifier({ cell, hiddenSize, bidirectional }).to(device);
  const lossFunction = new CrossEntropyLoss();
  const optimizer = new Adam(model.parameters(), { lr: 0.01 });

  const losses = [];
  const started = performance.now();
  for (let epoch = 1; epoch <= epochs; epoch++) {
    optimizer.zeroGrad();
    const loss = lossFunction.call(model.call(trainSet.x), trainSet.y);
    loss.backward();
    const gradientNorm = clipGradNorm(model.parameters(), 1.0);
    optimizer.step();
    if (epoch === 1 || epoch % logEvery === 0 || epoch === epochs) {
      const [value, norm] = [await loss.item(), await gradientNorm.item()];
      losses.push({ epoch, loss: value, gradientNorm: norm });
      onLog(epoch, value, norm);
    }
  }
  const millisecondsPerEpoch = (performance.now() - started) / epochs;

  model.eval();
  const predicted = noGrad(() => model.call(testSet.x).argmax(1));
  return { losses, testAccuracy: await accuracy(testSet.y, predicted), millisecondsPerEpoch };
}
