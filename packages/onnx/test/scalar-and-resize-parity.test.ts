import { readFileSync } from 'node:fs';
import { F, LogSoftmax, Module, Softmax, Upsample, type UpsampleOptions } from '@dl/nn';
import { randn, tensor, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from '../src/index.js';
import { expectSameAsOnnxRuntime } from './export-helpers.js';
import { runOnnx } from './onnx-runtime.js';

// torch 1.13's values, from tools/fixtures/onnx_scalar_softmax_and_resize_reference.py
const reference = JSON.parse(readFileSync(new URL('./__fixtures__/onnx_scalar_softmax_and_resize.json', import.meta.url), 'utf8')) as {
  scalar: { op: string; input: number[]; expected: number }[];
  resize: { label: string; input: number[]; options: UpsampleOptions; shape: number[]; expected: number[] }[];
};

/** x.sum() (0-d) through a 0-d op, the Softmax and LogSoftmax modules as registered children. */
class OfSum extends Module {
  softmax = new Softmax(0);
  logSoftmax = new LogSoftmax(-1);
  constructor(private readonly op: string) {
    super();
  }
  forward(x: Tensor): Tensor {
    const sum = x.sum();
    if (this.op === 'softmax') return F.softmax(sum, 0);
    if (this.op === 'logSoftmax') return F.logSoftmax(sum, -1);
    if (this.op === 'softmin') return F.softmin(sum, 0);
    if (this.op === 'gather') return sum.gather(-1, tensor(0, { dtype: 'int32' }));
    return (this.op === 'Softmax' ? this.softmax : this.logSoftmax).call(sum) as Tensor;
  }
}

describe('ops along one axis of a 0-d tensor (ONNX wants rank ≥ 1: Unsqueeze, op, Squeeze)', () => {
  const moduleCases = reference.scalar
    .filter((entry) => entry.op === 'softmax' || entry.op === 'logSoftmax')
    .map((entry) => ({ ...entry, op: entry.op === 'softmax' ? 'Softmax' : 'LogSoftmax' }));
  for (const { op, input, expected } of [...reference.scalar, ...moduleCases]) {
    it(`${op} of the sum of [${input}] is torch's ${expected}`, async () => {
      const model = new OfSum(op);
      const bytes = await expectSameAsOnnxRuntime(model, [randn([3])], [[tensor(input)]]);
      const { output } = await runOnnx(bytes, { input: tensor(input) });
      expect(output!.dims).toEqual([]);
      expect(output!.data[0]).toBeCloseTo(expected, 5);
    });
  }
});

describe("linear resizes to an output axis of length 1 sample in/2 − ½, as torch (not pytorch_half_pixel's 0)", () => {
  for (const { label, input, options, shape, expected } of reference.resize) {
    it(label, async () => {
      const x = tensor(input);
      const model = new Upsample(options);
      const bytes = await expectSameAsOnnxRuntime(model, [x], [[x]]);
      const { output } = await runOnnx(bytes, { input: x });
      expect([...output!.dims]).toEqual(shape);
      expect(Math.max(...expected.map((value, index) => Math.abs(value - output!.data[index]!)))).toBeLessThan(1e-5);
    });
  }

  it('a scale factor below 1 on dynamic spatial axes follows each input (2x2 → 1x1, 4x6 → 2x3, 3x5 → 1x2)', async () => {
    const model = new Upsample({ mode: 'bilinear', scaleFactor: 0.5 });
    const axes = { 0: 'batch', 2: 'height', 3: 'width' };
    await expectSameAsOnnxRuntime(model, [randn([1, 2, 4, 6])], [[randn([1, 2, 2, 2])], [randn([2, 2, 4, 6])], [randn([1, 2, 3, 5])]], {
      dynamicAxes: { input: axes, output: axes },
    });
  });

  it('a size with an axis of length 1 and another dynamic axis is refused, naming the axis', () => {
    const model = new Upsample({ mode: 'bilinear', size: [1, 3] });
    expect(() => exportOnnx(model, [randn([1, 1, 2, 2])], { dynamicAxes: { input: { 3: 'width' } } })).toThrow(/dynamic axis 3/);
  });
});
