import { describe, expect, it } from 'vitest';
import { grad, gradient, histogram, igamma, igammac, linspace, special, tensor, type Tensor } from '../src/index.js';
import { type DType, expectValues, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// torch.histogram, torch.gradient and torch.igamma / igammac against torch 1.13 (values, shapes, dtypes,
// float64 gradients, errors) and, for the incomplete gamma functions, mpmath at 30 digits; all from
// tools/fixtures/tensor_numerical_reference.py.

interface HistogramCase {
  name: string;
  input: FixtureTensor;
  bins: number | FixtureTensor;
  range: [number, number] | null;
  weight: FixtureTensor | null;
  density: boolean;
  hist: FixtureTensor;
  edges: FixtureTensor;
}
interface GradientCase {
  name: string;
  input: FixtureTensor;
  outputs: FixtureTensor[];
  spacing?: number | number[] | FixtureTensor[] | null;
  dim?: number | number[] | null;
  edge_order: number;
  grad?: FixtureTensor;
}
interface IncompleteGammaReference {
  float64: FixtureTensor;
  float32: FixtureTensor;
  mpmath: (number | string)[];
  special: FixtureTensor;
  grad: FixtureTensor;
  gradgrad: FixtureTensor;
  a_gradient_error: string;
}
interface Fixture {
  histogram: HistogramCase[];
  histogram_errors: Record<string, string>;
  gradient: GradientCase[];
  gradient_errors: Record<string, string>;
  igamma: {
    a: FixtureTensor;
    x: FixtureTensor;
    special_a: FixtureTensor;
    special_x: FixtureTensor;
    igamma: IncompleteGammaReference;
    igammac: IncompleteGammaReference;
    broadcast: { a: FixtureTensor; x: FixtureTensor; igamma: FixtureTensor; 'mixed dtype': DType };
  };
}
const fixture = readTorchFixture<Fixture>('torch-numerical-reference.json');

const fromFixture = (value: FixtureTensor, dtype: DType = value.dtype ?? 'float64', requiresGrad = false): Tensor =>
  tensor(numbers(value), { shape: value.shape, dtype, requiresGrad });
const isFixtureTensor = (value: unknown): value is FixtureTensor => typeof value === 'object' && value !== null && 'shape' in value;
const exact = { float64: 0, float32: 0 };

describe('histogram (torch.histogram)', () => {
  for (const entry of fixture.histogram) {
    it(`${entry.name}: hist and bin edges as torch`, () => {
      const input = fromFixture(entry.input);
      const bins = typeof entry.bins === 'number' ? entry.bins : fromFixture(entry.bins);
      const [hist, edges] = histogram(input, bins, {
        ...(entry.range ? { range: entry.range } : {}),
        ...(entry.weight ? { weight: fromFixture(entry.weight) } : {}),
        density: entry.density,
      });
      // the edges are torch's linspace, rounded in the input's dtype; the counts are exact
      expectValues(edges, entry.edges, entry.edges.dtype!, `${entry.name} edges`, exact);
      expectValues(hist, entry.hist, entry.hist.dtype!, `${entry.name} hist`, { float64: 1e-15, float32: 1e-6 });
    });
  }

  it('as a Tensor method, with the default of 100 bins', () => {
    const [hist, edges] = tensor([0, 1, 2, 3]).histogram();
    expect(hist.shape).toEqual([100]);
    expect(edges.shape).toEqual([101]);
    expect(hist.sum().item()).resolves.toBe(4);
  });

  it('throws as torch does', () => {
    const x = tensor([0, 0.5, 1]);
    const errors = fixture.histogram_errors;
    expect(() => histogram(x, 0), errors['zero bins']).toThrow(/histogram: bins must be an integer ≥ 1, got 0/);
    expect(() => histogram(x, 3, { range: [2, 1] }), errors['min exceeds max']).toThrow(
      'histogram: min should not exceed max, but got min 2 and max 1',
    );
    expect(() => histogram(tensor([1, 2], { dtype: 'int32' }), 3), errors['integer input']).toThrow(
      'histogram: expects a floating-point input, got int32',
    );
    expect(() => histogram(x, 3, { weight: tensor([1, 2]) }), errors['weight shape']).toThrow(
      'histogram: weight [2] should have the same shape as the input [3]',
    );
    expect(() => histogram(x, 3, { weight: tensor([1, 2, 3], { dtype: 'float64' }) }), errors['weight dtype']).toThrow(
      'histogram: input (float32) and weight (float64) should have the same dtype',
    );
    expect(() => histogram(x, tensor([[0, 1]])), errors['2-D edges']).toThrow(
      'histogram: bins tensor should have one dimension, but got [1, 2]',
    );
    expect(() => histogram(x, tensor([0])), 'an edges tensor of one entry').toThrow('histogram: bins must be > 0, but got 0');
    expect(() => histogram(tensor([0, Number.POSITIVE_INFINITY]), 3), errors['infinite data range']).toThrow(
      "histogram: the data's range [0, Infinity] is not finite",
    );
    expect(() => histogram(x, tensor([0, 1]), { range: [0, 1] }), 'torch takes range with a bin count only').toThrow(
      /range is taken with a bin count only/,
    );
    expect(() => histogram(x, 3, { bins: 3 } as never), 'an unknown option').toThrow(/histogram: unknown option `bins`/);
  });
});

describe('gradient (torch.gradient)', () => {
  for (const entry of fixture.gradient) {
    it(`${entry.name}: values${entry.grad ? ' and the float64 gradient' : ''} as torch`, () => {
      const x = fromFixture(entry.input, entry.input.dtype, entry.grad !== undefined);
      const spacing = Array.isArray(entry.spacing)
        ? entry.spacing.every(isFixtureTensor)
          ? (entry.spacing as FixtureTensor[]).map((coordinates) => fromFixture(coordinates))
          : (entry.spacing as number[])
        : (entry.spacing ?? undefined);
      const outputs = gradient(x, { spacing, dim: entry.dim ?? undefined, edgeOrder: entry.edge_order });
      expect(outputs.length).toBe(entry.outputs.length);
      outputs.forEach((output, k) =>
        expectValues(output, entry.outputs[k]!, entry.outputs[k]!.dtype!, `${entry.name} output ${k}`, { float64: 1e-14, float32: 1e-6 }),
      );
      if (!entry.grad) return;
      // the same fixed weights as the fixture script: output k times (k + 1)·linspace(−1, 1)
      const loss = outputs
        .map((output, k) =>
          output
            .mul(
              linspace(-1, 1, output.numel(), { dtype: 'float64' })
                .reshape(output.shape)
                .mul(k + 1),
            )
            .sum(),
        )
        .reduce((total, term) => total.add(term));
      const [inputGradient] = grad(loss, [x]) as [Tensor];
      expectValues(inputGradient, entry.grad, 'float64', `${entry.name} gradient`, { float64: 1e-13, float32: 0 });
    });
  }

  it('a 0-D input gives no outputs, as torch', () => {
    expect(gradient(tensor(1))).toEqual([]);
  });

  it('throws as torch does', () => {
    const errors = fixture.gradient_errors;
    const square = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], { shape: [3, 3] });
    expect(() => gradient(tensor([[1], [2], [3]])), errors['dim too short']).toThrow(
      'gradient: expected each dimension size to be at least edgeOrder + 1 = 2, but dim 1 of [3, 1] has 1',
    );
    expect(() => gradient(tensor([1, 2]), { edgeOrder: 2 }), errors['dim too short for edge order 2']).toThrow(
      /at least edgeOrder \+ 1 = 3/,
    );
    expect(() => gradient(tensor([1, 2, 3]), { edgeOrder: 3 }), errors['edge order 3']).toThrow(
      'gradient: only edgeOrder 1 and 2 are supported, got 3',
    );
    expect(() => gradient(square, { spacing: [1, 2, 3] }), errors['spacing list length']).toThrow(
      'gradient: expected spacing to be unspecified, a number, or a list of length 2 (x.ndim), but got a list of length 3',
    );
    expect(() => gradient(square, { spacing: [1, 2], dim: [0] }), errors['spacing and dim lengths']).toThrow(
      'gradient: expected spacing to be unspecified, a number, or a list as long as dim (1), but got a list of length 2',
    );
    expect(() => gradient(tensor([1, 2, 3]), { spacing: [tensor([[1], [2], [3]])] }), errors['2-D coordinates']).toThrow(
      'gradient: expected each element of spacing to have one dimension, but got one of shape [3, 1]',
    );
    expect(() => gradient(tensor([1, 2, 3]), { dim: 1 }), errors['dim out of range']).toThrow(/gradient: dim 1 is out of range/);
    expect(() => gradient(square, { dim: [0, 0] }), errors['repeated dim']).toThrow(/gradient: dim \[0,0\] repeats an axis/);
    expect(() => gradient(tensor([1, 2, 3]), { spacing: [tensor([0, 1])] }), 'coordinates of the wrong length').toThrow(
      'gradient: the coordinates for dim 0 have 2 entries, expected its size 3',
    );
    expect(() => gradient(tensor([1, 2, 3]), { edge_order: 2 } as never), 'an unknown option').toThrow(/did you mean `edgeOrder`/);
  });
});

