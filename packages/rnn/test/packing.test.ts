// pack/pad against torch.nn.utils.rnn in float64 (rnn_reference.py → rnn_packing.json), and their errors.
import { tensor, randn } from '@dl/tensor';
import { describe, it, expect } from 'vitest';
import { packPaddedSequence, packSequence, padPackedSequence, padSequence } from '../src/index.js';
import { padSequence as dataPadSequence } from '@dl/data';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/fixtures.js';

interface PackingCase {
  name: string;
  input: FixtureTensor;
  lengths: number[];
  batchFirst: boolean;
  enforceSorted: boolean;
  totalLength: number | null;
  paddingValue: number;
  data: FixtureTensor;
  batchSizes: number[];
  sortedIndices: number[] | null;
  unsortedIndices: number[] | null;
  padded: FixtureTensor;
  paddedLengths: number[];
  upstream: FixtureTensor;
  inputGrad: FixtureTensor;
}

describe('packing matches torch.nn.utils.rnn', () => {
  for (const testCase of readFixture<PackingCase[]>('rnn_packing.json')) {
    it(testCase.name, () => {
      const input = fromFixture(testCase.input, true);
      const packed = packPaddedSequence(input, tensor(testCase.lengths, { dtype: 'int32' }), {
        batchFirst: testCase.batchFirst,
        enforceSorted: testCase.enforceSorted,
      });
      expectClose(packed.data, testCase.data, 'data');
      expect(packed.batchSizes).toEqual(testCase.batchSizes);
      expect(packed.sortedIndices).toEqual(testCase.sortedIndices);
      expect(packed.unsortedIndices).toEqual(testCase.unsortedIndices);
      const [padded, lengths] = padPackedSequence(packed, {
        batchFirst: testCase.batchFirst,
        paddingValue: testCase.paddingValue,
        totalLength: testCase.totalLength ?? undefined,
      });
      expectClose(padded, testCase.padded, 'padded');
      expect(Array.from(lengths.dataSync())).toEqual(testCase.paddedLengths);
      padded.mul(fromFixture(testCase.upstream)).sum().backward();
      expectClose(input.grad, testCase.inputGrad, 'input grad');
    });
  }
});

describe("torch's positional order (batch_first, enforce_sorted, padding_value, total_length) packs as the options do", () => {
  for (const testCase of readFixture<PackingCase[]>('rnn_packing.json')) {
    it(testCase.name, () => {
      const input = fromFixture(testCase.input, true);
      const packed = packPaddedSequence(input, testCase.lengths, testCase.batchFirst, testCase.enforceSorted);
      expectClose(packed.data, testCase.data, 'data');
      expect(packed.batchSizes).toEqual(testCase.batchSizes);
      const [padded] = padPackedSequence(packed, testCase.batchFirst, testCase.paddingValue, testCase.totalLength ?? undefined);
      expectClose(padded, testCase.padded, 'padded');
    });
  }

  it('too many positionals, or one given twice, throws naming the function', () => {
    const input = randn([3, 2, 1]);
    expect(() => (packPaddedSequence as (...args: unknown[]) => unknown)(input, [3, 2], false, true, true)).toThrow(
      'packPaddedSequence: too many positional arguments',
    );
    expect(() => (packSequence as (...args: unknown[]) => unknown)([randn([2]), randn([1])], true, { enforceSorted: false })).toThrow(
      'packSequence: `enforceSorted` given both as a positional argument and as an option',
    );
  });
});

describe('packSequence and padSequence', () => {
  it('packs a list longest first, as in PyTorch’s docstring', () => {
    const packed = packSequence([tensor([1, 2, 3]), tensor([4, 5]), tensor([6])]);
    expect(Array.from(packed.data.dataSync())).toEqual([1, 4, 6, 2, 5, 3]);
    expect(packed.batchSizes).toEqual([3, 2, 1]);
  });

  it('packs an unsorted list with enforceSorted: false and unpacks it in the caller’s order', () => {
    const packed = packSequence([tensor([4, 5]), tensor([1, 2, 3])], { enforceSorted: false });
    expect(Array.from(packed.data.dataSync())).toEqual([1, 4, 2, 5, 3]);
    const [padded, lengths] = padPackedSequence(packed, { batchFirst: true });
    expect(padded.toArraySync()).toEqual([
      [4, 5, 0],
      [1, 2, 3],
    ]);
    expect(Array.from(lengths.dataSync())).toEqual([2, 3]);
  });

  it('re-exports @dl/data’s padSequence (one implementation)', () => {
    expect(padSequence).toBe(dataPadSequence);
  });
});

describe('packing errors name the function and the shapes', () => {
  const input = randn([4, 3, 2]);
  it('rejects unsorted lengths when enforceSorted', () => {
    expect(() => packPaddedSequence(input, [2, 4, 1])).toThrow(
      /lengths array must be sorted in decreasing order.*\[2, 4, 1\].*enforceSorted: false/,
    );
  });
  it('rejects lengths of 0', () => {
    expect(() => packPaddedSequence(input, [4, 2, 0])).toThrow(/greater than 0, but lengths\[2\] is 0/);
  });
  it('rejects lengths longer than the sequence', () => {
    expect(() => packPaddedSequence(input, [5, 2, 1])).toThrow(/lengths\[0\] = 5 exceeds the 4 time steps of input \[4, 3, 2\]/);
  });
  it('rejects a wrong number of lengths', () => {
    expect(() => packPaddedSequence(input, [4, 2])).toThrow(/expected 3 lengths for input \[4, 3, 2\]/);
  });
  it('rejects a totalLength shorter than the longest sequence', () => {
    expect(() => padPackedSequence(packPaddedSequence(input, [4, 2, 1]), { totalLength: 3 })).toThrow(
      /totalLength=3 and max sequence length being 4/,
    );
  });
});
