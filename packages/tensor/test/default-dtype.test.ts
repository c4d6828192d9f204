import { afterEach, describe, expect, it } from 'vitest';
import {
  arange,
  empty,
  eye,
  full,
  getDefaultDtype,
  hannWindow,
  linspace,
  logspace,
  ones,
  rand,
  randint,
  randn,
  setDefaultDtype,
  sqrt,
  type Tensor,
  tensor,
  zeros,
} from '../src/index.js';
import { readTorchFixture } from './helpers/torch-fixtures.js';

// torch.set_default_dtype against torch 1.13 (tools/fixtures/tensor_default_dtype_reference.py): the
// dtype each factory and each integer-to-float promotion gives under the default float64 and float32.
// torch's int64 results are int32 here (no int64 dtype); Linear's weight is checked in @dl/nn's tests.

const fixture = readTorchFixture<{ float64: Record<string, string>; float32: Record<string, string>; integer_error: string }>(
  'torch-default-dtype-reference.json',
);

const probes: Record<string, () => Tensor> = {
  'tensor([1.5, 2])': () => tensor([1.5, 2]),
  zeros: () => zeros([2]),
  ones: () => ones([2]),
  empty: () => empty([2]),
  'full(1.5)': () => full([2], 1.5),
  eye: () => eye(2),
  'arange(0, 1, 0.25)': () => arange(0, 1, 0.25),
  'arange(4)': () => arange(4),
  linspace: () => linspace(0, 1, 5),
  logspace: () => logspace(0, 1, 5),
  rand: () => rand([2]),
  randn: () => randn([2]),
  randint: () => randint(0, 5, [2]),
  hann_window: () => hannWindow(4),
  'int tensor * 2.5': () => tensor([1, 2], { dtype: 'int32' }).mul(2.5),
  'sqrt(int tensor)': () => sqrt(tensor([4, 9], { dtype: 'int32' })),
  'int tensor / 2': () => tensor([1, 2], { dtype: 'int32' }).div(2),
  'float32 tensor * 2.5': () => tensor([1, 2], { dtype: 'float32' }).mul(2.5),
  'x.float()': () => zeros([2], { dtype: 'float64' }).float(),
};

/** torch's dtype name as ours: int64 is int32 here. */
const ours = (dtype: string) => (dtype === 'int64' ? 'int32' : dtype);

afterEach(() => setDefaultDtype('float32'));

describe('setDefaultDtype / getDefaultDtype', () => {
  for (const mode of ['float64', 'float32'] as const)
    it(`give torch’s dtypes under the default ${mode}`, () => {
      setDefaultDtype(mode);
      expect(getDefaultDtype()).toBe(mode);
      const expected = Object.fromEntries(
        Object.entries(fixture[mode])
          .filter(([name]) => name !== 'Linear weight')
          .map(([name, dtype]) => [name, ours(dtype)]),
      );
      const got = Object.fromEntries(Object.entries(probes).map(([name, make]) => [name, make().dtype]));
      expect(got).toEqual(expected);
    });

  it('refuses a dtype that is not floating point, as torch', () => {
    expect(fixture.integer_error).toBe('only floating-point types are supported as the default type');
    expect(() => setDefaultDtype('int32')).toThrow(
      "setDefaultDtype: only floating-point types are supported as the default type ('float32' or 'float64'), got 'int32'",
    );
    expect(getDefaultDtype()).toBe('float32');
  });

  it('keeps explicit dtypes and typed arrays’ own', () => {
    setDefaultDtype('float64');
    expect(zeros([2], { dtype: 'float32' }).dtype).toBe('float32');
    expect(tensor(new Float32Array([1, 2])).dtype).toBe('float32');
    expect(tensor([true, false]).dtype).toBe('bool');
  });
});
