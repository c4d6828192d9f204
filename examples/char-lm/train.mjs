import { init } from '@dl/gpu';
import { perplexityFromLoss } from '@dl/metrics';
import { Adam, CrossEntropyLoss, clipGradNorm } from '@dl/nn';
import { manualSeed, multinomial, noGrad, tensor } from '@dl/tensor';
import { prepareDevice } from '../shared/device.mjs';
import { chunks, loadCharacterCorpus } from './corpus.mjs';
import { CharLanguageModel } from './model.mjs';

/** Detaches a state from the graph of the chunk that made it: truncated backpropagation through time. */
const detachState = ([hidden, cell]) => /** @type {[any, any]} */ ([hidden.detach(), cell.detach()]);

/** Mean cross-entropy (nats per character) of the model on held-out ids, state carried across chunks. */
async function heldOutLoss(model, lossFunction, ids, { batchSize, sequenceLength }, device) {
  model.eval();
  let total = 0;
  let count = 0;
  let state = null;
  for (const chunk of chunks(ids, batchSize, sequenceLength)) {
    const [inputs, targets] = [chunk.inputs.to(device), chunk.targets.to(device)];
    const characters = targets.shape[0] * targets.shape[1];
    const loss = noGrad(() => {
      const [logits, nextState] = model.call(inputs, state);
      state = nextState;
      return lossFunction.call(logits.reshape([characters, -1]), targets.reshape([characters]));
    });
    total += (await loss.item()) * characters;
    count += characters;
  }
  model.train();
  return total / count;
}

/**
 * Samples `length` characters after `prompt`: logits / temperature → softmax → multinomial. A low
 * temperature sharpens the distribution (more likely, more repetitive text), a high one flattens it.
 * The model runs on its own device; each step's probabilities come back to the CPU, where the draw is
 * made, so the same seed gives the same text on every device.
 * @param {CharLanguageModel} model
 * @param {import('@dl/data').Vocab} vocab
 * @returns {Promise<string>}
 */
export async function sample(model, vocab, { prompt = 'The ', length = 200, temperature = 0.8, device = 'cpu' } = {}) {
  model.eval();
  const characters = Array.from(prompt);
  let state = null;
  let input = tensor(
    Int32Array.from(characters, (character) => vocab.indexOf(character)),
    { shape: [1, characters.length] },
  );
  for (let step = 0; step < length; step++) {
    const probabilities = noGrad(() => {
      const [logits, nextState] = model.call(input.to(device), state);
      state = nextState;
      return logits
        .select(1, logits.shape[1] - 1)
        .div(temperature)
        .softmax(-1); // [1, V]
    });
    const next = multinomial(await probabilities.toAsync('cpu'), 1).itemSync();
    characters.push(vocab.tokens[next]);
    input = tensor(Int32Array.of(next), { shape: [1, 1] });
  }
  model.train();
  return characters.join('');
}

/**
 * Trains a character-level LSTM language model on the bundled fortunes: chunks of `sequenceLength`
 * characters from `batchSize` parallel streams, the LSTM's state carried from chunk to chunk and
 * detached (truncated BPTT), gradients clipped to norm `clip`, Adam. Reports the held-out perplexity
 * exp(mean cross-entropy) and a sample. Model and chunks live on `device`.
 * @param {{ epochs?: number, maxSteps?: number, device?: string, maxCharacters?: number, batchSize?: number, sequenceLength?: number,
 *   embeddingSize?: number, hiddenSize?: number, numLayers?: number, dropout?: number, learningRate?: number, clip?: number,
 *   temperature?: number, sampleLength?: number, seed?: number, logEvery?: number, onLog?: (step: number, loss: number) => void }} [options]
 * @example
 * const result = await train({ epochs: 1 });
 * result.heldOutPerplexity; result.sample;
 */
export async function train(options = {}) {
  const {
    epochs = 3,
    maxSteps = Infinity,
    device = 'cpu',
    maxCharacters = Infinity,
    batchSize = 32,
    sequenceLength = 64,
    embeddingSize = 32,
    hiddenSize = 128,
    numLayers = 1,
    dropout = 0,
    learningRate = 0.003,
    clip = 1,
    temperature = 0.8,
    sampleLength = 200,
    seed = 0,
    logEvery = 50,
    onLog = () => {},
  } = options;
  await prepareDevice(device, { init });
  manualSeed(seed);
  const { vocab, train: trainIds, heldOut } = await loadCharacterCorpus({ maxCharacters });
  // built on the CPU from the seeded stream, then moved: the same initial weights on every device
  const model = new CharLanguageModel({ vocabularySize: vocab.length, embeddingSize, hiddenSize, numLayers, dropout }).to(device);
  const lossFunction = new CrossEntropyLoss();
  const optimizer = new Adam(model.parameters(), { lr: learningRate });
  const shape = { batchSize, sequenceLength };
  const initialPerplexity = perplexityFromLoss(await heldOutLoss(model, lossFunction, heldOut, shape, device));

  const losses = [];
  let step = 0;
  for (let epoch = 0; epoch < epochs && step < maxSteps; epoch++) {
    let state = null;
    for (const chunk of chunks(trainIds, batchSize, sequenceLength)) {
      if (step >= maxSteps) break;
      step++;
      const [inputs, targets] = [chunk.inputs.to(device), chunk.targets.to(device)];
      optimizer.zeroGrad();
      const [logits, nextState] = model.call(inputs, state);
      const characters = targets.shape[0] * targets.shape[1];
      const loss = lossFunction.call(logits.reshape([characters, -1]), targets.reshape([characters]));
      loss.backward();
      clipGradNorm(model.parameters(), clip);
      optimizer.step();
      state = detachState(nextState);
      if (step === 1 || step % logEvery === 0) {
        const value = await loss.item();
        losses.push({ step, loss: value });
        onLog(step, value);
      }
    }
  }
  const heldOutPerplexity = perplexityFromLoss(await heldOutLoss(model, lossFunction, heldOut, shape, device));
  return {
    losses,
    steps: step,
    vocabularySize: vocab.length,
    initialPerplexity,
    heldOutPerplexity,
    sample: await sample(model, vocab, { length: sampleLength, temperature, device }),
  };
}
