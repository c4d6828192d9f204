import { describe, expect, it } from 'vitest';
import { gradcheck, gradgradcheck } from '../testing/index.js';
import { withoutFused } from '../cpu/without-fused.js';
import { cpuBackend, grad, logSoftmax, logsumexp, manualSeed, randn, softmax, tensor, type Tensor } from '../index.js';
import { logSoftmaxGradient } from './log-softmax.js';

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

  it('the composite is six passes forward: max, sub, exp, sum, log, sub (no select of a finite shift)', () => {
    const x = randn([8, 2]);
    const calls = kernelCalls(() => withoutFused('logSoftmax', () => logSoftmax(x, 1)));
    expect(calls).toEqual(['reduce:max', 'binary:sub', 'unary:exp', 'reduce:sum', 'unary:log', 'binary:sub']);
    // the fused kernel runs none of them
    expect(kernelCalls(() => logSoftmax(x, 1))).toEqual([]);
  });

  /** log-softmax of each row of x [rows, length] in float64: the reference for float32 results. */
  function referenceRows(x: Tensor): number[] {
    const [rows, length] = x.shape as [number, number];
    const data = Array.from(x.contiguous().dataSync());
    const result: number[] = [];
    for (let row = 0; row < rows; row++) {
      const values = data.slice(row * length, (row + 1) * length);
      const maximum = Math.max(...values);
      const logTotal = Math.log(values.reduce((total, value) => total + Math.exp(value - maximum), 0));
      result.push(...values.map((value) => value - maximum - logTotal));
    }
    return result;
  }

  for (const dtype of ['float32', 'float64'] as const) {
    it(`the JavaScript kernel gives the composite's values bit for bit along any axis (float32's last axis: within 2 ulp of float64): ${dtype}`, () => {
      manualSeed(dtype === 'float32' ? 5 : 6);
      // large and tiny logits, a middle axis (stride > 1), a transposed (non-contiguous) input
      const cases: [Tensor, number][] = [
        [randn([7, 5], { dtype }).mul(30), 1],
        [randn([7, 5], { dtype }), 0],
        [randn([3, 4, 5], { dtype }).mul(4), 1],
        [randn([6, 3], { dtype }).transpose(0, 1), 1],
        [
          tensor(
            [
              [Infinity, 1, 2],
              [-Infinity, -Infinity, -Infinity],
              [Number.NaN, 1, 2],
              [0.5, -Infinity, 1],
            ],
            { dtype },
          ),
          1,
        ],
      ];
      for (const [x, dim] of cases) {
        const fused = logSoftmax(x, dim);
        const composite = withoutFused('logSoftmax', () => logSoftmax(x, dim));
        expect(fused.dtype).toBe(dtype);
        const lastAxis = dim === x.ndim - 1;
        if (dtype === 'float64' || !lastAxis) expect(Array.from(fused.dataSync())).toEqual(Array.from(composite.dataSync()));
        else {
          // the WebAssembly kernel's exp and log: NaN and −∞ where the composite has them, else close
          const reference = referenceRows(x);
          Array.from(fused.dataSync()).forEach((value, index) => {
            const expected = reference[index]!;
            if (!Number.isFinite(expected)) expect(value).toBe(expected);
            else expect(Math.abs(value - expected)).toBeLessThanOrEqual(2.5e-7 * Math.max(1, Math.abs(expected)));
          });
        }
      }
    });

    it(`its backward is g − exp(y)·Σg (closed form in float64), and the composite's gradient: ${dtype}`, () => {
      manualSeed(dtype === 'float32' ? 7 : 8);
      const x = randn([3, 4, 5], { dtype, requiresGrad: true });
      const weights = randn([3, 4, 5], { dtype });
      for (const dim of [0, 1, 2]) {
        const [fused] = grad(logSoftmax(x, dim).mul(weights).sum(), [x]);
        const [composite] = withoutFused('logSoftmax', () => grad(logSoftmax(x, dim).mul(weights).sum(), [x]));
        // closed form: per slice along dim, dx_i = w_i − p_i Σ_j w_j with p = softmax(x)
        const y = Array.from(logSoftmax(x, dim).dataSync());
        const w = Array.from(weights.dataSync());
        const strides = [20, 5, 1];
        const expected = y.map((_, flat) => {
          const position = (flat % strides[dim]!) + Math.floor(flat / (strides[dim]! * x.shape[dim]!)) * strides[dim]! * x.shape[dim]!;
          let total = 0;
          for (let k = 0; k < x.shape[dim]!; k++) total += w[position + k * strides[dim]!]!;
          return w[flat]! - Math.exp(y[flat]!) * total;
        });
        const tolerance = dtype === 'float32' ? 1e-6 : 1e-14;
        Array.from(fused!.dataSync()).forEach((value, index) => expect(Math.abs(value - expected[index]!)).toBeLessThan(tolerance));
        Array.from(composite!.dataSync()).forEach((value, index) => expect(Math.abs(value - expected[index]!)).toBeLessThan(tolerance));
      }
    });
  }

  it('float32 rows: exp over [−110, 0] and log over [1, 2] and of row lengths to 4,096 agree with float64 to float32 rounding', () => {
    // rows [0, t]: y = (−softplus(t), t − softplus(t)) exercise exp(t) and log(1 + eᵗ) ∈ [1, 2]
    const points = Array.from({ length: 4001 }, (_, index) => -110 + (110 * index) / 4000);
    const x = tensor(
      points.flatMap((t) => [0, t]),
      { dtype: 'float32' },
    ).reshape([points.length, 2]);
    const y = Array.from(logSoftmax(x, 1).dataSync());
    const reference = referenceRows(x);
    const ulp = (value: number) => 2 ** (Math.floor(Math.log2(Math.max(Math.abs(value), 2 ** -126))) - 23);
    y.forEach((value, index) => expect(Math.abs(value - reference[index]!)).toBeLessThanOrEqual(2 * ulp(reference[index]!) + 2 ** -24));
    // rows of zeros: y = −log(length), the log of sums up to 4,096
    for (const length of [1, 3, 7, 100, 4096]) {
      const row = Array.from(logSoftmax(tensor(new Array(length).fill(0), { dtype: 'float32' }).reshape([1, length]), 1).dataSync());
      for (const value of row) expect(Math.abs(value + Math.log(length))).toBeLessThanOrEqual(2 * ulp(Math.log(length) || 1));
    }
    // the gradient at g = (1, 0): (1 − p₀, −p₁) = (p₁, −p₁) with p = softmax; y₁ ≈ t holds |t|·2⁻²⁴ of
    // rounding, which exp turns into that relative error of p₁, plus the kernel's own 2 ulp
    const g = tensor(
      points.flatMap(() => [1, 0]),
      { dtype: 'float32' },
    ).reshape([points.length, 2]);
    const dx = Array.from(logSoftmaxGradient(g, logSoftmax(x, 1), 1).dataSync());
    points.forEach((point, index) => {
      const t = Math.fround(point); // the input as float32 holds it
      const p1 = 1 / (1 + Math.exp(-t));
      const tolerance = p1 * (2 ** -24 * (Math.abs(t) + 1) + 2 ** -22) + 2 ** -149;
      // 1 − p₀ cancels: float32 holds p₀ ≈ 1 to 2⁻²⁴
      expect(Math.abs(dx[2 * index]! - p1)).toBeLessThanOrEqual(tolerance + 2 ** -22);
      expect(Math.abs(dx[2 * index + 1]! + p1)).toBeLessThanOrEqual(tolerance);
    });
  });

  it("float32 rows: the kernel's exp is within 1 ulp of Math.exp from −104 to 88.7 (subnormals within 2⁻¹⁴⁹)", () => {
    // rows (y, 0) with g = (0, −1): Σg = −1, so dx₀ = 0 − exp(y)·(−1) = exp(y), exactly the kernel's exp
    const count = 20000;
    const y = Float32Array.from({ length: 2 * count }, (_, index) => (index % 2 ? 0 : -104 + (192.7 * index) / 2 / count));
    const g = Float32Array.from({ length: 2 * count }, (_, index) => (index % 2 ? -1 : 0));
    const result = logSoftmaxGradient(tensor(g).reshape([count, 2]), tensor(y).reshape([count, 2]), 1).dataSync();
    const ulp = (value: number) => 2 ** (Math.floor(Math.log2(value)) - 23);
    for (let row = 0; row < count; row++) {
      const expected = Math.exp(y[2 * row]!);
      const error = Math.abs(result[2 * row]! - expected);
      expect(error).toBeLessThanOrEqual(expected < 2 ** -126 ? 2 ** -149 : ulp(expected));
    }
    // exp(−∞) = 0 and exp(100) = +∞ in float32
    expect(Array.from(logSoftmaxGradient(tensor([[0, -1]]), tensor([[-Infinity, 100]]), 1).dataSync())).toEqual([0, Infinity]);
  });

  it('float32 rows in blocks: many rows and one long row give the JavaScript loops within float32 rounding', () => {
    manualSeed(9);
    // 3 × 20,000 (rows longer than a block) and 5,000 × 7 (many rows per block, a partial last block)
    for (const shape of [
      [3, 20000],
      [5000, 7],
    ] as const) {
      const x = randn([...shape]).mul(3);
      const g = randn([...shape]);
      const y = logSoftmax(x, 1);
      const reference = referenceRows(x);
      Array.from(y.dataSync()).forEach((value, index) =>
        expect(Math.abs(value - reference[index]!)).toBeLessThanOrEqual(2.5e-7 * Math.max(1, Math.abs(reference[index]!))),
      );
      // the gradient against the float64 kernel's loops on the same inputs
      const expected = Array.from(logSoftmaxGradient(g.double(), y.double(), 1).dataSync());
      Array.from(logSoftmaxGradient(g, y, 1).dataSync()).forEach((value, index) =>
        expect(Math.abs(value - expected[index]!)).toBeLessThanOrEqual(2e-6 * Math.max(1, Math.abs(expected[index]!))),
      );
    }
  });

  it('records LogSoftmax and LogSoftmaxGradient nodes on the fused path, composites without it', () => {
    const x = tensor([[0.5, -1, 2]], { dtype: 'float64', requiresGrad: true });
    const y = logSoftmax(x, 1);
    expect(y.gradFn!.name).toBe('LogSoftmaxBackward');
    const [dx] = grad(y.square().sum(), [x], { createGraph: true });
    expect(dx!.gradFn!.name).toBe('LogSoftmaxGradientBackward');
    expect(withoutFused('logSoftmax', () => logSoftmax(x, 1)).gradFn!.name).toBe('SubBackward');
    // the gradient op itself: its own node on the kernel, the composite's last op without it
    const g = tensor([[1, 2, 3]], { dtype: 'float64', requiresGrad: true });
    expect(logSoftmaxGradient(g, y.detach(), 1).gradFn!.name).toBe('LogSoftmaxGradientBackward');
    expect(withoutFused('logSoftmaxGradient', () => logSoftmaxGradient(g, y.detach(), 1)).gradFn!.name).toBe('SubBackward');
  });

  it('gradcheck and gradgradcheck in float64, over every dim, fused and composite', () => {
    manualSeed(3);
    const x = randn([4, 3, 2], { dtype: 'float64', requiresGrad: true });
    for (const dim of [0, 1, 2]) {
      expect(gradcheck((input) => logSoftmax(input, dim), [x])).toBe(true);
      expect(gradgradcheck((input) => logSoftmax(input, dim), [x])).toBe(true);
      expect(gradgradcheck((input) => softmax(input, dim), [x])).toBe(true);
      expect(withoutFused('logSoftmax', () => gradgradcheck((input) => logSoftmax(input, dim), [x]))).toBe(true);
    }
    // the gradient kernel as a function of both its inputs (its rule: the second derivative's terms)
    const g = randn([4, 3, 2], { dtype: 'float64', requiresGrad: true });
    const y = logSoftmax(randn([4, 3, 2], { dtype: 'float64' }), 1).requiresGrad_();
    expect(gradcheck((gradient, output) => logSoftmaxGradient(gradient, output, 1), [g, y])).toBe(true);
    expect(gradgradcheck((gradient, output) => logSoftmaxGradient(gradient, output, 1), [g, y])).toBe(true);
  });
});
