import { bundledDataUrl } from '../bundled-data.js';
import { maybeGunzip } from '../platform/compression.js';
import { describeSource, readBytes } from '../platform/read-bytes.js';

async function readBundledText(name: string): Promise<string> {
  const source = bundledDataUrl(`text/${name}`);
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
export async function loadFortunes(): Promise<string[]> {
  return (await readBundledText('fortunes.txt.gz')).split(/\n%\n/).map((entry) => entry.trimEnd()).filter((entry) => entry.length > 0);
}

/**
 * The bundled labelled mail set: 1,500 mails of the SpamAssassin public corpus (750 spam = 1,
 * 750 ham = 0; PDDL 1.0 / CC0), each the subject line, a newline and the first 400 characters of the body.
 * @example
 * const { texts, labels } = await loadSpamAssassin();
 */
export async function loadSpamAssassin(): Promise<{ texts: string[]; labels: number[] }> {
  const parsed = JSON.parse(await readBundledText('spam-assassin.json.gz')) as { texts: string[]; labels: number[] };
  return { texts: parsed.texts, labels: parsed.labels };
}
