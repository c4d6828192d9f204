import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  Vocab,
  getTokenizer,
  loadFortunes,
  loadSpamAssassin,
  padSequence,
  readFortunes,
  readSpamAssassin,
  sequenceLengths,
} from '@dl/data';
import { tensor, zeros } from '@dl/tensor';
import { reference } from './reference.js';

describe('tokenizers and Vocab', () => {
  it('tokenizes like torchtext basic_english, by whitespace, characters and regex', () => {
    expect(getTokenizer('basic_english')("Don't panic, it's (only) a test!")).toEqual([
      'don',
      "'",
      't',
      'panic',
      ',',
      'it',
      "'",
      's',
      '(',
      'only',
      ')',
      'a',
      'test',
      '!',
    ]);
    expect(getTokenizer('whitespace', { lowercase: true })('  Two  Words\n')).toEqual(['two', 'words']);
    expect(getTokenizer('character')('añ😀')).toEqual(['a', 'ñ', '😀']);
    expect(getTokenizer(/[a-z]+/i)('one-two, Three')).toEqual(['one', 'two', 'Three']);
  });
  it('builds a vocabulary by frequency with specials, minFreq, maxTokens and an unknown token', () => {
    const vocab = Vocab.build(
      [
        ['b', 'a', 'c', 'a'],
        ['c', 'a', 'd'],
      ],
      { specials: ['<unk>', '<pad>'], minFreq: 2 },
    );
    expect(vocab.tokens).toEqual(['<unk>', '<pad>', 'a', 'c']);
    expect(vocab.encode(['a', 'c', 'zzz']).toArraySync()).toEqual([2, 3, 0]);
    expect(vocab.encode(['a']).dtype).toBe('int32');
    expect(vocab.decode(tensor([2, 1, 3], { dtype: 'int32' }), { skip: ['<pad>'] })).toEqual(['a', 'c']);
    expect(Vocab.build([['x', 'y', 'y', 'z', 'z']], { maxTokens: 3 }).tokens).toEqual(['<unk>', 'y', 'z']);
    expect(() => Vocab.build([['q']], { specials: [] }).indexOf('r')).toThrow(/not found and no unknown token/);
    expect(() => vocab.decode([9])).toThrow(/index 9 is out of range/);
  });
});

describe('padSequence (torch.nn.utils.rnn.pad_sequence)', () => {
  it('pads time-first and batch-first like torch', () => {
    const fixture = reference.pad_sequence;
    const sequences = fixture.sequences.map((sequence: number[][]) => (sequence.length ? tensor(sequence) : zeros([0, 2]).add(5)));
    expect(padSequence(sequences, { paddingValue: -1 }).toArraySync()).toEqual(fixture.time_first);
    expect(padSequence(sequences, { batchFirst: true }).toArraySync()).toEqual(fixture.batch_first);
    // torch's positional order (batch_first, padding_value): it was refused ("expected an options object")
    expect(padSequence(sequences, false, -1).toArraySync()).toEqual(fixture.time_first);
    expect(padSequence(sequences, true).toArraySync()).toEqual(fixture.batch_first);
    expect(sequenceLengths(sequences)).toEqual([3, 1, 0]);
    expect(() => padSequence([tensor([[1, 2]]), tensor([[1, 2, 3]])])).toThrow(/expected \[L, 2\]/);
  });
});

describe('text corpora from a root (the bundled copies are in @dl/datasets)', () => {
  it('reads fortunes.txt.gz and spam-assassin.json.gz from a root, and the same files by name', async () => {
    const root = mkdtempSync(join(tmpdir(), 'corpora-'));
    writeFileSync(join(root, 'fortunes.txt.gz'), gzipSync('First fortune.\n%\nSecond,\n  two lines.  \n%\n\n%\n'));
    writeFileSync(
      join(root, 'spam-assassin.json.gz'),
      gzipSync(JSON.stringify({ texts: ['Buy now\nCheap', 'Meeting\nAt 3'], labels: [1, 0] })),
    );
    expect(await loadFortunes({ root })).toEqual(['First fortune.', 'Second,\n  two lines.']);
    expect(await readFortunes(join(root, 'fortunes.txt.gz'))).toEqual(['First fortune.', 'Second,\n  two lines.']);
    const mails = { texts: ['Buy now\nCheap', 'Meeting\nAt 3'], labels: [1, 0] };
    expect(await loadSpamAssassin({ root })).toEqual(mails);
    expect(await readSpamAssassin(join(root, 'spam-assassin.json.gz'))).toEqual(mails);
  });
  it('needs a root: called without one they say the bundled copies are in @dl/datasets', async () => {
    const noRoot = {} as { root: string };
    await expect(loadFortunes(noRoot)).rejects.toThrow(
      /^loadFortunes: no root given\. @dl\/data reads fortunes\.txt\.gz .* npm install @dl\/datasets, then import \{ loadFortunes \} from '@dl\/datasets'/,
    );
    await expect((loadSpamAssassin as () => Promise<unknown>)()).rejects.toThrow(
      /^loadSpamAssassin: no root given.*import \{ loadSpamAssassin \} from '@dl\/datasets'/,
    );
    await expect(loadFortunes({ root: '.', folder: 'x' } as never)).rejects.toThrow(/^loadFortunes: unknown option `folder`/);
  });
});
