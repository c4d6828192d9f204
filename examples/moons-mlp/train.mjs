import { accuracy, f1Score, precision, recall } from '@dl/metrics';
import { makeMoons, StandardScaler, trainTestSplit } from '@dl/data';
import { Adam, CrossEntropyLoss, Linear, ReLU, Sequential } from '@dl/nn';
import { init } from '@dl/gpu';
import { manualSeed, noGrad } from '@dl/tensor';
import { prepareDevice } from '../shared/device.mjs';

/**
 * The tutorial's moons classifier: make_moons (1000 points, noise 0.2, seed 42), standardised,
 * an 80/20 split, Linear(2, 16)-ReLU-Linear(16, 2), cross-entropy, Adam(lr 0.01), full-batch epochs
 * (one optimizer step each, so `steps` caps the epochs). Model and data live on `device`.
 * @param {{ epochs?: number, steps?: number, device?: string, learningRate?: number, seed?: number, logEvery?: number,
 *   onLog?: (epoch: number, loss: number) => void }} [options]
 * @returns {Promise<{ losses: { epoch: number, loss: number }[], accuracy: number, precision: number,
 *   recall: number, f1: number, millisecondsPerEpoch: number }>}
 * @example
 * const result = await train({ epochs: 200 });
 * result.accuracy; // ≥ 0.95
 */
export async function train(options = {}) {
  const { steps = Infinity, device = 'cpu', learningRate = 0.01, seed = 0, logEvery = 20, onLog = () => {} } = options;
  const epochs = Math.min(options.epochs ?? 200, steps);
  await prepareDevice(device, { init });
  manualSeed(seed);
  const { x, y } = makeMoons({ nSamples: 1000, noise: 0.2, randomState: 42 });
  const [xTrainRaw, xTestRaw, yTrain, yTest] = trainTestSplit([x, y], { testSize: 0.2, randomState: 42 });
  const scaler = new StandardScaler().fit(xTrainRaw);
  const xTrain = scaler.transform(xTrainRaw).to(device);
  const xTest = scaler.transform(xTestRaw).to(device);
  const yTrainOnDevice = yTrain.to(device);

  // built on the CPU from the seeded stream, then moved: the same initial weights on every device
  const model = new Sequential(new Linear(2, 16), new ReLU(), new Linear(16, 2)).to(device);
  const lossFunction = new CrossEntropyLoss();
  const optimizer = new Adam(model.parameters(), { lr: learningRate });

  const losses = [];
  const started = performance.now();
  for (let epoch = 1; epoch <= epochs; epoch++) {
    optimizer.zeroGrad();
    const loss = lossFunction.call(model.call(xTrain), yTrainOnDevice);
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
  const predicted = noGrad(() => model.call(xTest).argmax(1));
  return {
    losses,
    accuracy: await accuracy(yTest, predicted),
    precision: /** @type {number} */ (await precision(yTest, predicted)),
    recall: /** @type {number} */ (await recall(yTest, predicted)),
    f1: /** @type {number} */ (await f1Score(yTest, predicted)),
    millisecondsPerEpoch,
  };
}
