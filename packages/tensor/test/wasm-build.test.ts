import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

describe('the committed WebAssembly kernels', () => {
  it('is what the AssemblyScript source compiles to (tools/build-wasm.mjs --check)', () => {
    // exits non-zero, and so throws, when packages/tensor/assembly/*.ts changed without a rebuild
    const output = execFileSync(process.execPath, ['tools/build-wasm.mjs', '--check'], { cwd: repositoryRoot, encoding: 'utf8' });
    expect(output).toMatch(/up to date/);
  });
});
