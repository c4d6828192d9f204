import { describe, expect, it } from 'vitest';
import { randn } from '../src/index.js';

describe('Tensor.cuda', () => {
  it("says there is no CUDA device and points to to('webgpu'), where torch's x.cuda() copies to the GPU", () => {
    expect(() => randn([2]).cuda()).toThrow(
      "cuda: there is no CUDA device here; the GPU is WebGPU: call init() from @dl/gpu, then tensor.to('webgpu') (as torch's .to('cuda'))",
    );
  });
});
