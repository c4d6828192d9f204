import { Conv1d, Conv2d, Conv3d, F, LPPool1d, LPPool2d, Module, type PaddingMode, Sequential } from '@dl/nn';
import { manualSeed, noGrad, randn, tensor, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { checkOnnxModel, exportOnnx } from '../src/index.js';
import { expectSameAsOnnxRuntime } from './export-helpers.js';
import { runOnnx } from './onnx-runtime.js';

// F.pad's non-constant modes called in a custom forward (traced as Slice and Concat), and the LP pooling
// layers (ONNX LpPool, or torch's formula as Pow, AveragePool, Mul, Pow): each exported model is run in
// ONNX Runtime and compared with the model's own forward on inputs other than the example.

const dynamicBatch = { dynamicAxes: { input: { 0: 'batch' }, output: { 0: 'batch' } } };

/** F.pad in `mode` by `padding`, then a convolution of the padded input's rank. */
class PaddedConvolution extends Module {
  constructor(
    readonly padding: number[],
    readonly mode: PaddingMode,
    readonly convolution: Conv1d | Conv2d | Conv3d,
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    return this.convolution.call(F.pad(x, this.padding, this.mode));
  }
}

describe("F.pad in modes 'reflect', 'replicate' and 'circular' in a custom forward", () => {
  it("exports 2-D 'reflect' and 'replicate' padding before a Conv2d, with a dynamic batch", async () => {
    manualSeed(81);
    for (const mode of ['reflect', 'replicate'] as const) {
      const model = new PaddedConvolution([1, 2, 3, 1], mode, new Conv2d(2, 3, 3));
      const bytes = await expectSameAsOnnxRuntime(
        model,
        [randn([2, 2, 5, 6])],
        [[randn([2, 2, 5, 6])], [randn([4, 2, 5, 6])]],
        dynamicBatch,
      );
      const summary = checkOnnxModel(bytes);
      expect(summary.operators).toContain('Concat');
      expect(summary.operators).not.toContain('GatherElements');
    }
  });

  it("exports 1-D and 3-D 'reflect' and 'replicate' padding before Conv1d and Conv3d", async () => {
    manualSeed(82);
    for (const mode of ['reflect', 'replicate'] as const) {
      await expectSameAsOnnxRuntime(
        new PaddedConvolution([3, 2], mode, new Conv1d(2, 4, 3)),
        [randn([2, 2, 7])],
        [[randn([3, 2, 7])]],
        dynamicBatch,
      );
      await expectSameAsOnnxRuntime(
        new PaddedConvolution([1, 0, 2, 1, 1, 1], mode, new Conv3d(2, 2, 2)),
        [randn([1, 2, 3, 4, 5])],
        [[randn([2, 2, 3, 4, 5])]],
        dynamicBatch,
      );
    }
  });

  it("exports 'circular' padding and padding that crops (negative amounts) in every mode", async () => {
    manualSeed(83);
    for (const mode of ['reflect', 'replicate', 'circular'] as const) {
      await expectSameAsOnnxRuntime(
        new PaddedConvolution([2, 1, 1, 2], mode, new Conv2d(2, 2, 3)),
        [randn([1, 2, 4, 5])],
        [[randn([1, 2, 4, 5])]],
      );
      // −2 crops the left two columns; torch's reflect and replicate still read around the uncropped edge
      await expectSameAsOnnxRuntime(
        new PaddedConvolution([-2, 3, 1, -1], mode, new Conv2d(2, 2, 2)),
        [randn([2, 2, 4, 5])],
        [[randn([2, 2, 4, 5])]],
      );
    }
  });

  it('refuses padding a dynamic spatial axis, naming the operation', () => {
    const model = new PaddedConvolution([1, 1], 'reflect', new Conv1d(2, 2, 3));
    expect(() => exportOnnx(model, [randn([1, 2, 6])], { dynamicAxes: { input: { 2: 'length' } } })).toThrow(
      /'slice' in the root module \(PaddedConvolution\).*dynamic axis 2/,
    );
  });
});

/**
 * Exports `model`, runs ONNX Runtime on `input` and compares with @dl's forward, NaN for NaN: torch's
 * formula takes the 1/p-th power of a window's sum, which is NaN where that sum is negative and 1/p is
 * not an integer. Returns the model's operators and how many NaN it gave.
 */
async function expectLpPoolSameAsOnnxRuntime(
  model: Module,
  example: Tensor,
  input: Tensor,
): Promise<{ operators: string[]; nans: number }> {
  const bytes = exportOnnx(model, [example], dynamicBatch);
  const summary = checkOnnxModel(bytes);
  const expected = noGrad(() => (model.call as (x: Tensor) => Tensor)(input));
  const actual = (await runOnnx(bytes, { input })).output!;
  expect([...actual.dims]).toEqual(expected.shape);
  const wanted = expected.contiguous().dataSync() as Float32Array;
  wanted.forEach((value, index) => {
    const got = actual.data[index]!;
    if (Number.isNaN(value)) expect(got, `element ${index}`).toBeNaN();
    else expect(Math.abs(got - value), `element ${index}: ${got} for ${value}`).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(value)));
  });
  return { operators: summary.operators, nans: wanted.filter(Number.isNaN).length };
}

