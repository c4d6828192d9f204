import { checkOptions, refuseExtraArguments, tensor, type Tensor } from '@dl/tensor';

export interface BuildVocabOptions {
  /** Tokens seen fewer times are left out; default 1. */
  minFreq?: number;
  /** Special tokens, e.g. ['<unk>', '<pad>', '<bos>', '<eos>']; default ['<unk>']. */
  specials?: string[];
  /** Put the specials first (indices 0, 1, ...) or last; default first. */
  specialFirst?: boolean;
  /** Keep at most this many tokens, specials included (the most frequent). */
  maxTokens?: number;
  /** The token unknown words map to; default '<unk>' when it is among the specials. */
  unknownToken?: string | null;
}

/**
 * A token ↔ index table (torchtext's `Vocab` / `build_vocab_from_iterator`): tokens ordered by
 * frequency (descending, ties alphabetically), specials first; unknown tokens map to the unknown
 * token's index (or throw when there is none).
 * @example
 * const vocab = Vocab.build([['a', 'b', 'a'], ['c']], { specials: ['<unk>', '<pad>'] });
 * vocab.encode(['a', 'zzz']);  // tensor([2, 0])
 * vocab.decode([2, 3]);        // ['a', 'b']
 */
export class Vocab {
  private readonly index = new Map<string, number>();
  defaultIndex: number | null;

  constructor(
    readonly tokens: readonly string[],
    unknownToken: string | null = '<unk>',
    ...extra: never[]
  ) {
    if (extra.length > 0) refuseExtraArguments('Vocab', ['tokens', 'unknownToken'], extra);
    tokens.forEach((token, position) => {
      if (this.index.has(token)) throw new Error(`Vocab: token ${JSON.stringify(token)} appears twice`);
      this.index.set(token, position);
    });
    this.defaultIndex = unknownToken !== null && this.index.has(unknownToken) ? this.index.get(unknownToken)! : null;
  }

  /** Counts the tokens of every sequence and keeps those seen at least `minFreq` times. */
  static build(sequences: Iterable<readonly string[]>, options: BuildVocabOptions = {}): Vocab {
    checkOptions('Vocab.build', options, ['minFreq', 'specials', 'specialFirst', 'maxTokens', 'unknownToken']);
    const specials = options.specials ?? ['<unk>'];
    const counts = new Map<string, number>();
    for (const sequence of sequences) for (const token of sequence) counts.set(token, (counts.get(token) ?? 0) + 1);
    for (const special of specials) counts.delete(special);
    let ordered = [...counts.entries()]
      .filter(([, count]) => count >= (options.minFreq ?? 1))
      .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
      .map(([token]) => token);
    if (options.maxTokens !== undefined) ordered = ordered.slice(0, Math.max(0, options.maxTokens - specials.length));
    const tokens = (options.specialFirst ?? true) ? [...specials, ...ordered] : [...ordered, ...specials];
    return new this(tokens, options.unknownToken === undefined ? '<unk>' : options.unknownToken);
  }

  get length(): number {
    return this.tokens.length;
  }

  has(token: string): boolean {
    return this.index.has(token);
  }

  /** The index of a token; unknown tokens get `defaultIndex`. */
  indexOf(token: string): number {
    const found = this.index.get(token);
    if (found !== undefined) return found;
    if (this.defaultIndex === null) throw new Error(`Vocab: token ${JSON.stringify(token)} not found and no unknown token is set`);
    return this.defaultIndex;
  }

  /** Tokens → indices, as an int32 tensor [n]. */
  encode(tokens: readonly string[]): Tensor {
    return tensor(Int32Array.from(tokens, (token) => this.indexOf(token)));
  }

  /** Indices (array or tensor) → tokens; `skip` leaves out the given tokens (e.g. padding). */
  decode(indices: ArrayLike<number> | Tensor, options: { skip?: readonly string[] } = {}): string[] {
    const values = 'dataSync' in indices ? Array.from((indices as Tensor).dataSync()) : Array.from(indices as ArrayLike<number>);
    checkOptions('Vocab.decode', options, ['skip']);
    const skip = new Set(options.skip ?? []);
    return values
      .map((value) => {
        const token = this.tokens[value];
        if (token === undefined) throw new Error(`Vocab.decode: index ${value} is out of range for a vocabulary of ${this.length} tokens`);
        return token;
      })
      .filter((token) => !skip.has(token));
  }
}
