// Memory of GanTrainer loops in a child process without --expose-gc, as a user runs them: BCE with
// label smoothing, an EMA generator and a spectral-normalised layer; and WGAN-GP, whose penalty takes
// grad(..., { createGraph: true }) every critic step (the first-order graph it retains is released
// when the critic's backward consumes the penalty).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./__fixtures__/gan-memory-loop.mjs', import.meta.url));
const built = fileURLToPath(new URL('../dist/index.js', import.meta.url));

interface Sample {
  step: number;
  liveTensors: number;
  bytesInUse: number;
  rssMiB: number;
}

describe('GanTrainer: memory stays flat without bookkeeping', () => {
  for (const variant of ['bce', 'wgan-gp'] as const)
    it(`${variant}: live tensors and bytes in use do not grow from step 200 to step 1,000`, async () => {
      if (!existsSync(built))
        throw new Error(
          '@dl/gan is not built: run `npx --yes pnpm@10 turbo run build --filter=@dl/gan...` (the root `pnpm test` builds first)',
        );
      const { stdout } = await run(process.execPath, [script, '--variant', variant, '--steps', '1000', '--report', '200,1000'], {
        env: { ...process.env, NODE_OPTIONS: '' },
      });
      const [early, late] = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Sample);
      expect(late!.liveTensors).toBe(early!.liveTensors);
      expect(late!.bytesInUse).toBe(early!.bytesInUse);
      expect(late!.rssMiB - early!.rssMiB).toBeLessThan(48);
    }, 60_000);
});
