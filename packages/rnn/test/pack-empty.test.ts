import { describe, expect, it } from 'vitest';
import { randn } from '@dl/tensor';
import { packPaddedSequence, packSequence } from '../src/index.js';
import { readFixture } from './helpers/fixtures.js';

// packPaddedSequence of an empty input against torch 1.13's "Cannot pack empty tensors."
// (tools/fixtures/rnn_pack_empty_reference.py): no sequences, no steps or no features.

interface EmptyCase {
  name: string;
  shape: number[];
  lengths: number[];
  batchFirst: boolean;
  error?: string;
  dataShape?: number[];
  batchSizes?: number[];
}
const reference = readFixture<{ cases: EmptyCase[] }>('rnn_pack_empty.json');

describe('packPaddedSequence of an empty input against torch', () => {
  it.each(reference.cases.map((entry) => [entry.name, entry] as const))('%s', (_, entry) => {
    const pack = () => packPaddedSequence(randn(entry.shape), entry.lengths, entry.batchFirst);
    if (entry.error !== undefined)
      expect(pack, `torch: ${entry.error}`).toThrow(
        `packPaddedSequence: cannot pack an empty tensor, got input [${entry.shape.join(', ')}] (batchFirst=${entry.batchFirst})`,
      );
    else {
      const packed = pack();
      expect([...packed.data.shape]).toEqual(entry.dataShape);
      expect([...packed.batchSizes]).toEqual(entry.batchSizes);
    }
  });

  it('refuses sequences without features through packSequence too', () => {
    expect(() => packSequence([randn([2, 0]), randn([1, 0])])).toThrow(
      'packPaddedSequence: cannot pack an empty tensor, got input [2, 2, 0]',
    );
  });
});
