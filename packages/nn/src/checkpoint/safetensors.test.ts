import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tensor, zeros } from '@dl/tensor';
import { encodeSafetensors, parseSafetensors, serializeSafetensors } from './safetensors.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test/__fixtures__/${name}`, import.meta.url)));

function headerOf(bytes: Uint8Array): { length: number; json: Record<string, unknown>; text: string } {
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const text = new TextDecoder().decode(bytes.subarray(8, 8 + length));
  return { length, json: JSON.parse(text), text };
}

describe('safetensors bytes', () => {
  it('writes the format: u64 LE header length, padded JSON header, raw LE data in order', async () => {
    const bytes = await serializeSafetensors(
      { a: tensor([1.5, -2], { dtype: 'float32' }), b: tensor([[7, -8, 9]], { dtype: 'int32' }) },
      { epoch: '3' },
    );
    const { length, json, text } = headerOf(bytes);
    expect(length % 8).toBe(0);
    expect(text.trimEnd().length).toBeLessThanOrEqual(length);
    expect(json).toEqual({
      __metadata__: { epoch: '3' },
      a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
      b: { dtype: 'I32', shape: [1, 3], data_offsets: [8, 20] },
    });
    const data = new DataView(bytes.buffer, 8 + length);
    expect([data.getFloat32(0, true), data.getFloat32(4, true)]).toEqual([1.5, -2]);
    expect([data.getInt32(8, true), data.getInt32(12, true), data.getInt32(16, true)]).toEqual([7, -8, 9]);
    expect(bytes.length).toBe(8 + length + 20);
  });

  it('round-trips float32, float64, int32, bool, scalars and empty tensors', async () => {
    const original = {
      f32: tensor([
        [0.1, 2],
        [3, -4e-30],
      ]),
      f64: tensor([Math.PI, -1e300], { dtype: 'float64' }),
      i32: tensor([2147483647, -2147483648, 0], { dtype: 'int32' }),
      flags: tensor([true, false, true]),
      scalar: tensor(42),
      empty: zeros([0, 3]),
    };
    const { tensors, metadata } = parseSafetensors(await serializeSafetensors(original));
    expect(metadata).toEqual({});
    expect(Object.keys(tensors)).toEqual(Object.keys(original));
    for (const [name, value] of Object.entries(original)) {
      expect(tensors[name]!.dtype, name).toBe(value.dtype);
      expect(tensors[name]!.shape, name).toEqual(value.shape);
      expect([...tensors[name]!.dataSync()], name).toEqual([...value.dataSync()]);
    }
  });

  it('refuses non-string metadata, reserved names and broken files', () => {
    expect(() => encodeSafetensors([], { epoch: 3 as unknown as string })).toThrow(/must be strings/);
    expect(() => encodeSafetensors([{ name: '__metadata__', dtype: 'float32', shape: [1], data: new Float32Array(1) }])).toThrow(
      /reserved/,
    );
    expect(() => parseSafetensors(new Uint8Array(4))).toThrow(/shorter/);
    const bad = encodeSafetensors([{ name: 'x', dtype: 'float32', shape: [2], data: new Float32Array(2) }]);
    expect(() => parseSafetensors(bad.subarray(0, bad.length - 4))).toThrow(/safetensors: buffer: tensor 'x'.*truncated/);
  });

  it("reads PyTorch's file (hand-encoded by tools/fixtures/nn_checkpoint_reference.py), int64 narrowed to int32", () => {
    const { tensors, metadata } = parseSafetensors(fixture('nn_checkpoint_mlp.safetensors'));
    expect(metadata.source).toMatch(/^torch /);
    expect(Object.keys(tensors)).toEqual([
      '0.weight',
      '0.bias',
      '1.weight',
      '1.bias',
      '1.running_mean',
      '1.running_var',
      '1.num_batches_tracked',
      '3.weight',
      '3.bias',
    ]);
    expect(tensors['0.weight']!.shape).toEqual([8, 4]);
    expect(tensors['1.num_batches_tracked']!.dtype).toBe('int32');
    expect(tensors['1.num_batches_tracked']!.itemSync()).toBe(3);
  });
});
