/**
 * The text corpora that ship with this package (`packages/datasets/data/text/`), as literal
 * `new URL('../data/...', import.meta.url)` that bundlers follow (see bundled-mnist.ts).
 */
export const bundledCorpusFiles = {
  fortunes: () => new URL('../data/text/fortunes.txt.gz', import.meta.url),
  spamAssassin: () => new URL('../data/text/spam-assassin.json.gz', import.meta.url),
};
