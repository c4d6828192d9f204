import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES modules with JSDoc types
import { train } from '../train.mjs';

describe('examples/wgan-gp-mnist', () => {
  it('trains a few critic steps (one generator step per five), writes grids and the loss curve, reports FID', async () => {
    const out = mkdtempSync(join(tmpdir(), 'wgan-gp-mnist-'));
    const { trainer, evaluations } = await train({ steps: 10, evaluations: 2, evaluationSize: 64, sampleEvery: 5, out });
    expect(trainer.history.generator.map((value: number | null) => value !== null)).toEqual([
      false,
      false,
      false,
      false,
      true,
      false,
      false,
      false,
      false,
      true,
    ]);
    for (const value of [...trainer.history.discriminator, ...trainer.history.generator.filter((value: number | null) => value !== null)])
      expect(Number.isFinite(value)).toBe(true);
    expect(evaluations.map((entry: { step: number }) => entry.step)).toEqual([5, 10]);
    for (const entry of evaluations) expect(entry.fid).toBeGreaterThan(0);
    for (const file of ['samples/step-000005.png', 'samples/step-000010.png', 'samples/final.png', 'loss-curve.png'])
      expect([...readFileSync(join(out, file)).subarray(0, 4)], file).toEqual([137, 80, 78, 71]);
  });
});
