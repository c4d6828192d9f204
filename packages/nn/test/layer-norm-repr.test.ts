import { describe, expect, it } from 'vitest';
import { LayerNorm } from '../src/index.js';

// torch 1.13 prints normalized_shape as a Python tuple: `LayerNorm((4,), eps=1e-05, elementwise_affine=True)`
// and `LayerNorm((4, 5), eps=1e-05, elementwise_affine=True)`; the second printed `(4, 5,)` here.
describe('LayerNorm prints its shape as a Python tuple', () => {
  it('one dim with the trailing comma, more without', () => {
    expect(String(new LayerNorm(4))).toMatch(/^LayerNorm\(\(4,\), eps=/);
    expect(String(new LayerNorm([4, 5]))).toMatch(/^LayerNorm\(\(4, 5\), eps=/);
    expect(String(new LayerNorm([2, 3, 4]))).toMatch(/^LayerNorm\(\(2, 3, 4\), eps=/);
  });
});
