// Memory of LSTM training loops as a user writes them (no dispose, scope, keep, forced collection or
// timer), in a child process started without --expose-gc: full-batch steps, and truncated BPTT with
// the state carried across chunks and detached.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../memory-loop.mjs', import.meta.url));
const built = fileURLToPath(new URL('../../../packages/rnn/dist/index.js', import.meta.url));

interface Sample {
  step: number;
  rssMiB: number;
  liveTensors: number;
  bytesInUse: number;
}

async function loop(shape: 'full' | 'chunks', steps: number, report: number[]): Promise<Sample[]> {
  if (!existsSync(built)) throw new Error('the packages are not built: run `pnpm build` (the root `pnpm test` builds first)');
  const { stdout } = await run(process.execPath, [script, '--loop', shape, '--steps', String(steps), '--report', report.join(',')], {
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Sample);
}

describe('examples/lstm-sequence: memory of an LSTM training loop without bookkeeping', () => {
  it('full-batch steps (output, hN and cN returned, only hN used): live tensors and bytes in use do not grow', async () => {
    const [early, late] = await loop('full', 600, [100, 600]);
    expect(late!.liveTensors).toBe(early!.liveTensors);
    expect(late!.bytesInUse).toBe(early!.bytesInUse);
    expect(late!.rssMiB - early!.rssMiB).toBeLessThan(48);
  }, 120_000);

  it('truncated BPTT, state detached between chunks: the resident set stays bounded', async () => {
    // The layer's own outputs are released (as in the full loop); the handles the loop makes with
    // detach() are the user's and are left to the garbage collector, so @dl/tensor's counters grow by
    // those two small handles per step until it runs, while the memory itself does not.
    const [early, late] = await loop('chunks', 600, [100, 600]);
    expect(late!.liveTensors - early!.liveTensors).toBeLessThanOrEqual(2 * 500);
    expect(late!.rssMiB - early!.rssMiB).toBeLessThan(48);
  }, 120_000);
});
