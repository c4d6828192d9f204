import { exportOnnx } from '@dl/onnx';
import { zeros } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES modules with JSDoc types
import { train } from '../../mnist-cnn/train.mjs';
// @ts-expect-error: plain ES modules with JSDoc types
import { classifyTestDigits } from '../classify.mjs';

describe('examples/onnx-serve', () => {
  it('classifies the bundled test digits with the exported CNN exactly as @dl does', async () => {
    // a briefly trained CNN: its test accuracy from @dl's own forward, on the first 1,000 test digits
    const result = await train({ epochs: 1, maxStepsPerEpoch: 6, testLimit: 1000 });
    const bytes = exportOnnx(result.model, [zeros([1, 1, 28, 28])], {
      inputNames: ['images'],
      outputNames: ['logits'],
      dynamicAxes: { images: { 0: 'batch' }, logits: { 0: 'batch' } },
    });
    const served = await classifyTestDigits(bytes, { limit: 1000 });
    expect(served.count).toBe(1000);
    expect(served.accuracy).toBeGreaterThan(0.2);
    expect(served.accuracy).toBe(result.accuracy);
  });
});