describe('LPPool1d and LPPool2d', () => {
  it('p = 2 exports as ONNX LpPool (x² = |x|², every window inside the input)', async () => {
    manualSeed(84);
    const { operators: operators1d } = await expectLpPoolSameAsOnnxRuntime(
      new Sequential(new LPPool1d(2, 3, 2)),
      randn([2, 3, 9]),
      randn([4, 3, 9]),
    );
    expect(operators1d).toEqual(['LpPool']);
    const { operators: operators2d } = await expectLpPoolSameAsOnnxRuntime(
      new Sequential(new LPPool2d(2, [2, 3], [1, 2])),
      randn([1, 3, 6, 7]),
      randn([2, 3, 6, 7]),
    );
    expect(operators2d).toEqual(['LpPool']);
  });

  it("p = 3 exports torch's formula, which keeps the sign of a window's sum (LpPool would take |x|)", async () => {
    manualSeed(85);
    // positive inputs give finite values; randn's give negative window sums too, whose 1/3 power is NaN
    for (const [input, hasNaN] of [
      [randn([2, 3, 10]).abs(), false],
      [randn([2, 3, 10]), true],
    ] as const) {
      const { operators, nans } = await expectLpPoolSameAsOnnxRuntime(new Sequential(new LPPool1d(3, 3, 2)), randn([1, 3, 10]), input);
      expect(operators).toContain('AveragePool');
      expect(operators).not.toContain('LpPool');
      expect(nans > 0).toBe(hasNaN);
    }
    const input2d = randn([2, 2, 7, 8]);
    await expectLpPoolSameAsOnnxRuntime(new Sequential(new LPPool2d(3, 3, 2)), randn([1, 2, 7, 8]), input2d);
    // a window holding −1: torch's (8 − 1 + 1 + 1)^(1/3), where LpPool gives (8 + 1 + 1 + 1)^(1/3)
    const mixed = tensor([
      [
        [
          [2, -1],
          [1, 1],
        ],
      ],
    ]);
    const model = new Sequential(new LPPool2d(3, 2));
    await expectLpPoolSameAsOnnxRuntime(model, mixed, mixed);
    expect(noGrad(() => model.call(mixed)).itemSync()).toBeCloseTo(Math.cbrt(9), 5);
  });

  it('ceilMode: a last window over the end averages its real cells times the full kernel, as torch does', async () => {
    manualSeed(86);
    for (const normType of [2, 3]) {
      const input1d = randn([2, 2, 8]).abs();
      const { operators } = await expectLpPoolSameAsOnnxRuntime(
        new Sequential(new LPPool1d(normType, 3, { stride: 2, ceilMode: true })),
        randn([1, 2, 8]),
        input1d,
      );
      expect(operators).not.toContain('LpPool');
      await expectLpPoolSameAsOnnxRuntime(
        new Sequential(new LPPool2d(normType, [3, 2], { stride: 2, ceilMode: true })),
        randn([1, 2, 6, 5]),
        randn([3, 2, 6, 5]).abs(),
      );
    }
  });

  it('refuses unbatched inputs and a ceil-mode window that starts past the input, naming the layer', () => {
    expect(() => exportOnnx(new Sequential(new LPPool1d(2, 2)), [randn([3, 8])])).toThrow(/'LPPool1d'.*add the batch axis/);
    expect(() => exportOnnx(new Sequential(new LPPool2d(2, 2)), [randn([3, 8, 8])])).toThrow(/'LPPool2d'.*add the batch axis/);
    // L = 5, k = 1, s = 3: torch keeps 2 windows; ONNX's ⌈(5 − 1)/3⌉ + 1 = 3 would start one at 6
    expect(() => exportOnnx(new Sequential(new LPPool1d(2, 1, { stride: 3, ceilMode: true })), [randn([1, 2, 5])])).toThrow(
      /'LPPool1d'.*starts past the input/,
    );
  });
});
