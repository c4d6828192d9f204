import { checkOptions, refuseExtraArguments } from '@dl/tensor';

/** Text → tokens. */
export type Tokenizer = (text: string) => string[];

/**
 * torchtext's `basic_english` normalisation: lowercase, quotes and some punctuation spaced out or
 * dropped, then split on whitespace.
 */
function basicEnglish(text: string): string[] {
  const normalised = text
    .toLowerCase()
    .replace(/'/g, " '  ")
    .replace(/"/g, '')
    .replace(/\./g, ' . ')
    .replace(/<br \/>/g, ' ')
    .replace(/,/g, ' , ')
    .replace(/\(/g, ' ( ')
    .replace(/\)/g, ' ) ')
    .replace(/!/g, ' ! ')
    .replace(/\?/g, ' ? ')
    .replace(/;/g, ' ')
    .replace(/:/g, ' ')
    .replace(/\s+/g, ' ');
  return normalised.split(' ').filter((token) => token.length > 0);
}

/**
 * A tokenizer by name (torchtext's `get_tokenizer`): `'basic_english'` (lowercase, punctuation as
 * tokens), `'whitespace'`, `'character'` (one token per Unicode code point, for character-level
 * models), or a RegExp whose matches are the tokens (it gets the global flag).
 * @example
 * getTokenizer('basic_english')("Hello, World!"); // ['hello', ',', 'world', '!']
 * getTokenizer('character')('hi!');               // ['h', 'i', '!']
 * getTokenizer(/\w+/)('a-b c');                   // ['a', 'b', 'c']
 */
export function getTokenizer(
  kind: 'basic_english' | 'whitespace' | 'character' | RegExp,
  options: { lowercase?: boolean } = {},
  ...extra: never[]
): Tokenizer {
  if (extra.length > 0) refuseExtraArguments('getTokenizer', ['kind', 'options'], extra);
  checkOptions('getTokenizer', options, ['lowercase']);
  const prepare = (text: string) => (options.lowercase ? text.toLowerCase() : text);
  if (kind instanceof RegExp) {
    const pattern = new RegExp(kind.source, kind.flags.includes('g') ? kind.flags : `${kind.flags}g`);
    return (text) => Array.from(prepare(text).matchAll(pattern), (match) => match[0]);
  }
  switch (kind) {
    case 'basic_english':
      return basicEnglish;
    case 'whitespace':
      return (text) =>
        prepare(text)
          .split(/\s+/)
          .filter((token) => token.length > 0);
    case 'character':
      return (text) => Array.from(prepare(text));
    default:
      throw new Error(`getTokenizer: unknown tokenizer '${String(kind)}' (expected basic_english, whitespace, character or a RegExp)`);
  }
}
