import { checkOptions } from '@dl/tensor';
import { bundledCorpusFiles } from '../bundled-corpora.js';
import { maybeGunzip } from '../platform/compression.js';
import { describeSource, joinPath, readBytes } from '../platform/read-bytes.js';

export interface LoadCorpusOptions {
  /**
   * The folder holding the corpus file (`fortunes.txt.gz`, `spam-assassin.json.gz`), as a path
   * (Node) or a URL. Default: the copy bundled with this package. In a page built by a bundler
   * that does not copy `new URL(..., import.meta.url)` files (esbuild, Rollup), copy
   * `node_modules/@dl/data/data/text/` next to the page and pass its URL here (docs/browser.md).
   */
  root?: string | URL;
}

async function readBundledText(
  operation: string,
  file: keyof typeof bundledCorpusFiles,
  name: string,
  options: LoadCorpusOptions,
): Promise<string> {
  checkOptions(operation, options, ['root']);
  const source = options.root === undefined ? bundledCorpusFiles[file]() : joinPath(options.root, name);
  return new TextDecoder().decode(await maybeGunzip(await readBytes(source), describeSource(source)));
}

/**
 * The bundled fortune corpus: 1,743 short English texts (quotes, jokes, literature snippets) from
 * Debian's `fortunes` collections "fortunes", "literature", "science" and "wisdom" (BSD licence), for
 * character-level language models.
 * @example
 * const texts = await loadFortunes();
 * const corpus = texts.join('\n\n');
 */
export async function loadFortunes(options: LoadCorpusOptions = {}): Promise<string[]> {
  const text = await readBundledText('loadFortunes', 'fortunes', 'fortunes.txt.gz', options);
  return text
    .split(/\n%\n/)
    .map((entry) => entry.trimEnd())
    .filter((entry) => entry.length > 0);
}

/**
 * The bundled labelled mail set: 1,500 mails of the SpamAssassin public corpus (750 spam = 1,
 * 750 ham = 0; PDDL 1.0 / CC0), each the subject line, a newline and the first 400 characters of the body.
 * @example
 * const { texts, labels } = await loadSpamAssassin();
 */
export async function loadSpamAssassin(options: LoadCorpusOptions = {}): Promise<{ texts: string[]; labels: number[] }> {
  const parsed = JSON.parse(await readBundledText('loadSpamAssassin', 'spamAssassin', 'spam-assassin.json.gz', options)) as {
    texts: string[];
    labels: number[];
  };
  return { texts: parsed.texts, labels: parsed.labels };
}
