import { describe, it } from 'vitest';
import { acquireWebGPU, expectSameLosses } from '../../shared/device-parity.js';
// @ts-expect-error: plain ES modules with JSDoc types
import { train } from '../train.mjs';

const available = await acquireWebGPU('examples/char-lm');

describe.skipIf(!available)('examples/char-lm on webgpu', () => {
  it.each([
    { name: 'one layer', numLayers: 1, dropout: 0 },
    { name: 'two layers with dropout 0.2 between them (the same Philox masks)', numLayers: 2, dropout: 0.2 },
  ])(
    'trains 3 truncated-BPTT steps of $name with the same per-step losses as the CPU',
    async ({ name: _name, ...variant }) => {
      const losses = async (device: string) =>
        (
          await train({
            device,
            maxSteps: 3,
            maxCharacters: 2_000,
            batchSize: 4,
            sequenceLength: 8,
            hiddenSize: 8,
            sampleLength: 4,
            logEvery: 1,
            ...variant,
          })
        ).losses.map((entry: { loss: number }) => entry.loss);
      expectSameLosses(await losses('webgpu'), await losses('cpu'));
    },
    300_000,
  );
});
