import { readFileSync } from 'node:fs';
import { Vocab, getTokenizer } from '@dl/data';
import { loadSpamAssassin } from '@dl/datasets';
import { tensor } from '@dl/tensor';

/**
 * The bundled SpamAssassin sample (1,500 mails: subject and the start of the body; PDDL 1.0 / CC0),
 * tokenised with torchtext's basic_english rules, shuffled with a fixed seed and cut at `maxTokens`.
 * @param {{ limit?: number, maxTokens?: number, seed?: number }} [options]
 */
export async function loadTexts({ limit = Infinity, maxTokens = 80, seed = 0 } = {}) {
  const { texts, labels } = await loadSpamAssassin();
  const tokenize = getTokenizer('basic_english');
  const order = shuffled(texts.length, seed).slice(0, Math.min(limit, texts.length));
  return order.map((index) => ({ tokens: tokenize(texts[index]).slice(0, maxTokens), label: labels[index] }));
}

/** 0..n−1 in a seeded pseudo-random order (a small linear congruential generator: data order only). */
function shuffled(n, seed) {
  const order = Array.from({ length: n }, (_, index) => index);
  let state = seed * 2654435761 + 1;
  for (let index = n - 1; index > 0; index--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const other = state % (index + 1);
    [order[index], order[other]] = [order[other], order[index]];
  }
  return order;
}

/** The vocabulary of the training texts: '<unk>' 0, '<pad>' 1, then tokens seen at least `minFreq` times. */
export function buildVocabulary(examples, minFreq = 2) {
  return Vocab.build(
    examples.map((example) => example.tokens),
    { specials: ['<unk>', '<pad>'], minFreq },
  );
}

/** A padded int32 batch [B, maxLength], each text's length, and the labels. */
export function makeBatch(examples, vocab) {
  const lengths = examples.map((example) => Math.max(1, example.tokens.length));
  const width = Math.max(...lengths);
  const ids = new Int32Array(examples.length * width).fill(vocab.indexOf('<pad>'));
  examples.forEach((example, row) => example.tokens.forEach((token, column) => (ids[row * width + column] = vocab.indexOf(token))));
  return {
    tokens: tensor(ids, { shape: [examples.length, width] }),
    lengths,
    labels: tensor(Int32Array.from(examples, (example) => example.label)),
  };
}

/**
 * Pretrained word vectors in GloVe's text format (`word v1 v2 … vd` per line) as an embedding matrix
 * for `vocab` [V, d]: known words get their vector, the others (and '<pad>') zeros.
 * @param {string} path
 * @param {import('@dl/data').Vocab} vocab
 */
export function readPretrainedVectors(path, vocab) {
  const rows = new Map();
  let dimension = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [word, ...values] = line.trimEnd().split(' ');
    if (!word || values.length === 0 || !vocab.has(word)) continue;
    dimension = values.length;
    rows.set(word, values.map(Number));
  }
  if (dimension === 0) throw new Error(`readPretrainedVectors: no vector in ${path} matches the vocabulary`);
  const matrix = new Float32Array(vocab.length * dimension);
  vocab.tokens.forEach((token, index) => rows.get(token)?.forEach((value, column) => (matrix[index * dimension + column] = value)));
  return { vectors: tensor(matrix, { shape: [vocab.length, dimension] }), found: rows.size };
}
