import { describe, expect, it } from 'vitest';
import { manualSeed, tensor, type Tensor } from '@dl/tensor';
import { gradcheck, gradgradcheck, leftBehind } from '@dl/tensor/testing';
import { F } from '../src/index.js';

// F.gumbelSoftmax: torch's draws cannot be reproduced, so these check what defines the sample: a
// softmax along dim, the argmax distributed as softmax(logits), the noise's Gumbel law through τ,
// the straight-through gradient of `hard`, and the softmax Jacobian of the drawn sample.

const logits = () =>
  tensor(
    [
      [1.0, 0.0, -1.0, 2.0],
      [0.5, 0.5, -0.3, 0.1],
      [-2.0, 1.5, 0.2, 0.0],
    ],
    { dtype: 'float64', requiresGrad: true },
  );
const weights = tensor(
  [
    [0.3, -1.1, 0.7, 2.0],
    [-0.4, 0.9, 1.3, -0.2],
    [1.5, 0.1, -0.8, 0.6],
  ],
  { dtype: 'float64' },
);
const rows = (x: Tensor): number[][] => x.toArraySync() as number[][];

describe('F.gumbelSoftmax', () => {
  it('draws a softmax along dim, repeatable under manualSeed', () => {
    manualSeed(11);
    const first = F.gumbelSoftmax(logits());
    manualSeed(11);
    const again = F.gumbelSoftmax(logits(), { tau: 1, hard: false, dim: -1 });
    expect(Array.from(again.dataSync())).toEqual(Array.from(first.dataSync()));
    for (const row of rows(first)) {
      expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
      for (const value of row) expect(value > 0 && value < 1).toBe(true);
    }
    const alongRows = F.gumbelSoftmax(logits(), { dim: 0 });
    for (const column of rows(alongRows.t())) expect(Math.abs(column.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
    manualSeed(11);
    expect(Array.from(F.gumbelSoftmax(logits(), 0.5, true).dataSync())).toEqual(
      (manualSeed(11), Array.from(F.gumbelSoftmax(logits(), { tau: 0.5, hard: true }).dataSync())),
    );
  });

  it('has the softmax Jacobian of the drawn sample: dL/dlogits = y ⊙ (w − Σ w·y) / τ', () => {
    const tau = 0.5;
    const input = logits();
    manualSeed(12);
    const sample = F.gumbelSoftmax(input, { tau });
    sample.mul(weights).sum().backward();
    const y = rows(sample);
    const w = rows(weights);
    const expected = y.map((row, i) => {
      const mean = row.reduce((total, value, k) => total + value * w[i]![k]!, 0);
      return row.map((value, k) => (value * (w[i]![k]! - mean)) / tau);
    });
    rows(input.grad!).forEach((row, i) => row.forEach((value, k) => expect(Math.abs(value - expected[i]![k]!)).toBeLessThan(1e-12)));
  });

  it('uses the logits and τ as softmax((logits + g)/τ): one seed, two logits, τ·log-ratios differ by the logits', () => {
    const tau = 0.5;
    const first = logits().detach();
    const second = first.mul(-0.7).add(0.3);
    manualSeed(13);
    const y1 = rows(F.gumbelSoftmax(first, { tau }));
    manualSeed(13);
    const y2 = rows(F.gumbelSoftmax(second, { tau }));
    const [l1, l2] = [rows(first), rows(second)];
    // τ·log y = l + g − τ·lse per row: the noise and the row's constant cancel between the two draws
    y1.forEach((row, i) => {
      const residual = row.map((value, k) => tau * (Math.log(value) - Math.log(y2[i]![k]!)) - (l1[i]![k]! - l2[i]![k]!));
      for (const value of residual) expect(Math.abs(value - residual[0]!)).toBeLessThan(1e-9);
    });
  });

  it('hard: exactly the one-hot of the soft sample, with the soft sample’s gradient (straight-through)', () => {
    const soft = logits();
    const hard = logits();
    manualSeed(14);
    const y = F.gumbelSoftmax(soft, { tau: 0.7 });
    manualSeed(14);
    const oneHot = F.gumbelSoftmax(hard, { tau: 0.7, hard: true });
    rows(oneHot).forEach((row, i) => {
      const soft = rows(y)[i]!;
      const largest = soft.indexOf(Math.max(...soft));
      expect(row).toEqual(row.map((_, k) => (k === largest ? 1 : 0)));
    });
    y.mul(weights).sum().backward();
    oneHot.mul(weights).sum().backward();
    expect(Array.from(hard.grad!.dataSync())).toEqual(Array.from(soft.grad!.dataSync()));
  });

  it('draws the argmax with probability softmax(logits), for any τ', () => {
    const probabilities = [1, 0, -1, 2].map(Math.exp);
    const total = probabilities.reduce((a, b) => a + b, 0);
    const draws = 20000;
    for (const tau of [1, 0.3]) {
      manualSeed(15);
      const samples = F.gumbelSoftmax(tensor([1, 0, -1, 2], { dtype: 'float64' }).expand(draws, 4), { tau, hard: true });
      const frequencies = Array.from(samples.mean(0).dataSync());
      // standard error ≤ √(0.25/20000) ≈ 0.0035: 0.015 is over 4 of them
      frequencies.forEach((frequency, k) =>
        expect(Math.abs(frequency - probabilities[k]! / total), `τ ${tau}, class ${k}`).toBeLessThan(0.015),
      );
    }
  });

  it('scales Gumbel noise by 1/τ: τ·log(y₀/y₁) − (l₀ − l₁) is a difference of two Gumbels, Logistic(0, 1)', () => {
    const tau = 0.5;
    const draws = 20000;
    manualSeed(16);
    const y = F.gumbelSoftmax(tensor([0.3, -0.2], { dtype: 'float64' }).expand(draws, 2), { tau });
    const values = y.dataSync();
    const z = Array.from({ length: draws }, (_, i) => tau * Math.log(values[2 * i]! / values[2 * i + 1]!) - 0.5);
    const mean = z.reduce((a, b) => a + b, 0) / draws;
    const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / draws;
    const belowOne = z.filter((value) => value <= 1).length / draws;
    // standard errors: mean 0.013, variance 0.04, P(z ≤ 1) 0.003
    expect(Math.abs(mean)).toBeLessThan(0.06);
    expect(Math.abs(variance - Math.PI ** 2 / 3)).toBeLessThan(0.2);
    expect(Math.abs(belowOne - 1 / (1 + Math.exp(-1)))).toBeLessThan(0.015);
  });

  it('passes gradcheck and gradgradcheck in float64 with the noise held by the seed, and releases its intermediates', () => {
    const input = logits();
    const draw = (x: Tensor) => {
      manualSeed(17);
      return F.gumbelSoftmax(x, { tau: 0.8 });
    };
    expect(gradcheck(draw, [input])).toBe(true);
    expect(gradgradcheck(draw, [input])).toBe(true);
    const plain = input.detach();
    expect(leftBehind(() => F.gumbelSoftmax(plain, { hard: true }), [plain])).toEqual({ handles: 0, bytes: 0 });
  });

  it('names bad arguments', () => {
    const x = logits();
    expect(() => F.gumbelSoftmax(x, { tau: 0 })).toThrow('gumbelSoftmax: tau must be > 0, got 0');
    expect(() => F.gumbelSoftmax(x, -1)).toThrow('gumbelSoftmax: tau must be > 0, got -1');
    expect(() => F.gumbelSoftmax(x, { eps: 1e-10 } as never)).toThrow('gumbelSoftmax: unknown option `eps`');
    expect(() => F.gumbelSoftmax(x, { hard: 1 } as never)).toThrow('gumbelSoftmax: hard must be true or false, got 1');
    expect(() => F.gumbelSoftmax(x, { dim: 2 })).toThrow('gumbelSoftmax: dim 2 is out of range for logits of shape [3, 4]');
    expect(() => F.gumbelSoftmax(tensor([1, 2], { dtype: 'int32' }))).toThrow('gumbelSoftmax: expects floating-point logits, got int32');
  });
});
