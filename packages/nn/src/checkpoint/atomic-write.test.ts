import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tensor } from '@dl/tensor';
import type { FileWriter } from './atomic-write.js';
import { loadSafetensors, saveSafetensors } from './safetensors-file.js';

const freshDirectory = () => mkdtempSync(join(tmpdir(), 'dl-nn-checkpoint-'));

/** Writes half the bytes, then fails like a full disk or a killed process would. */
const crashingWriter: FileWriter = async (handle, bytes) => {
  await handle.write(bytes.subarray(0, bytes.length >> 1));
  throw new Error('ENOSPC: simulated failure mid-write');
};

describe('atomic safetensors writes', () => {
  it('saves and loads a state dict through a file', async () => {
    const directory = freshDirectory();
    const path = join(directory, 'model.safetensors');
    await saveSafetensors(
      {
        weight: tensor([
          [1, 2],
          [3, 4],
        ]),
      },
      path,
      { note: 'hello' },
    );
    const { tensors, metadata } = await loadSafetensors(path);
    expect(tensors.weight!.toArraySync()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(metadata).toEqual({ note: 'hello' });
    expect(readdirSync(directory)).toEqual(['model.safetensors']);
  });

  it('a failure during the write leaves the previous file intact and no temporary file', async () => {
    const directory = freshDirectory();
    const path = join(directory, 'model.safetensors');
    await saveSafetensors({ weight: tensor([1, 2, 3]) }, path);
    const before = readFileSync(path);
    await expect(saveSafetensors({ weight: tensor(new Float32Array(4096)) }, path, {}, { writer: crashingWriter })).rejects.toThrow(
      /simulated failure/,
    );
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(directory)).toEqual(['model.safetensors']);
    expect((await loadSafetensors(path)).tensors.weight!.toArraySync()).toEqual([1, 2, 3]);
  });

  it('a failed first save leaves no file at all', async () => {
    const directory = freshDirectory();
    await expect(saveSafetensors({ x: tensor([1]) }, join(directory, 'new.safetensors'), {}, { writer: crashingWriter })).rejects.toThrow();
    expect(readdirSync(directory)).toEqual([]);
  });

  it('replaces an existing file completely', async () => {
    const directory = freshDirectory();
    const path = join(directory, 'model.safetensors');
    writeFileSync(path, 'x'.repeat(100_000));
    await saveSafetensors({ x: tensor([5]) }, path);
    expect((await loadSafetensors(path)).tensors.x!.toArraySync()).toEqual([5]);
  });
});
