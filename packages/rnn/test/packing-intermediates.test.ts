import { describe, expect, it } from 'vitest';
import { manualSeed, randn, type Tensor } from '@dl/tensor';
import { leftBehind } from '@dl/tensor/testing';
import { packPaddedSequence, packSequence, padPackedSequence } from '../src/index.js';

// As @dl/tensor's ops and @dl/nn's functional calls: packing and unpacking outside a module call leave
// no live handle or byte behind once their outputs are disposed (the per-step views, index tensors and
// padded batches they make are theirs to release), without the garbage collector.
manualSeed(0);
const padded = randn([4, 3, 2]);
const sequences = [randn([4, 2]), randn([2, 2]), randn([1, 2])];
const packed = packPaddedSequence(padded, [4, 2, 1]);
const unsorted = packPaddedSequence(padded, [2, 4, 1], { enforceSorted: false });
const inputs = [padded, ...sequences, packed.data, unsorted.data];

const calls: Record<string, () => Tensor[]> = {
  packPaddedSequence: () => [packPaddedSequence(padded, [4, 2, 1]).data],
  'packPaddedSequence unsorted, batch first': () => [
    packPaddedSequence(padded, [3, 1, 2, 3], { batchFirst: true, enforceSorted: false }).data,
  ],
  packSequence: () => [packSequence(sequences).data],
  padPackedSequence: () => padPackedSequence(packed),
  'padPackedSequence unsorted, batch first, longer': () => padPackedSequence(unsorted, { batchFirst: true, totalLength: 6 }),
};

describe('packing releases its intermediates', () => {
  it.each(Object.keys(calls))('%s: once its outputs are disposed, the live handles and bytes are as before', (name) => {
    const call = calls[name]!;
    for (const output of call()) output.dispose(); // a first call may create shared constants
    expect(leftBehind(call, inputs)).toEqual({ handles: 0, bytes: 0 });
  });
});
