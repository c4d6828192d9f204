import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as dl from '@dl/tensor';
import { tensor, type Tensor } from '@dl/tensor';
import { leftBehind } from '@dl/tensor/testing';

// roll, tile, repeatInterleave, movedim, lerp, isclose and median against torch 1.13
// (tools/fixtures/tensor_rearrangement_reference.py): outputs (and median's indices), and the
// gradients of sum(output · weights) with respect to each floating input.
interface FixtureTensor {
  shape: number[];
  dtype: string;
  data: (number | boolean | string)[];
}
interface Case {
  name: string;
  inputs: FixtureTensor[];
  output: FixtureTensor;
  indices?: FixtureTensor;
  weights?: FixtureTensor;
  gradients?: (FixtureTensor | null)[];
}
const reference = JSON.parse(readFileSync(new URL('./__fixtures__/torch-rearrangement-reference.json', import.meta.url), 'utf8')) as {
  cases: Case[];
};

/** A fixture tensor: floats as float32 (non-finite values were written as strings), integers as int32. */
function fromFixture(value: FixtureTensor): Tensor {
  const data = value.data.map((entry) => (typeof entry === 'string' ? Number(entry) : entry));
  const dtype = value.dtype === 'bool' ? 'bool' : value.dtype.startsWith('int') ? 'int32' : 'float32';
  return tensor(data as number[], { shape: value.shape, dtype });
}

function values(value: FixtureTensor): (number | boolean)[] {
  return value.data.map((entry) => (typeof entry === 'string' ? Number(entry) : entry));
}

const calls: Record<string, (...inputs: Tensor[]) => Tensor | dl.ValuesAndIndices> = {
  'roll(2)': (x) => dl.roll(x!, 2),
  'roll((1, -2), (0, 2))': (x) => x!.roll([1, -2], [0, 2]),
  'roll(7, 1)': (x) => dl.roll(x!, 7, 1),
  'tile((2,))': (x) => x!.tile(2),
  'tile((2, 1, 1, 2))': (x) => dl.tile(x!, [2, 1, 1, 2]),
  'repeat_interleave(2)': (x) => dl.repeatInterleave(x!, 2),
  'repeat_interleave([1, 0, 3, 2], dim=1)': (x) => x!.repeatInterleave(tensor([1, 0, 3, 2], { dtype: 'int32' }), 1),
  'movedim(0, -1)': (x) => dl.movedim(x!, 0, -1),
  'movedim((0, 1), (2, 0))': (x) => x!.movedim([0, 1], [2, 0]),
  'lerp(0.3)': (a, b) => dl.lerp(a!, b!, 0.3),
  'lerp(0.8)': (a, b) => a!.lerp(b!, 0.8),
  'lerp(tensor weight)': (a, b, w) => dl.lerp(a!, b!, w!),
  'median()': (x) => dl.median(x!),
  'median(1)': (x) => dl.median(x!, 1),
  'median(2, keepdim)': (x) => x!.median(2, true),
  isclose: (a, b) => dl.isclose(a!, b!),
  'isclose(rtol 1e-2, equal_nan)': (a, b) => a!.isclose(b!, { rtol: 1e-2, equalNan: true }),
};

describe('rearrangement and friends against torch', () => {
  it.each(reference.cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const inputs = entry.inputs.map((input) => {
      const value = fromFixture(input);
      return value.dtype === 'float32' ? value.requiresGrad_() : value;
    });
    const result = calls[name]!(...inputs);
    const [output, indices] = dl.isTensor(result) ? [result, null] : result;
    expect(output.shape).toEqual(entry.output.shape);
    const expected = values(entry.output);
    Array.from(output.dataSync()).forEach((value, index) => {
      const want = expected[index]!;
      if (typeof want === 'boolean') expect(value, `${name}[${index}]`).toBe(want ? 1 : 0);
      else expect(Math.abs(value - want), `${name}[${index}]`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(want)));
    });
    if (entry.indices) expect(Array.from(indices!.dataSync())).toEqual(values(entry.indices));
    if (!entry.weights) return;
    output.mul(fromFixture(entry.weights)).sum().backward();
    entry.gradients!.forEach((gradient, index) => {
      if (!gradient) return;
      const got = Array.from(inputs[index]!.grad!.dataSync());
      values(gradient).forEach((want, at) =>
        expect(Math.abs(got[at]! - (want as number)), `${name}: gradient ${index}[${at}]`).toBeLessThanOrEqual(1e-5),
      );
    });
  });

  it('own handles and released intermediates', () => {
    const x = fromFixture(reference.cases[0]!.inputs[0]!);
    expect(dl.roll(x, 0, 1)).not.toBe(x); // nothing to move: a handle of its own, as torch
    const calls: (() => unknown)[] = [
      () => dl.roll(x, 2),
      () => dl.tile(x, [2]),
      () => dl.repeatInterleave(x, 2, 1),
      () => dl.median(x, 1),
    ];
    for (const call of calls) {
      dl.noGrad(call);
      expect(leftBehind(() => dl.noGrad(call), [x])).toEqual({ handles: 0, bytes: 0 });
    }
  });

  it('name bad arguments', () => {
    const x = fromFixture(reference.cases[0]!.inputs[0]!);
    expect(() => dl.roll(x, [1, 2], [0])).toThrow('roll: shifts [1, 2] and dims [0] must have the same length');
    expect(() => dl.repeatInterleave(x, [1, 2], 1)).toThrow(
      'repeatInterleave: repeats must have the same size as input along dim 1 (4), got 2',
    );
    expect(() => dl.movedim(x, [0, 1], [1])).toThrow('movedim: source [0, 1] and destination [1] must have the same number of dims');
    expect(() => dl.isclose(x, x, { rel_tol: 1 } as never)).toThrow('isclose: unknown option `rel_tol`');
  });
});
