import { Vocab } from '@dl/data';
import { loadFortunes } from '@dl/datasets';
import { tensor } from '@dl/tensor';

/**
 * The bundled fortunes (Debian's `fortunes`, BSD licence) as one text, a character vocabulary, and the
 * text's indices split into training text and held-out text (the last `heldOutFraction`).
 * @param {{ maxCharacters?: number, heldOutFraction?: number }} [options]
 */
export async function loadCharacterCorpus(options = {}) {
  const { maxCharacters = Infinity, heldOutFraction = 0.1 } = options;
  const text = (await loadFortunes()).join('\n\n').slice(0, maxCharacters);
  const characters = Array.from(text);
  const vocab = Vocab.build([characters], { specials: ['<unk>'] });
  const ids = Int32Array.from(characters, (character) => vocab.indexOf(character));
  const split = Math.floor(ids.length * (1 - heldOutFraction));
  return { vocab, train: ids.subarray(0, split), heldOut: ids.subarray(split) };
}

/**
 * Cuts a token stream into `batchSize` parallel streams and yields chunks of `length` steps, with
 * targets shifted by one: inputs [B, T] and targets [B, T] (int32). Stream b is a contiguous piece of
 * the text, so the hidden state at the end of one chunk is the right start for the next (truncated BPTT).
 * @param {Int32Array} ids
 * @param {number} batchSize
 * @param {number} length
 */
export function* chunks(ids, batchSize, length) {
  const perStream = Math.floor((ids.length - 1) / batchSize);
  for (let start = 0; start + 1 < perStream; start += length) {
    const steps = Math.min(length, perStream - 1 - start);
    const inputs = new Int32Array(batchSize * steps);
    const targets = new Int32Array(batchSize * steps);
    for (let stream = 0; stream < batchSize; stream++)
      for (let step = 0; step < steps; step++) {
        const position = stream * perStream + start + step;
        inputs[stream * steps + step] = ids[position];
        targets[stream * steps + step] = ids[position + 1];
      }
    yield { inputs: tensor(inputs, { shape: [batchSize, steps] }), targets: tensor(targets, { shape: [batchSize, steps] }) };
  }
}
