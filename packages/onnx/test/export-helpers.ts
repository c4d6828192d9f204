import type { Module } from '@dl/nn';
import { noGrad, rand, type Tensor } from '@dl/tensor';
import { expect } from 'vitest';
import { checkOnnxModel, exportOnnx, type ExportOnnxOptions } from '../src/index.js';
import { maximumDifference, runOnnx } from './onnx-runtime.js';

/** Gives every batch norm running statistics other than 0 and 1, so that using them is tested. */
export function randomizeRunningStatistics(model: Module): void {
  noGrad(() => {
    for (const [name, buffer] of model.namedBuffers()) {
      if (name.endsWith('running_mean')) buffer.copy_(rand(buffer.shape).sub(0.5).mul(0.2));
      if (name.endsWith('running_var')) buffer.copy_(rand(buffer.shape).mul(0.5).add(0.75));
    }
  });
}

/**
 * Exports `model` on `example`, checks the model's structure, then runs ONNX Runtime on every set of
 * feeds and compares each output with @dl's eval-mode forward (flattened in return order).
 */
export async function expectSameAsOnnxRuntime(
  model: Module,
  example: Tensor[],
  feedSets: Tensor[][],
  options: ExportOnnxOptions = {},
  tolerance = 1e-5,
): Promise<Uint8Array> {
  const bytes = exportOnnx(model, example, options);
  const summary = checkOnnxModel(bytes);
  model.eval();
  for (const feeds of feedSets) {
    const ours = noGrad(() => flatten((model.call as (...inputs: Tensor[]) => unknown)(...feeds)));
    const names = summary.inputs.map((input) => input.name);
    const results = await runOnnx(bytes, Object.fromEntries(feeds.map((feed, index) => [names[index]!, feed])));
    const outputNames = summary.outputs.map((output) => output.name);
    expect(outputNames.length).toBe(ours.length);
    outputNames.forEach((name, index) => {
      const expected = ours[index]!;
      expect([...results[name]!.dims]).toEqual([...expected.shape]);
      const difference = maximumDifference(results[name]!.data, expected.contiguous().dataSync() as Float32Array);
      expect(difference, `output ${name}`).toBeLessThanOrEqual(tolerance);
    });
  }
  return bytes;
}

function flatten(value: unknown, into: Tensor[] = []): Tensor[] {
  if (Array.isArray(value)) for (const item of value) flatten(item, into);
  else into.push(value as Tensor);
  return into;
}
