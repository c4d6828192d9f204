import { describe, expect, it } from 'vitest';
import {
  atan2,
  bucketize,
  cdist,
  clamp,
  copysign,
  div,
  floorDivide,
  fmod,
  isclose,
  norm,
  remainder,
  repeatInterleave,
  round,
  searchsorted,
  tensor,
  type Tensor,
  where,
} from '../src/index.js';
import { expectTorchOperation, readTorchFixture, type TensorOperationCase, type Tolerances } from './helpers/torch-fixtures.js';

// Where probing @dl's tensor ops against torch 1.13 found them differing (tools/fixtures/
// tensor_parity_probes_reference.py): each case runs the operation named by the fixture and compares
// the value, dtype and float gradients with torch's.

const { cases } = readTorchFixture<{ cases: TensorOperationCase[] }>('torch-parity-probes-reference.json');

const operations: Record<string, (...inputs: Tensor[]) => Tensor> = {
  'fmod float64, exact': (a, b) => fmod(a!, b!),
  'remainder float64, exact': (a, b) => remainder(a!, b!),
  'fmod float32, exact': (a, b) => a!.fmod(b!),
  'remainder float32, exact': (a, b) => a!.remainder(b!),
  'remainder by infinity': (a, b) => remainder(a!, b!),
  'fmod int32, large': (a, b) => fmod(a!, b!),
  'remainder int32, large': (a, b) => remainder(a!, b!),
  'floor_divide float64, exact': (a, b) => floorDivide(a!, b!),
  'div floor float64, exact': (a, b) => div(a!, b!, { roundingMode: 'floor' }),
  'copysign by scalar -0': (x) => copysign(x!, -0),
  'div by scalar -0': (x) => div(x!, -0),
  'atan2 with scalar -0': (x) => atan2(x!, -0),
  'isclose at infinities': (a, b) => isclose(a!, b!),
  'isclose at infinities, equal_nan': (a, b) => isclose(a!, b!, { rtol: 0.5, equalNan: true }),
  'round decimals 2': (x) => round(x!, { decimals: 2 }),
  'round decimals -2': (x) => x!.round({ decimals: -2 }),
  'round decimals 0': (x) => round(x!, { decimals: 0 }),
  'norm p 0': (x) => norm(x!, 0),
  'norm p -inf dim 1': (x) => x!.norm(Number.NEGATIVE_INFINITY, 1),
  'norm p inf ties': (x) => norm(x!, Number.POSITIVE_INFINITY, 1),
  'norm p -1 dim 0 keepdim': (x) => x!.norm(-1, 0, true),
  'norm p 0.5 (a zero entry)': (x) => norm(x!, { p: 0.5 }),
  'norm p 3 dim 1': (x) => norm(x!, 3, 1),
  'norm fro': (x) => norm(x!, 'fro'),
  'norm fro dim 1 keepdim': (x) => x!.norm({ p: 'fro', dim: 1, keepdim: true }),
  'norm fro dims (0, 2)': (x) => norm(x!, 'fro', [0, 2]),
  'norm nuc': (x) => x!.norm('nuc'),
  'norm nuc dims (2, 0)': (x) => norm(x!, { p: 'nuc', dim: [2, 0] }),
  'searchsorted NaN values': (s, v) => searchsorted(s!, v!),
  'searchsorted NaN values right': (s, v) => searchsorted(s!, v!, { right: true }),
  'bucketize NaN values': (x, boundaries) => bucketize(x!, boundaries!),
  'cdist p inf ties': (a, b) => cdist(a!, b!, { p: Number.POSITIVE_INFINITY }),
  'cdist p 0.5 zero differences': (a, b) => cdist(a!, b!, { p: 0.5 }),
  'cdist p 0.5 batched': (a, b) => cdist(a!, b!, { p: 0.5 }),
  'clamp NaN tensor min': (x, min) => clamp(x!, { min: min! }),
  'clamp NaN tensor max': (x, max) => clamp(x!, { max: max! }),
  'clamp NaN number min': (x) => clamp(x!, Number.NaN),
  'repeat_interleave of counts': (counts) => repeatInterleave(counts!),
  'repeat_interleave one-element repeats': (x, repeats) => repeatInterleave(x!, repeats!, 0),
  'where int scalars': (condition) => where(condition!, 1, 0),
  'where float scalars': (condition) => where(condition!, 1.5, -2),
  'where bool scalars': (condition) => where(condition!, false, true),
};

// fmod, remainder and floor division are exact, as C's fmod: compared with no tolerance
const exactly: Tolerances = { float64: 0, float32: 0 };
const closely: Tolerances = { float64: 1e-12, float32: 1e-6 };
const isExact = (name: string) => /^(fmod|remainder|floor_divide|div floor)/.test(name);

describe('tensor ops where probing found torch 1.13 differing', () => {
  it('has an operation for every fixture case', () => {
    expect(cases.map((entry) => entry.name).sort()).toEqual(Object.keys(operations).sort());
  });

  it.each(cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) =>
    expectTorchOperation(entry, operations[name]!, isExact(name) ? exactly : closely),
  );
});

describe('signed zeros, as torch', () => {
  const signs = (t: Tensor) => Array.from(t.dataSync(), (value) => (Object.is(value, -0) ? '-0' : String(value)));

  it('keeps the sign of a -0 scalar operand', () => {
    const x = tensor([1, -2, 0], { dtype: 'float64' });
    expect(signs(copysign(x, -0))).toEqual(['-1', '-2', '-0']);
    expect(signs(copysign(x, 0))).toEqual(['1', '2', '0']);
    expect(signs(x.div(-0))).toEqual(['-Infinity', 'Infinity', 'NaN']);
  });

  it('gives fmod and remainder zeros the dividend sign, as torch kernels do', () => {
    const dividends = tensor([-4, 4, -0, 0], { dtype: 'float64' });
    expect(signs(fmod(dividends, 2))).toEqual(['-0', '0', '-0', '0']);
    expect(signs(remainder(dividends, -2))).toEqual(['-0', '0', '-0', '0']);
  });
});

describe('refusals', () => {
  it("names norm's orders", () => {
    const cube = tensor([1, 2, 3, 4, 5, 6, 7, 8], { shape: [2, 2, 2] });
    expect(() => norm(cube, 'nuc')).toThrow("norm: 'nuc' without dim expects a 2-D tensor, got 3 dims");
    expect(() => norm(cube, 'fro', [0, 1, 2])).toThrow("norm: 'fro' takes at most 2 dims");
    expect(() => (norm as unknown as (...a: unknown[]) => unknown)(cube, 'inf')).toThrow(
      "norm: p must be a number, 'fro' or 'nuc', got 'inf'",
    );
  });

  it('asks repeatInterleave without repeats for 1-D int32 counts', () => {
    expect(() => repeatInterleave(tensor([1, 2]))).toThrow(
      'repeatInterleave: without repeats, x must be the 1-D int32 counts, got float32 [2]',
    );
  });

  it('refuses a bool remainder, as torch', () => {
    expect(() => remainder(tensor([true]), tensor([true]))).toThrow('remainder: not implemented for bool tensors');
  });
});
