import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tensor, type DType, type Tensor } from '@dl/tensor';
import { encodeSafetensors, parseSafetensors, serializeSafetensors } from './safetensors.js';
import { parseCheckpoint, serializeCheckpoint } from './training-checkpoint.js';

/**
 * Property-based tests (fast-check, seeded and bounded: a few hundred cases, well under a second
 * each): every input gives either a correct result or a clear error (a plain Error whose message
 * names the operation and the source), never an internal TypeError/RangeError, and never an
 * allocation beyond a fixed multiple of the input's size.
 */
const settings = { seed: 20261204, numRuns: 300 } as const;

/** Runs `parse`; returns the result, or checks that the error is a clear one and returns undefined. */
function resultOrClearError<T>(parse: () => T, prefix: RegExp): T | undefined {
  try {
    return parse();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).constructor, (error as Error).stack).toBe(Error);
    expect((error as Error).message).toMatch(prefix);
    return undefined;
  }
}

const bytesOfTensors = (tensors: Record<string, Tensor>) => Object.values(tensors).reduce((sum, t) => sum + t.numel() * 8, 0);

const dtypes: DType[] = ['float32', 'float64', 'int32', 'bool'];
const names = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'model.0.weight', 'é/ü', ''));
const shapes = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 });
const namedTensor = fc.record({ name: names, dtype: fc.constantFrom(...dtypes), shape: shapes, seed: fc.integer() });

function makeTensor({ dtype, shape, seed }: { dtype: DType; shape: number[]; seed: number }): Tensor {
  const count = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: count }, (_, i) => {
    const x = Math.sin(seed + i * 12.9898) * 43758.5453;
    return dtype === 'bool' ? x > 0 : dtype === 'int32' ? Math.trunc(x) : x;
  });
  return tensor(values as number[], { shape, dtype });
}

describe('safetensors fuzz', () => {
  it('round trip: write then read gives the same names, dtypes, shapes and values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(namedTensor, { selector: (entry) => entry.name, maxLength: 5 }), async (entries) => {
        const named = new Map(entries.filter((entry) => entry.name !== '__metadata__').map((entry) => [entry.name, makeTensor(entry)]));
        const { tensors } = parseSafetensors(await serializeSafetensors(named));
        // compared as sets: a JS object lists integer-like names ('0') first whatever the file order
        expect(Object.keys(tensors).sort()).toEqual([...named.keys()].sort());
        for (const [name, original] of named) {
          expect(tensors[name]!.dtype).toBe(original.dtype);
          expect(tensors[name]!.shape).toEqual(original.shape);
          expect([...tensors[name]!.dataSync()]).toEqual([...original.dataSync()]);
        }
      }),
      { ...settings, numRuns: 150 },
    );
  });

  it('random headers: a clear error naming the buffer, or tensors no larger than the file allows', () => {
    const entry = fc.record(
      {
        dtype: fc.oneof(fc.constantFrom('F32', 'F16', 'BF16', 'I64', 'U8', 'BOOL', 'F64', 'U32', 'F8_E4M3', 'XX'), fc.jsonValue()),
        shape: fc.oneof(fc.array(fc.integer({ min: -2, max: 5 }), { maxLength: 3 }), fc.jsonValue()),
        data_offsets: fc.oneof(fc.tuple(fc.integer({ min: -1, max: 64 }), fc.integer({ min: -1, max: 64 })), fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    const header = fc.dictionary(fc.oneof(names, fc.constant('__metadata__')), fc.oneof(entry, fc.jsonValue()), { maxKeys: 4 });
    fc.assert(
      fc.property(header, fc.uint8Array({ maxLength: 64 }), fc.boolean(), (json, data, raw) => {
        const text = new TextEncoder().encode(raw ? JSON.stringify(json).slice(0, 40) : JSON.stringify(json));
        const bytes = new Uint8Array(8 + text.length + data.length);
        new DataView(bytes.buffer).setBigUint64(0, BigInt(text.length), true);
        bytes.set(text, 8);
        bytes.set(data, 8 + text.length);
        const content = resultOrClearError(() => parseSafetensors(bytes), /^safetensors: buffer: /);
        if (content) expect(bytesOfTensors(content.tensors)).toBeLessThanOrEqual(8 * bytes.length);
      }),
      settings,
    );
  });

  it('byte mutations of a valid file: a clear error or a valid result', () => {
    const valid = encodeSafetensors(
      [
        { name: 'a', dtype: 'float32', shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) },
        { name: 'n', dtype: 'int32', shape: [], data: new Int32Array([7]), storeAs: 'I64' },
      ],
      { note: 'x' },
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        fc.nat(valid.length),
        (edits, cut) => {
          const bytes = valid.slice(0, Math.max(cut, 1) === valid.length ? valid.length : cut);
          for (const [position, value] of edits) if (position < bytes.length) bytes[position] = value;
          const content = resultOrClearError(() => parseSafetensors(bytes), /^safetensors: buffer: /);
          if (content) expect(bytesOfTensors(content.tensors)).toBeLessThanOrEqual(8 * bytes.length);
        },
      ),
      settings,
    );
  });
});

describe('training checkpoint fuzz', () => {
  it('random metadata values: a clear error, or a checkpoint whose values have the right types', async () => {
    const weight = tensor([1, 2]);
    const valid = parseSafetensors(
      await serializeCheckpoint({
        model: { weight },
        epoch: 2,
        rngState: { seed: 1n, offset: 2n },
        optimizer: { state: { 0: { step: 3 } }, param_groups: [{ params: [0], lr: 0.1, betas: [0.9, 0.999] }] },
        scheduler: { last_epoch: 1, base_lrs: [0.1] },
      }),
    );
    const keys = fc.constantFrom('epoch', 'optimizer', 'scheduler', 'rng_state', 'version', 'format', 'user.note', 'extra');
    const replacement = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.jsonValue().map((value) => JSON.stringify(value)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(keys, replacement), { minLength: 1, maxLength: 3 }), async (edits) => {
        const metadata = { ...valid.metadata };
        for (const [key, value] of edits) metadata[key] = value;
        const bytes = await serializeSafetensors(valid.tensors, metadata);
        const checkpoint = resultOrClearError(() => parseCheckpoint(bytes), /^training checkpoint: buffer: /);
        if (!checkpoint) return;
        if (checkpoint.epoch !== undefined) expect(Number.isSafeInteger(checkpoint.epoch) && checkpoint.epoch >= 0).toBe(true);
        for (const group of checkpoint.optimizer?.param_groups ?? [])
          if ('lr' in group) expect(typeof group.lr === 'number' && !Number.isNaN(group.lr)).toBe(true);
        for (const entry of Object.values(checkpoint.optimizer?.state ?? {}))
          if ('step' in entry && typeof entry.step !== 'object') expect(Number.isSafeInteger(entry.step)).toBe(true);
        if (checkpoint.rngState) expect(typeof checkpoint.rngState.seed).toBe('bigint');
      }),
      settings,
    );
  });
});
