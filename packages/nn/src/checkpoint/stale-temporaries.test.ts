import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tensor } from '@dl/tensor';
import type { FileWriter } from './atomic-write.js';
import { loadSafetensors, saveSafetensors } from './safetensors-file.js';
import { temporaryName } from './stale-temporaries.js';

const freshDirectory = () => mkdtempSync(join(tmpdir(), 'dl-nn-stale-'));

/**
 * A child process that starts a save the way writeFileAtomic does (same temporary name pattern,
 * its own pid), writes part of it and is then killed with SIGKILL: what a killed save leaves.
 */
async function killedSave(directory: string, target: string): Promise<void> {
  const script = `
    const fs = require('node:fs');
    const name = '.' + ${JSON.stringify(target)} + '.' + process.pid + '.' + Date.now().toString(36) + 'abc123.tmp';
    fs.writeFileSync(require('node:path').join(${JSON.stringify(directory)}, name), Buffer.alloc(1 << 20));
    process.stdout.write('written\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('saves remove what killed saves left behind', () => {
  it('the next save of the same target removes temporary files of dead processes', async () => {
    const directory = freshDirectory();
    for (let i = 0; i < 3; i++) await killedSave(directory, 'model.safetensors');
    await killedSave(directory, 'other.safetensors');
    // the child names its file as writeFileAtomic does (checked here, so the two cannot drift apart)
    const pattern = /^\.model\.safetensors\.[0-9]+\.[0-9a-z]+\.tmp$/;
    expect(temporaryName(join(directory, 'model.safetensors'))).toMatch(pattern);
    expect(readdirSync(directory).filter((name) => pattern.test(name))).toHaveLength(3);
    await saveSafetensors({ x: tensor([1]) }, join(directory, 'model.safetensors'));
    // only the target's own pattern: the other target's leftover and unrelated files stay
    const left = readdirSync(directory);
    expect(left.filter((name) => name.startsWith('.model.safetensors.'))).toEqual([]);
    expect(left.filter((name) => name.startsWith('.other.safetensors.'))).toHaveLength(1);
    expect(left).toContain('model.safetensors');
  });

  it("a live process's temporary file and look-alike names are left alone", async () => {
    const directory = freshDirectory();
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      const live = `.model.safetensors.${sleeper.pid}.abc.tmp`;
      const lookAlikes = ['.model.safetensors.tmp', 'model.safetensors.1.abc.tmp', '.model.safetensors.x.abc.tmp'];
      for (const name of [live, ...lookAlikes]) writeFileSync(join(directory, name), 'partial');
      await saveSafetensors({ x: tensor([1]) }, join(directory, 'model.safetensors'));
      expect(readdirSync(directory).sort()).toEqual([live, ...lookAlikes, 'model.safetensors'].sort());
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  it('a failed save names the path, keeps the error code and the previous file', async () => {
    const directory = freshDirectory();
    const path = join(directory, 'model.safetensors');
    await saveSafetensors({ x: tensor([1, 2]) }, path);
    const diskFull: FileWriter = async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    const failure = await saveSafetensors({ x: tensor([3]) }, path, {}, { writer: diskFull }).catch(
      (error: unknown) => error as Error & { code?: string },
    );
    expect(failure!.message).toBe(`writeFileAtomic: ${path}: ENOSPC: no space left on device, write`);
    expect(failure!.code).toBe('ENOSPC');
    expect((await loadSafetensors(path)).tensors.x!.toArraySync()).toEqual([1, 2]);
    await expect(saveSafetensors({ x: tensor([1]) }, join(directory, 'missing', 'model.safetensors'))).rejects.toThrow(
      `writeFileAtomic: ${join(directory, 'missing', 'model.safetensors')}: ENOENT`,
    );
    await expect(saveSafetensors({ x: tensor([1]) }, path, { epoch: 3 as never })).rejects.toThrow(
      `saveSafetensors: ${path}: safetensors: __metadata__ values must be strings`,
    );
  });
});
