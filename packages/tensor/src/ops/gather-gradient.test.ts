import { describe, expect, it } from 'vitest';
import { gradcheck, gradgradcheck } from '../testing/index.js';
import { cpuBackend, gather, manualSeed, randint, randn, scatterAdd, zeros, type Tensor } from '../index.js';

/**
 * gather's gradient scatter-adds g into a broadcast 0, so the output's fill is its only pass besides the
 * scatter (zeros() used to fill a buffer that scatterAdd then copied). Repeated indices accumulate.
 */
const values = (x: Tensor) => Array.from(x.dataSync());

describe('gather gradient', () => {
  manualSeed(5);
  const index = randint(0, 4, [3, 6]); // repeats: 6 picks from 4 columns

  for (const dtype of ['float32', 'float64'] as const) {
    it(`equals scatterAdd of g into zeros, bit for bit (${dtype})`, () => {
      const x = randn([3, 4], { dtype, requiresGrad: true });
      const g = randn([3, 6], { dtype });
      gather(x, 1, index).backward(g);
      expect(values(x.grad!)).toEqual(values(scatterAdd(zeros([3, 4], { dtype }), 1, index, g)));
    });
  }

  it('fills the gradient once: one copy kernel in the backward of a dense g', () => {
    const x = randn([3, 4], { requiresGrad: true });
    const y = gather(x, 1, index);
    const g = randn([3, 6]);
    const original = cpuBackend.unary;
    let copies = 0;
    cpuBackend.unary = (operation, input, output) => {
      if (operation === 'copy') copies++;
      original(operation, input, output);
    };
    try {
      y.backward(g);
    } finally {
      cpuBackend.unary = original;
    }
    expect(copies).toBe(1);
  });

  it('gradcheck and gradgradcheck in float64 along either dim', () => {
    const x = randn([4, 4], { dtype: 'float64', requiresGrad: true });
    for (const dim of [0, 1]) {
      const picks = randint(0, 4, [3, 4]);
      expect(gradcheck((input) => gather(input, dim, picks), [x])).toBe(true);
      expect(gradgradcheck((input) => gather(input, dim, picks), [x])).toBe(true);
    }
  });
});
