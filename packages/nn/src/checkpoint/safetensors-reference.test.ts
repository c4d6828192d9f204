import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tensor } from '@dl/tensor';
import { loadSafetensors } from './safetensors-file.js';
import { parseSafetensors, serializeSafetensors } from './safetensors.js';

/** Written by tools/fixtures/nn_safetensors_cases.py: verdicts of the reference reader's rules, values from NumPy/PyTorch. */
const { cases } = JSON.parse(
  (await import('node:fs')).readFileSync(new URL('../../test/__fixtures__/nn_safetensors_cases.json', import.meta.url), 'utf8'),
) as { cases: Array<{ name: string; base64: string; verdict: 'ok' | 'error'; reason: string; values?: Record<string, number[]> }> };
// non-finite values are stored as the strings 'Infinity' / '-Infinity'
for (const entry of cases)
  if (entry.values) for (const name of Object.keys(entry.values)) entry.values[name] = entry.values[name]!.map(Number);
const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

describe('safetensors reading agrees with the reference reader', () => {
  it.each(cases)('$name: $verdict $reason', ({ base64, verdict, values }) => {
    const bytes = bytesOf(base64);
    if (verdict === 'ok') {
      const { tensors } = parseSafetensors(bytes);
      expect(Object.keys(tensors).sort()).toEqual(Object.keys(values!).sort());
      for (const [name, expected] of Object.entries(values!)) expect([...tensors[name]!.dataSync()], name).toEqual(expected);
      return;
    }
    let caught: unknown;
    try {
      parseSafetensors(bytes);
    } catch (error) {
      caught = error;
    }
    expect(caught, 'the reference rejects this file').toBeInstanceOf(Error);
    expect((caught as Error).constructor).toBe(Error); // never an internal TypeError/RangeError
    expect((caught as Error).message).toMatch(/^safetensors: buffer: /);
  });

  it('every rejected file is named in the error when read from disk', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'dl-safetensors-cases-'));
    for (const [index, { base64, verdict }] of cases.entries()) {
      if (verdict !== 'error') continue;
      const path = join(directory, `case-${index}.safetensors`);
      writeFileSync(path, bytesOf(base64));
      await expect(loadSafetensors(path)).rejects.toThrow(`safetensors: ${path}: `);
    }
  });

  it('a directory or a missing file is named too', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'dl-safetensors-dir-'));
    await expect(loadSafetensors(directory)).rejects.toThrow(`safetensors: ${directory}: cannot read (EISDIR`);
    await expect(loadSafetensors(join(directory, 'missing.safetensors'))).rejects.toThrow(
      `safetensors: ${join(directory, 'missing.safetensors')}: cannot open (ENOENT`,
    );
  });

  it('a truncated file says it is truncated', () => {
    const truncated = cases.find((entry) => entry.name === 'truncated data')!;
    expect(() => parseSafetensors(bytesOf(truncated.base64))).toThrow(/truncated/);
  });

  it('F16 and BF16 load as float32, or float64 when asked', () => {
    const half = cases.find((entry) => entry.name === 'F16 values')!;
    const { tensors } = parseSafetensors(bytesOf(half.base64), { dtype: 'float64' });
    expect(tensors.h!.dtype).toBe('float64');
    expect([...tensors.h!.dataSync()]).toEqual(half.values!.h);
    expect(parseSafetensors(bytesOf(half.base64)).tensors.h!.dtype).toBe('float32');
  });

  it('an option it does not understand is an error', async () => {
    const half = cases.find((entry) => entry.name === 'F16 values')!;
    expect(() => parseSafetensors(bytesOf(half.base64), { devcie: 'cpu' } as never)).toThrow(/unknown option `devcie`/);
    await expect(loadSafetensors('x.safetensors', { dtype: 'int32' as never })).rejects.toThrow(/cannot open/);
  });

  it('names such as __proto__ and constructor survive a round trip, from a Map or an object', async () => {
    const named = new Map([
      ['__proto__', tensor([1, 2])],
      ['constructor', tensor([3])],
      ['toString', tensor([4])],
    ]);
    const { tensors } = parseSafetensors(await serializeSafetensors(named));
    expect(Object.keys(tensors)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(tensors.__proto__!.toArraySync()).toEqual([1, 2]);
    expect(Object.getPrototypeOf(tensors)).toBeNull();
  });
});
