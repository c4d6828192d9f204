import { afterEach, describe, expect, it } from 'vitest';
import { type DType, finfo, iinfo, setDefaultDtype, zeros } from '../src/index.js';
import { readTorchFixture } from './helpers/torch-fixtures.js';
// after the index, as users load it
import { legacyTypeName } from '../src/core/legacy-type-names.js';

// torch.finfo / torch.iinfo against torch 1.13 (tools/fixtures/tensor_type_info_reference.py).

interface Fixture {
  finfo: Record<string, Record<string, number>>;
  iinfo: Record<string, Record<string, number>>;
  errors: Record<string, string>;
  default_finfo_eps: number;
  type_names: Record<string, string>;
  real_tensor: Record<string, boolean | number | string>;
}

const fixture = readTorchFixture<Fixture>('torch-type-info-reference.json');

afterEach(() => setDefaultDtype('float32'));

describe('finfo and iinfo', () => {
  it('give torch’s limits of each floating dtype, the default dtype’s without an argument', () => {
    for (const [dtype, limits] of Object.entries(fixture.finfo)) expect(finfo(dtype), dtype).toEqual({ ...limits, dtype });
    expect(finfo().eps).toBe(fixture.default_finfo_eps);
    setDefaultDtype('float64');
    expect(finfo().eps).toBe(fixture.finfo.float64!.eps);
    expect(finfo('double').bits).toBe(64);
  });

  it('give torch’s limits of int32', () => {
    expect(iinfo('int32')).toEqual({ ...fixture.iinfo.int32, dtype: 'int32' });
    expect(iinfo('int').max).toBe(2147483647);
  });

  it('refuse the other kind of dtype, as torch', () => {
    expect(fixture.errors['finfo(int32)']).toContain('requires a floating point input type');
    expect(() => finfo('int32')).toThrow("finfo: requires a floating point dtype, got 'int32'; use iinfo for integers");
    expect(fixture.errors['iinfo(float32)']).toContain('requires an integer input type');
    expect(() => iinfo('float32')).toThrow("iinfo: requires an integer dtype, got 'float32'; use finfo for floating point");
    expect(fixture.errors['iinfo(bool)']).toBe('torch.bool is not supported by torch.iinfo');
    expect(() => iinfo('bool')).toThrow('iinfo: bool is not supported by iinfo');
    expect(() => finfo('int64')).toThrow(/finfo: dtype 'int64' is not supported/);
  });

  it('Tensor.type() gives torch’s legacy names and casts to a name or a dtype', () => {
    // float16 lives on webgpu only: its name straight from the table
    expect(legacyTypeName('float16')).toBe(fixture.type_names.float16);
    for (const [dtype, name] of Object.entries(fixture.type_names).filter(([dtype]) => dtype !== 'float16')) {
      expect(zeros([1], { dtype: dtype as DType }).type(), dtype).toBe(name);
      expect(zeros([1]).type(name).dtype, name).toBe(dtype);
    }
    expect(zeros([1]).type('float64').dtype).toBe('float64');
    expect(() => zeros([1]).type('torch.LongTensor')).toThrow("type: 'torch.LongTensor' (int64) is not supported");
  });

  it('a real tensor answers real, conj, isConj, isNeg, getDevice, storageOffset, isCpu and imag as torch’s', () => {
    const x = zeros([2]);
    const expected = fixture.real_tensor;
    expect(x.real === x).toBe(expected.real_is_self);
    expect(x.conj() === x).toBe(expected.conj_is_self);
    expect(x.isConj()).toBe(expected.is_conj);
    expect(x.isNeg()).toBe(expected.is_neg);
    expect(x.getDevice()).toBe(expected.get_device);
    expect(x.slice(0, 1).storageOffset()).toBe(expected['storage_offset_of_x[1:]']);
    expect(x.isCpu).toBe(expected.is_cpu);
    expect(expected.imag_error).toBe('imag is not implemented for tensors with non-complex dtypes.');
    expect(() => x.imag).toThrow('imag: is not implemented for tensors with non-complex dtypes (got float32)');
  });
});
