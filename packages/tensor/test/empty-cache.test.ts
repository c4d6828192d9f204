// emptyCache() gives back what the CPU backend holds, the WebAssembly module's scratch memory
// included, measured in a child process started without --expose-gc.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('emptyCache', () => {
  it('brings the resident set back to within 64 MiB of where it was after a large op whose tensors are gone, with weights used before it kept and unused', async () => {
    if (!existsSync(fileURLToPath(new URL('../dist/index.js', import.meta.url))))
      throw new Error('packages/tensor/dist is missing: build it first (the root `pnpm test` builds before testing)');
    const script = fileURLToPath(new URL('./__fixtures__/empty-cache-child.mjs', import.meta.url));
    const { stdout } = await run(process.execPath, [script], { env: { ...process.env, NODE_OPTIONS: '' } });
    const { before, peak, after, gradients } = JSON.parse(stdout) as { before: number; peak: number; after: number; gradients: string[] };
    expect(peak - before).toBeGreaterThan(150); // the work really needed the memory
    expect(after - before).toBeLessThan(64);
    expect(gradients).toEqual(['256×256', '16×2']); // the kept weights and their gradients outlived emptyCache()
  }, 60_000);
});
