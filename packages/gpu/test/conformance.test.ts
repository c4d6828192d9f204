import { describe, it } from 'vitest';
import { runConformance } from '@dl/tensor/testing';
import { setupWebGPU } from './webgpu-setup.js';

const info = await setupWebGPU();

// Every group of @dl/tensor's backend conformance suite: forward values, first- and second-order
// gradients on 'webgpu' against the CPU reference in float32.
describe.skipIf(!info)(`conformance on webgpu (${info?.description || info?.device || 'no adapter'})`, () => {
  runConformance({ device: 'webgpu', test: (name, body) => it(name, body) });
});
