import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bincount, diag, noGrad, tensor, trace, unique, type Tensor } from '@dl/tensor';
import { leftBehind } from '@dl/tensor/testing';

// unique, bincount, diag and trace against torch 1.13 (tools/fixtures/tensor_counting_reference.py).
interface FixtureTensor {
  shape: number[];
  data: number[];
}
type Case = Record<string, FixtureTensor | number> & { input: FixtureTensor };
const { cases } = JSON.parse(readFileSync(new URL('./__fixtures__/torch-counting-reference.json', import.meta.url), 'utf8')) as {
  cases: Record<string, Case>;
};

const ints = (value: FixtureTensor) => tensor(value.data, { shape: value.shape, dtype: 'int32' });
const floats = (value: FixtureTensor) => tensor(value.data, { shape: value.shape });
const read = (value: Tensor) => ({ shape: [...value.shape], data: Array.from(value.dataSync()) });
const close = (actual: Tensor, expected: FixtureTensor) => {
  expect([...actual.shape]).toEqual(expected.shape);
  Array.from(actual.dataSync()).forEach((value, index) => expect(Math.abs(value - expected.data[index]!)).toBeLessThanOrEqual(1e-6));
};

describe('unique and bincount against torch', () => {
  it('unique: sorted values, inverse indices (values[inverse] rebuilds the input) and counts, in torch’s order', () => {
    const entry = cases.unique!;
    const labels = ints(entry.input);
    const [values, inverse, counts] = unique(labels, { returnInverse: true, returnCounts: true });
    expect(read(values!)).toEqual(entry.values);
    expect(read(inverse!)).toEqual(entry.inverse);
    expect(read(counts!)).toEqual(entry.counts);
    const [, onlyCounts] = unique(labels, { returnCounts: true });
    expect(read(onlyCounts!)).toEqual(entry.counts);
    expect(read(unique(floats(cases['unique floats']!.input)))).toEqual(cases['unique floats']!.values);
  });

  it('bincount, with minlength and with weights', () => {
    expect(read(bincount(ints(cases.bincount!.input)))).toEqual(cases.bincount!.output);
    expect(read(bincount(ints(cases['bincount(minlength 9)']!.input), { minlength: 9 }))).toEqual(cases['bincount(minlength 9)']!.output);
    const weighted = cases['bincount(weights)']!;
    close(bincount(ints(weighted.input), { weights: floats(weighted.weights as FixtureTensor) }), weighted.output as FixtureTensor);
    expect(() => bincount(tensor([1, -1], { dtype: 'int32' }))).toThrow('bincount: the input must hold non-negative values, got -1');
    expect(() => bincount(tensor([1.5]))).toThrow('bincount: expected a 1-D tensor of non-negative integers (int32), got float32 [1]');
    expect(() => unique(tensor([1]), { return_counts: true } as never)).toThrow(
      'unique: unknown option `return_counts` (did you mean `returnCounts`?)',
    );
  });
});

describe('diag and trace against torch', () => {
  for (const name of Object.keys(cases).filter((key) => key.startsWith('diag')))
    it(name, () => {
      const entry = cases[name]!;
      const input = floats(entry.input).requiresGrad_();
      const output = diag(input, entry.diagonal as number);
      close(output, entry.output as FixtureTensor);
      output
        .mul(floats(entry.weights as FixtureTensor))
        .sum()
        .backward();
      close(input.grad!, entry.gradient as FixtureTensor);
    });

  it('trace, as a method too; both release their intermediates', () => {
    const entry = cases.trace!;
    const input = floats(entry.input).requiresGrad_();
    const output = input.trace();
    close(output, entry.output as FixtureTensor);
    output.backward();
    close(input.grad!, entry.gradient as FixtureTensor);
    // a tall matrix: the gradient is 1 on the main diagonal only (torch 1.13's trace_backward also sets
    // x[4][0] for a [5, 3] matrix, stepping by columns + 1 past the diagonal; later versions do not)
    const tall = tensor([...Array(15).keys()], { shape: [5, 3], requiresGrad: true });
    tall.trace().backward();
    expect(tall.grad!.toArraySync()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    const matrix = floats(entry.input);
    const vector = floats(entry.input).narrow(0, 0, 1).flatten();
    for (const call of [() => trace(matrix), () => diag(matrix, 1), () => diag(vector, -1)]) {
      noGrad(call);
      expect(leftBehind(() => noGrad(call), [matrix, vector])).toEqual({ handles: 0, bytes: 0 });
    }
  });
});
