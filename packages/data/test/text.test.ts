import { describe, expect, it } from 'vitest';
import { Vocab, getTokenizer, loadFortunes, loadSpamAssassin, padSequence, sequenceLengths } from '@dl/data';
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
    expect(sequenceLengths(sequences)).toEqual([3, 1, 0]);
    expect(() => padSequence([tensor([[1, 2]]), tensor([[1, 2, 3]])])).toThrow(/expected \[L, 2\]/);
  });
});

describe('bundled text corpora', () => {
  it('loads the fortunes corpus and the labelled SpamAssassin subset', async () => {
    const fortunes = await loadFortunes();
    expect(fortunes.length).toBe(1743);
    expect(fortunes.every((entry) => entry.length > 0 && !entry.includes('\n%\n'))).toBe(true);
    const { texts, labels } = await loadSpamAssassin();
    expect(texts).toHaveLength(1500);
    expect(labels.filter((label) => label === 1)).toHaveLength(750);
    expect(texts[0]).toContain('Life Insurance');
  });
});
