import { describe, expect, it } from 'vitest';
import { reshapeTarget } from './movement-mappings.js';

describe('reshapeTarget', () => {
  it('copies kept leading axes and infers the one dynamic axis left', () => {
    // Flatten after a convolution: [batch, 64, 12, 12] → [batch, 9216]
    expect(reshapeTarget([2, 64, 12, 12], ['batch', 64, 12, 12], [2, 9216])).toEqual({ target: [0, 9216], dims: ['batch', 9216] });
    // the dynamic axis merged into a fixed one: inferred, its extent the product
    expect(reshapeTarget([3, 4], ['batch', 4], [12])).toEqual({ target: [-1], dims: ['batch*4'] });
    // fixed shapes stay fixed
    expect(reshapeTarget([2, 3], [2, 3], [3, 2])).toEqual({ target: [3, 2], dims: [3, 2] });
  });

  it('splits a merged axis back along its factors, the batch outer or inner', () => {
    // a product of [batch, 5, 8] inputs: folded to [batch·5, 8], unfolded as [batch, 5, 24]
    expect(reshapeTarget([10, 24], ['batch*5', 24], [2, 5, 24])).toEqual({ target: [-1, 5, 24], dims: ['batch', 5, 24] });
    // [5, batch] folded: the batch is the inner factor
    expect(reshapeTarget([5, 2, 8], [5, 'batch', 8], [10, 8])).toEqual({ target: [-1, 8], dims: ['5*batch', 8] });
    expect(reshapeTarget([10, 8], ['5*batch', 8], [5, 2, 8])).toEqual({ target: [5, -1, 8], dims: [5, 'batch', 8] });
    // attention heads: [batch, 2, 5, 4] → [batch·2, 5, 4] → [batch, 2, 5, 5]
    expect(reshapeTarget([4, 5, 5], ['batch*2', 5, 5], [2, 2, 5, 5])).toEqual({ target: [-1, 2, 5, 5], dims: ['batch', 2, 5, 5] });
    // traced with a batch of 1: the dynamic factor still lands on its own axis
    expect(reshapeTarget([5, 24], ['batch*5', 24], [1, 5, 24])).toEqual({ target: [-1, 5, 24], dims: ['batch', 5, 24] });
    expect(reshapeTarget([5, 1, 8], [5, 'batch', 8], [40])).toEqual({ target: [-1], dims: ['5*batch*8'] });
  });

  it('refuses reshapes that move two dynamic axes or would be misread', () => {
    expect(reshapeTarget([5, 2, 8], ['steps', 'batch', 8], [10, 8])).toMatch(/more than one dynamic axis/);
    expect(reshapeTarget([4, 3], ['batch', 3], [2, 2, 3])).toMatch(/splits the dynamic axis 0/);
    // the factors do not line up: batch·6 read as [4, 3] when batch is 2
    expect(reshapeTarget([12], ['batch*6'], [4, 3])).toMatch(/splits the dynamic axis 0/);
    expect(reshapeTarget([6, 4], [null, 4], [2, 3, 4])).toMatch(/splits the dynamic axis 0/);
  });
});
