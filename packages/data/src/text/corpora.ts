import { checkOptions, refuseExtraArguments } from '@dl/tensor';
import { requireRoot } from '../files/require-root.js';
import { maybeGunzip } from '../platform/compression.js';
import { checkSource, describeSource, joinPath, readBytes } from '../platform/read-bytes.js';

export interface LoadCorpusOptions {
  /**
   * The folder holding the corpus file (`fortunes.txt.gz`, `spam-assassin.json.gz`), as a path
   * (Node) or a URL. Required by `@dl/data`'s loaders; the copies that ship ready to use are in the
   * package `@dl/datasets`, whose loaders of the same name read them when `root` is left out.
   */
  root?: string | URL;
}

async function readText(source: string | URL): Promise<string> {
  return new TextDecoder().decode(await maybeGunzip(await readBytes(source), describeSource(source)));
}

async function readCorpusFromRoot(operation: string, name: string, options: LoadCorpusOptions): Promise<string> {
  checkOptions(operation, options, ['root']);
  requireRoot(operation, options?.root, name, { name: operation, call: `${operation}()` });
  return readText(joinPath(options.root, name));
}

/** The fortunes file's entries: texts separated by lines holding only `%`. */
function fortuneEntries(text: string): string[] {
  return text
    .split(/\n%\n/)
    .map((entry) => entry.trimEnd())
    .filter((entry) => entry.length > 0);
}

/** The SpamAssassin file's `{ texts, labels }`. */
function spamAssassinSet(text: string): { texts: string[]; labels: number[] } {
  const parsed = JSON.parse(text) as { texts: string[]; labels: number[] };
  return { texts: parsed.texts, labels: parsed.labels };
}

/**
 * The fortune corpus from `root/fortunes.txt.gz`: 1,743 short English texts (quotes, jokes, literature
 * snippets) from Debian's `fortunes` collections "fortunes", "literature", "science" and "wisdom" (BSD
 * licence), for character-level language models. `root` is required here; `@dl/datasets`'
 * `loadFortunes()` reads the copy it ships.
 * @example
 * const texts = await loadFortunes({ root: './corpora' });
 * const corpus = texts.join('\n\n');
 */
export async function loadFortunes(options: LoadCorpusOptions & { root: string | URL }, ...extra: never[]): Promise<string[]> {
  if (extra.length > 0) refuseExtraArguments('loadFortunes', ['options'], extra);
  return fortuneEntries(await readCorpusFromRoot('loadFortunes', 'fortunes.txt.gz', options));
}

/**
 * The labelled mail set from `root/spam-assassin.json.gz`: 1,500 mails of the SpamAssassin public
 * corpus (750 spam = 1, 750 ham = 0; PDDL 1.0 / CC0), each the subject line, a newline and the first
 * 400 characters of the body. `root` is required here; `@dl/datasets`' `loadSpamAssassin()` reads the
 * copy it ships.
 * @example
 * const { texts, labels } = await loadSpamAssassin({ root: './corpora' });
 */
export async function loadSpamAssassin(
  options: LoadCorpusOptions & { root: string | URL },
  ...extra: never[]
): Promise<{ texts: string[]; labels: number[] }> {
  if (extra.length > 0) refuseExtraArguments('loadSpamAssassin', ['options'], extra);
  return spamAssassinSet(await readCorpusFromRoot('loadSpamAssassin', 'spam-assassin.json.gz', options));
}

/**
 * Reads a fortunes file (plain or gzip; entries separated by lines holding only `%`) given by name:
 * a path (Node) or a URL. What `loadFortunes` does with `root/fortunes.txt.gz`.
 * @example
 * const texts = await readFortunes(new URL('./fortunes.txt.gz', import.meta.url));
 */
export async function readFortunes(source: string | URL, ...extra: never[]): Promise<string[]> {
  if (extra.length > 0) refuseExtraArguments('readFortunes', ['source'], extra);
  checkSource('readFortunes', source);
  return fortuneEntries(await readText(source));
}

/**
 * Reads a SpamAssassin set file (JSON `{ texts, labels }`, plain or gzip) given by name: a path (Node)
 * or a URL. What `loadSpamAssassin` does with `root/spam-assassin.json.gz`.
 * @example
 * const { texts, labels } = await readSpamAssassin('./spam-assassin.json.gz');
 */
export async function readSpamAssassin(source: string | URL, ...extra: never[]): Promise<{ texts: string[]; labels: number[] }> {
  if (extra.length > 0) refuseExtraArguments('readSpamAssassin', ['source'], extra);
  checkSource('readSpamAssassin', source);
  return spamAssassinSet(await readText(source));
}
