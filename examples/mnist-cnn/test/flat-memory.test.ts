// Memory of the tutorial CNN's training loop as a user writes it (no dispose, scope, keep, forced
// collection or timer), measured in a child process started without --expose-gc. bench/memory.mjs
// runs the same script for 300 steps against PyTorch.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../memory-loop.mjs', import.meta.url));
const built = fileURLToPath(new URL('../../../packages/data/dist/index.js', import.meta.url));

interface Sample {
  step: number;
  rssMiB: number;
  peakMiB: number;
  liveTensors: number;
  bytesInUse: number;
}

async function loop(shape: 'sync' | 'loader', steps: number, report: number[]): Promise<Sample[]> {
  if (!existsSync(built)) throw new Error('the packages are not built: run `pnpm build` (the root `pnpm test` builds first)');
  const { stdout } = await run(process.execPath, [script, '--loop', shape, '--steps', String(steps), '--report', report.join(',')], {
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Sample);
}

describe('examples/mnist-cnn: memory of a training loop without bookkeeping', () => {
  for (const shape of ['sync', 'loader'] as const) {
    it(`${shape === 'sync' ? 'a synchronous for loop' : 'a for await over a DataLoader'}: flat, and far below the old 2.6 GB`, async () => {
      const [early, late] = await loop(shape, 36, [12, 36]);
      expect(late!.bytesInUse).toBe(early!.bytesInUse);
      // the sync loop's batches are views cut with narrow(): handles the user drops, left to the
      // collector (no bytes); everything the framework made is released
      if (shape === 'loader') expect(late!.liveTensors).toBe(early!.liveTensors);
      else expect(late!.liveTensors - early!.liveTensors).toBeLessThanOrEqual(2 * 24);
      // the old loop grew by 4.9 MB per step (≈ 118 MB over these 24 steps)
      expect(late!.rssMiB - early!.rssMiB).toBeLessThan(24);
      // PyTorch peaks at about 433 MiB on this job (bench/README.md): 1.5× that
      expect(late!.peakMiB).toBeLessThan(650);
    }, 120_000);
  }
});
