import { describe, expect, it } from 'vitest';
import { reshapeTarget } from './movement-mappings.js';

describe('reshapeTarget', () => {
  it('copies kept leading axes and infers the one dynamic axis left', () => {
    // Flatten after a convolution: [batch, 64, 12, 12] → [batch, 9216]
    expect(reshapeTarget([2, 64, 12, 12], ['batch', 64, 12, 12], [2, 9216])).toEqual({ target: [0, 9216], dims: ['batch', 9216] });
    // the dynamic axis merged into a fixed one: inferred, its extent unknown
    expect(reshapeTarget([3, 4], ['batch', 4], [12])).toEqual({ target: [-1], dims: [null] });
    // fixed shapes stay fixed
    expect(reshapeTarget([2, 3], [2, 3], [3, 2])).toEqual({ target: [3, 2], dims: [3, 2] });
  });

  it('refuses reshapes that move two dynamic axes or would be misread', () => {
    expect(reshapeTarget([5, 2, 8], ['steps', 'batch', 8], [10, 8])).toMatch(/more than one dynamic axis/);
    expect(reshapeTarget([4, 3], ['batch', 3], [2, 2, 3])).toMatch(/splits the dynamic axis 0/);
  });
});
