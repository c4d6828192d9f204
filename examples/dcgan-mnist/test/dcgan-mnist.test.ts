import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES modules with JSDoc types
import { train } from '../train.mjs';

describe('examples/dcgan-mnist', () => {
  it('trains a few steps on real digits, writes grids and the loss curve, reports FID', async () => {
    const out = mkdtempSync(join(tmpdir(), 'dcgan-mnist-'));
    const { trainer, evaluations } = await train({ steps: 8, features: 4, evaluations: 2, evaluationSize: 64, sampleEvery: 4, out });
    expect(trainer.history.discriminator).toHaveLength(8);
    for (const value of [...trainer.history.discriminator, ...trainer.history.generator]) expect(Number.isFinite(value)).toBe(true);
    expect(evaluations.map((entry: { step: number }) => entry.step)).toEqual([4, 8]);
    for (const entry of evaluations) expect(entry.fid).toBeGreaterThan(0);
    for (const file of ['samples/step-000004.png', 'samples/step-000008.png', 'samples/final.png', 'loss-curve.png'])
      expect([...readFileSync(join(out, file)).subarray(0, 4)], file).toEqual([137, 80, 78, 71]);
    expect(existsSync(join(out, 'samples/step-000012.png'))).toBe(false);
  });
});