describe('igamma and igammac (torch.igamma, torch.igammac, special.gammainc/gammaincc)', () => {
  const reference = fixture.igamma;
  const functions = { igamma, igammac } as const;
  for (const name of ['igamma', 'igammac'] as const) {
    const f = functions[name];
    const expected = reference[name];

    it(`${name}: float64 within 5e-14 relative of mpmath (and torch's values) on a grid of a up to 100`, () => {
      const values = Array.from(f(fromFixture(reference.a), fromFixture(reference.x)).dataSync());
      const [as, xs, torchValues] = [numbers(reference.a), numbers(reference.x), numbers(expected.float64)];
      expected.mpmath.map(Number).forEach((want, index) => {
        const label = `${name}(${as[index]}, ${xs[index]}) is ${values[index]}, mpmath ${want}, torch ${torchValues[index]}`;
        expect(Math.abs(values[index]! - want), label).toBeLessThanOrEqual(5e-14 * Math.abs(want));
      });
    });

    it(`${name}: float32 as torch`, () => {
      const result = f(fromFixture(reference.a, 'float32'), fromFixture(reference.x, 'float32'));
      expectValues(result, expected.float32, 'float32', `${name} float32`, { float64: 0, float32: 2e-6 });
    });

    it(`${name}: special values as torch (a or x 0, ∞, NaN, negative)`, () => {
      const result = f(fromFixture(reference.special_a), fromFixture(reference.special_x));
      expectValues(result, expected.special, 'float64', `${name} special`, { float64: 1e-14, float32: 0 });
    });

    it(`${name}: first and second derivatives in x as torch (float64)`, () => {
      const x = fromFixture(reference.x, 'float64', true);
      const [first] = grad(f(fromFixture(reference.a), x).sum(), [x], { createGraph: true }) as [Tensor];
      expectValues(first, expected.grad, 'float64', `${name} gradient`, { float64: 1e-12, float32: 0 });
      const [second] = grad(first.sum(), [x]) as [Tensor];
      expectValues(second, expected.gradgrad, 'float64', `${name} second derivative`, { float64: 1e-11, float32: 0 });
    });

    it(`${name}: the derivative in a throws in backward, as torch's (${expected.a_gradient_error})`, () => {
      const a = tensor([2], { requiresGrad: true });
      const result = f(a, tensor([1]));
      expect(result.requiresGrad).toBe(true);
      expect(() => result.sum().backward()).toThrow(`${name}: the derivative with respect to a (torch's 'input') is not implemented`);
    });
  }

  it('broadcasts a and x, promotes float32 with float64, and refuses integers as torch', () => {
    const { broadcast } = reference;
    expectValues(
      igamma(fromFixture(broadcast.a, 'float32'), fromFixture(broadcast.x, 'float32')),
      broadcast.igamma,
      'float32',
      'broadcast',
      {
        float64: 0,
        float32: 2e-6,
      },
    );
    expect(igamma(tensor([1]), tensor([2], { dtype: 'float64' })).dtype).toBe(broadcast['mixed dtype']);
    expect(() => igamma(tensor([1], { dtype: 'int32' }), tensor([2], { dtype: 'int32' }))).toThrow(
      'igamma: expects floating-point a and x, got int32 and int32',
    );
  });

  it('special.gammainc / gammaincc and the Tensor methods, in place included', async () => {
    const [a, x] = [tensor([0.5, 3], { dtype: 'float64' }), tensor([2, 1], { dtype: 'float64' })];
    expect(special.gammainc).toBe(igamma);
    expect(special.gammaincc).toBe(igammac);
    expect(await a.igamma(x).toArray()).toEqual(await igamma(a, x).toArray());
    expect(await a.igammac(x).toArray()).toEqual(await igammac(a, x).toArray());
    const inPlace = a.clone();
    expect(inPlace.igamma_(x)).toBe(inPlace);
    expect(await inPlace.toArray()).toEqual(await igamma(a, x).toArray());
    expect(await a.clone().igammac_(x).toArray()).toEqual(await igammac(a, x).toArray());
  });
});
