import { describe, expect, it } from 'vitest';
import { gradcheck, gradgradcheck } from '../testing/index.js';
import { cpuBackend, logSoftmax, logsumexp, manualSeed, randn, softmax, tensor, type Tensor } from '../index.js';

/**
 * logSoftmax shifts by the raw row maximum m, as torch's kernel: finite rows are unchanged by this, and a
 * row whose maximum is +∞, NaN or −∞ (all −∞) is NaN throughout, since x − m is NaN there. logsumexp
 * keeps its finite shift: torch's lse of an all −∞ row is −∞.
 */
const values = (x: Tensor) => Array.from(x.dataSync());

/** Backend kernel calls made while `run` executes. */
function kernelCalls(run: () => void): string[] {
  const calls: string[] = [];
  const names = ['unary', 'binary', 'where', 'reduce'] as const;
  const originals = names.map((name) => cpuBackend[name]);
  names.forEach((name, index) => {
    const original = originals[index] as (...args: unknown[]) => void;
    (cpuBackend as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      calls.push(`${name}:${String(args[0])}`);
      original(...args);
    };
  });
  try {
    run();
  } finally {
    names.forEach((name, index) => ((cpuBackend as unknown as Record<string, unknown>)[name] = originals[index]));
  }
  return calls;
}

describe('logSoftmax and softmax', () => {
  it('rows with +∞, NaN or only −∞ are NaN throughout (torch); masked −∞ entries are not', () => {
    const x = tensor([
      [Infinity, 1, 2],
      [-Infinity, -Infinity, -Infinity],
      [Number.NaN, 1, 2],
      [Infinity, -Infinity, 0],
      [0.5, -Infinity, 1],
    ]);
    const logProbabilities = values(logSoftmax(x, 1));
    expect(logProbabilities.slice(0, 12).every(Number.isNaN)).toBe(true);
    expect(logProbabilities.slice(12)).toEqual([
      expect.closeTo(0.5 - Math.log(Math.exp(0.5) + Math.exp(1)), 6),
      -Infinity,
      expect.closeTo(1 - Math.log(Math.exp(0.5) + Math.exp(1)), 6),
    ]);
    const probabilities = values(softmax(x, 1));
    expect(probabilities.slice(0, 12).every(Number.isNaN)).toBe(true);
    expect(probabilities[13]).toBe(0);
  });

  it('logsumexp keeps −∞ for an all −∞ row and +∞ for a row with +∞', () => {
    expect(
      values(
        logsumexp(
          tensor([
            [-Infinity, -Infinity],
            [Infinity, 1],
          ]),
          1,
        ),
      ),
    ).toEqual([-Infinity, Infinity]);
  });

  it('large logits keep float32 precision', () => {
    const result = values(logSoftmax(tensor([[1000, 1001, 999]]), 1));
    const reference = [1000, 1001, 999].map((v) => v - 1001 - Math.log(Math.exp(-1) + 1 + Math.exp(-2)));
    result.forEach((value, index) => expect(value).toBeCloseTo(reference[index]!, 5));
  });

  it('six passes forward: max, sub, exp, sum, log, sub (no select of a finite shift)', () => {
    const x = randn([8, 2]);
    expect(kernelCalls(() => logSoftmax(x, 1))).toEqual(['reduce:max', 'binary:sub', 'unary:exp', 'reduce:sum', 'unary:log', 'binary:sub']);
  });

  it('gradcheck and gradgradcheck in float64, over either dim', () => {
    manualSeed(3);
    const x = randn([4, 3], { dtype: 'float64', requiresGrad: true });
    for (const dim of [0, 1]) {
      expect(gradcheck((input) => logSoftmax(input, dim), [x])).toBe(true);
      expect(gradgradcheck((input) => logSoftmax(input, dim), [x])).toBe(true);
      expect(gradgradcheck((input) => softmax(input, dim), [x])).toBe(true);
    }
  });
});
