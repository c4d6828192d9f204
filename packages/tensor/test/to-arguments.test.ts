import { describe, expect, it } from 'vitest';
import { tensor, zeros, type Tensor } from '../src/index.js';

// torch's Tensor.to in each of its forms: to(device, dtype, non_blocking, copy), to(dtype, non_blocking,
// copy), to(other), and the keywords. Before, everything after the first argument was dropped, so
// x.to('cpu', 'float64') stayed float32.
describe("Tensor.to reads torch's arguments", () => {
  const x = tensor([1.5, -2, 3]);
  const loose = x.to as (...values: unknown[]) => Tensor;

  it('casts and moves in every form', () => {
    expect(x.to('cpu', 'float64').dtype).toBe('float64');
    expect(x.to('cpu', 'double').dtype).toBe('float64');
    expect(x.to('cpu', { dtype: 'float64' }).dtype).toBe('float64');
    expect(x.to('double').dtype).toBe('float64');
    expect(x.to({ device: 'cpu', dtype: 'int32' }).toArraySync()).toEqual([1, -2, 3]);
    expect(x.to(zeros([1], { dtype: 'float64' })).dtype).toBe('float64');
    expect([...x.to('cpu', 'float64').dataSync()]).toEqual([1.5, -2, 3]);
  });

  it('returns the tensor itself when nothing changes, and a copy with copy: true', () => {
    expect(x.to('cpu')).toBe(x);
    expect(x.to('float32', false)).toBe(x);
    expect(x.to('cpu', { nonBlocking: true })).toBe(x);
    const copy = x.to('cpu', { copy: true });
    expect(copy).not.toBe(x);
    expect(copy.storage).not.toBe(x.storage);
    expect(copy.toArraySync()).toEqual(x.toArraySync());
    expect(x.to('float32', false, true)).not.toBe(x);
    expect(x.to('cpu', 'float64', false, true).dtype).toBe('float64');
  });

  it('refuses what it does not understand, naming to', () => {
    expect(() => loose.call(x, 'cpu', 'float64', false, false, 1)).toThrow(
      'to: too many positional arguments: got 4 after the required ones, expected at most 3 (dtype, nonBlocking, copy) and then an options object',
    );
    expect(() => loose.call(x, 'cpu', { memoryFormat: 'channelsLast' })).toThrow('to: unknown option `memoryFormat`');
    expect(() => loose.call(x, { dtype: 'float64' }, 'cpu')).toThrow(
      'to: the options object must be the only argument when it comes first, got 2 arguments',
    );
    expect(() => loose.call(x, 'cpu', 'long')).toThrow("to: dtype 'long' is not supported");
    expect(() => loose.call(x, 'cpu', { nonBlocking: 1 })).toThrow('to: nonBlocking must be true or false, got 1');
    expect(() => loose.call(x, 'float64', 'cpu')).toThrow("to: nonBlocking must be true or false, got 'cpu'");
    expect(() => loose.call(x, 5)).toThrow('to: expected a device, a dtype, a tensor or an options object, got 5');
    expect(() => loose.call(x, 'cpu', undefined, undefined)).not.toThrow();
  });
});
