import {
  loadFortunes as loadFortunesFromRoot,
  loadSpamAssassin as loadSpamAssassinFromRoot,
  readFortunes,
  readSpamAssassin,
  type LoadCorpusOptions,
} from '@dl/data';
import { checkOptions } from '@dl/tensor';
import { bundledCorpusFiles } from './bundled-corpora.js';

/**
 * The bundled fortune corpus: 1,743 short English texts (quotes, jokes, literature snippets) from
 * Debian's `fortunes` collections "fortunes", "literature", "science" and "wisdom" (BSD licence), for
 * character-level language models. With `root`, `root/fortunes.txt.gz` instead (`@dl/data`'s
 * `loadFortunes`): in a page built by esbuild or Rollup, copy `node_modules/@dl/datasets/data/text/`
 * next to the page and pass its URL (docs/browser.md).
 * @example
 * const texts = await loadFortunes();
 * const corpus = texts.join('\n\n');
 */
export async function loadFortunes(options: LoadCorpusOptions = {}): Promise<string[]> {
  checkOptions('loadFortunes', options, ['root']);
  const { root } = options;
  return root === undefined ? readFortunes(bundledCorpusFiles.fortunes()) : loadFortunesFromRoot({ root });
}

/**
 * The bundled labelled mail set: 1,500 mails of the SpamAssassin public corpus (750 spam = 1,
 * 750 ham = 0; PDDL 1.0 / CC0), each the subject line, a newline and the first 400 characters of the
 * body. With `root`, `root/spam-assassin.json.gz` instead (`@dl/data`'s `loadSpamAssassin`).
 * @example
 * const { texts, labels } = await loadSpamAssassin();
 */
export async function loadSpamAssassin(options: LoadCorpusOptions = {}): Promise<{ texts: string[]; labels: number[] }> {
  checkOptions('loadSpamAssassin', options, ['root']);
  const { root } = options;
  return root === undefined ? readSpamAssassin(bundledCorpusFiles.spamAssassin()) : loadSpamAssassinFromRoot({ root });
}
