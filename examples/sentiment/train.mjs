import { init } from '@dl/gpu';
import { accuracy, f1Score } from '@dl/metrics';
import { Adam, CrossEntropyLoss, clipGradNorm } from '@dl/nn';
import { manualSeed, noGrad } from '@dl/tensor';
import { prepareDevice } from '../shared/device.mjs';
import { TextClassifier } from './model.mjs';
import { buildVocabulary, loadTexts, makeBatch, readPretrainedVectors } from './texts.mjs';

/**
 * Trains the bidirectional-LSTM text classifier on the bundled SpamAssassin sample (spam = 1): an
 * 80/20 split, mini-batches of variable-length texts packed with `packPaddedSequence`
 * (`enforceSorted: false`), cross-entropy, Adam, gradient clipping; accuracy and F1 on the test split.
 * `vectors` names a GloVe-format text file of pretrained word vectors to start the embedding from.
 * The model lives on `device`, each batch is moved there; `maxSteps` stops after that many optimizer
 * steps (the epoch's mean is then over the steps done) and `onStep` sees every step's loss.
 * @param {{ epochs?: number, maxSteps?: number, device?: string, limit?: number, maxTokens?: number, batchSize?: number, embeddingSize?: number,
 *   hiddenSize?: number, learningRate?: number, vectors?: string | null, freeze?: boolean, seed?: number,
 *   onLog?: (epoch: number, loss: number) => void, onStep?: (step: number, loss: number) => void }} [options]
 * @example
 * const result = await train({ epochs: 3 });
 * result.accuracy; result.f1;
 */
export async function train(options = {}) {
  const {
    epochs = 3,
    maxSteps = Infinity,
    device = 'cpu',
    limit = Infinity,
    maxTokens = 80,
    batchSize = 32,
    embeddingSize = 32,
    hiddenSize = 32,
    learningRate = 0.005,
    vectors = null,
    freeze = false,
    seed = 0,
    onLog = () => {},
    onStep = () => {},
  } = options;
  await prepareDevice(device, { init });
  manualSeed(seed);
  const examples = await loadTexts({ limit, maxTokens, seed });
  const split = Math.floor(examples.length * 0.8);
  const trainSet = examples.slice(0, split);
  const testSet = examples.slice(split);
  const vocab = buildVocabulary(trainSet);
  const pretrained = vectors ? readPretrainedVectors(vectors, vocab) : null;
  const model = new TextClassifier({
    vocabularySize: vocab.length,
    embeddingSize,
    hiddenSize,
    classes: 2,
    paddingIndex: vocab.indexOf('<pad>'),
    pretrained: pretrained?.vectors ?? null,
    freeze,
  }).to(device); // built on the CPU from the seeded stream, then moved: the same weights on every device
  const lossFunction = new CrossEntropyLoss();
  const optimizer = new Adam(
    model.parameters().filter((parameter) => parameter.requiresGrad),
    { lr: learningRate },
  );

  const losses = [];
  let step = 0;
  for (let epoch = 1; epoch <= epochs && step < maxSteps; epoch++) {
    let total = 0;
    let batches = 0;
    for (let start = 0; start < trainSet.length && step < maxSteps; start += batchSize) {
      const batch = makeBatch(trainSet.slice(start, start + batchSize), vocab);
      optimizer.zeroGrad();
      const loss = lossFunction.call(model.call(batch.tokens.to(device), batch.lengths), batch.labels.to(device));
      loss.backward();
      clipGradNorm(model.parameters(), 5);
      optimizer.step();
      const value = await loss.item();
      step++;
      onStep(step, value);
      total += value;
      batches++;
    }
    losses.push({ epoch, loss: total / batches });
    onLog(epoch, total / batches);
  }

  model.eval();
  const predictions = [];
  for (let start = 0; start < testSet.length; start += 128) {
    const batch = makeBatch(testSet.slice(start, start + 128), vocab);
    const predicted = noGrad(() => model.call(batch.tokens.to(device), batch.lengths).argmax(1));
    predictions.push(...Array.from(await predicted.data()));
  }
  const truth = testSet.map((example) => example.label);
  return {
    losses,
    vocabularySize: vocab.length,
    pretrainedWords: pretrained?.found ?? 0,
    testSize: testSet.length,
    accuracy: await accuracy(truth, predictions),
    f1: /** @type {number} */ (await f1Score(truth, predictions)),
  };
}
