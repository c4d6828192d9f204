import { perplexityFromLoss } from '@dl/metrics';
import { Adam, CrossEntropyLoss, clipGradNorm } from '@dl/nn';
import { manualSeed, multinomial, noGrad, tensor } from '@dl/tensor';
import { chunks, loadCharacterCorpus } from './corpus.mjs';
import { CharLanguageModel } from './model.mjs';

/** Detaches a state from the graph of the chunk that made it: truncated backpropagation through time. */
const detachState = ([hidden, cell]) => /** @type {[any, any]} */ ([hidden.detach(), cell.detach()]);

/** Mean cross-entropy (nats per character) of the model on held-out ids, state carried across chunks. */
function heldOutLoss(model, lossFunction, ids, { batchSize, sequenceLength }) {
  model.eval();
  let total = 0;
  let count = 0;
  let state = null;
  noGrad(() => {
    for (const { inputs, targets } of chunks(ids, batchSize, sequenceLength)) {
      const [logits, nextState] = model.call(inputs, state);
      const characters = targets.shape[0] * targets.shape[1];
      total += lossFunction.call(logits.reshape([characters, -1]), targets.reshape([characters])).itemSync() * characters;
      count += characters;
      state = nextState;
    }
  });
  model.train();
  return total / count;
}

/**
 * Samples `length` characters after `prompt`: logits / temperature → softmax → multinomial. A low
 * temperature sharpens the distribution (more likely, more repetitive text), a high one flattens it.
 * @param {CharLanguageModel} model
 * @param {import('@dl/data').Vocab} vocab
 */
export function sample(model, vocab, { prompt = 'The ', length = 200, temperature = 0.8 } = {}) {
  model.eval();
  const characters = Array.from(prompt);
  noGrad(() => {
    let state = null;
    let input = tensor(
      Int32Array.from(characters, (character) => vocab.indexOf(character)),
      { shape: [1, characters.length] },
    );
    for (let step = 0; step < length; step++) {
      const [logits, nextState] = model.call(input, state);
      const last = logits
        .select(1, logits.shape[1] - 1)
        .div(temperature)
        .softmax(-1); // [1, V]
      const next = multinomial(last, 1).itemSync();
      characters.push(vocab.tokens[next]);
      input = tensor(Int32Array.of(next), { shape: [1, 1] });
      state = nextState;
    }
  });
  model.train();
  return characters.join('');
}

/**
 * Trains a character-level LSTM language model on the bundled fortunes: chunks of `sequenceLength`
 * characters from `batchSize` parallel streams, the LSTM's state carried from chunk to chunk and
 * detached (truncated BPTT), gradients clipped to norm `clip`, Adam. Reports the held-out perplexity
 * exp(mean cross-entropy) and a sample.
 * @param {{ epochs?: number, maxSteps?: number, maxCharacters?: number, batchSize?: number, sequenceLength?: number,
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
  manualSeed(seed);
  const { vocab, train: trainIds, heldOut } = await loadCharacterCorpus({ maxCharacters });
  const model = new CharLanguageModel({ vocabularySize: vocab.length, embeddingSize, hiddenSize, numLayers, dropout });
  const lossFunction = new CrossEntropyLoss();
  const optimizer = new Adam(model.parameters(), { lr: learningRate });
  const shape = { batchSize, sequenceLength };
  const initialPerplexity = perplexityFromLoss(heldOutLoss(model, lossFunction, heldOut, shape));

  const losses = [];
  let step = 0;
  for (let epoch = 0; epoch < epochs && step < maxSteps; epoch++) {
    let state = null;
    for (const { inputs, targets } of chunks(trainIds, batchSize, sequenceLength)) {
      if (step >= maxSteps) break;
      step++;
      optimizer.zeroGrad();
      const [logits, nextState] = model.call(inputs, state);
      const characters = targets.shape[0] * targets.shape[1];
      const loss = lossFunction.call(logits.reshape([characters, -1]), targets.reshape([characters]));
      loss.backward();
      clipGradNorm(model.parameters(), clip);
      optimizer.step();
      state = detachState(nextState);
      if (step === 1 || step % logEvery === 0) {
        losses.push({ step, loss: loss.itemSync() });
        onLog(step, loss.itemSync());
      }
    }
  }
  const heldOutPerplexity = perplexityFromLoss(heldOutLoss(model, lossFunction, heldOut, shape));
  return {
    losses,
    steps: step,
    vocabularySize: vocab.length,
    initialPerplexity,
    heldOutPerplexity,
    sample: sample(model, vocab, { length: sampleLength, temperature }),
  };
}
