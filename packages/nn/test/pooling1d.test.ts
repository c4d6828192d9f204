import { describe, expect, it } from 'vitest';
import type { Tensor } from '@dl/tensor';
import {
  AdaptiveAvgPool1d,
  AvgPool1d,
  F,
  MaxPool1d,
  MaxPool2d,
  MaxPool3d,
  type AvgPool1dOptions,
  type MaxPool1dOptions,
} from '../src/index.js';
import { describePoolingLikeTorch, type PoolingCase } from './helpers/convolution-and-pooling-cases.js';
import { expectClose, fromFixture, readFixture } from './helpers/nn-fixtures.js';

// 1-d pooling against torch 1.13 (tools/fixtures/nn_pooling1d_reference.py): outputs, max pooling's
// indices, and the gradient of sum(output · weights).
interface Pooling1dCase extends PoolingCase {
  options: { kernelSize?: number; outputSize?: number } & MaxPool1dOptions & AvgPool1dOptions;
}
const reference = readFixture<{ cases: Pooling1dCase[] }>('nn_pooling1d.json');

/** The F call a case stands for; the values, and the indices where max pooling returns them. */
function pool(entry: Pooling1dCase, input: Tensor): [Tensor, Tensor | null] {
  const { kernelSize, outputSize, ...options } = entry.options;
  if (entry.kind === 'adaptive') return [F.adaptiveAvgPool1d(input, outputSize!), null];
  if (entry.kind === 'avg') return [F.avgPool1d(input, kernelSize!, options as AvgPool1dOptions), null];
  if (!options.returnIndices) return [F.maxPool1d(input, kernelSize!, options as MaxPool1dOptions & { returnIndices?: false }), null];
  const [values, indices] = F.maxPool1d(input, kernelSize!, { ...(options as MaxPool1dOptions), returnIndices: true });
  return [values, indices];
}

describePoolingLikeTorch('1-d pooling against torch', reference.cases, pool);

describe('1-d pooling layers', () => {
  it('are the F functions, with torch’s positional arguments', () => {
    const strided = reference.cases.find((entry) => entry.name.startsWith('max, stride 2'))!;
    expectClose(new MaxPool1d(3, 2, 1, 2, { ceilMode: true }).call(fromFixture(strided.input)), strided.output, 'MaxPool1d', 1e-6, 1e-6);
    const [, indices] = new MaxPool1d(3, { stride: 2, padding: 1, dilation: 2, ceilMode: true }).forwardWithIndices(
      fromFixture(strided.input),
    );
    expect(Array.from(indices.dataSync())).toEqual(strided.indices!.data);
    const average = reference.cases.find((entry) => entry.name.startsWith('avg, stride 2'))!;
    expectClose(new AvgPool1d(3, 2, 1, true, false).call(fromFixture(average.input)), average.output, 'AvgPool1d', 1e-6, 1e-6);
    const adaptive = reference.cases.find((entry) => entry.name === 'adaptive avg, 10 to 4')!;
    expectClose(new AdaptiveAvgPool1d(4).call(fromFixture(adaptive.input)), adaptive.output, 'AdaptiveAvgPool1d', 1e-6, 1e-6);
    expect(String(new MaxPool1d(2))).toBe('MaxPool1d(kernelSize=2, stride=2, padding=0, dilation=1, ceilMode=false)');
    // torch's full positional order, return_indices then ceil_mode (it was refused as too many arguments)
    expectClose(
      new MaxPool1d(3, 2, 1, 2, false, true).call(fromFixture(strided.input)),
      strided.output,
      'MaxPool1d positional',
      1e-6,
      1e-6,
    );
    expect(() => new MaxPool1d(3, 2, 1, 2, true as false, true)).toThrow('MaxPool1d: returnIndices true is not supported on the layer');
    expect(() => new MaxPool2d(2, { returnIndices: true } as never)).toThrow('use layer.forwardWithIndices(input)');
    expect(String(new MaxPool3d(2, 2, 0, 1, false, true))).toContain('ceilMode=true');
  });

  it('name bad input', () => {
    expect(() => F.maxPool1d(fromFixture(reference.cases[0]!.input).unsqueeze(0), 2)).toThrow(
      'maxPool1d: expected a 2-D [C, L] or 3-D [N, C, L] input, got [1, 2, 3, 10]',
    );
    expect(() => new AvgPool1d(2, { count_include_pad: false } as never)).toThrow(
      'AvgPool1d: unknown option `count_include_pad` (did you mean `countIncludePad`?)',
    );
    expect(() => F.maxPool1d(fromFixture(reference.cases[0]!.input), 2, { return_indices: true } as never)).toThrow(
      'maxPool1d: unknown option `return_indices` (did you mean `returnIndices`?)',
    );
  });
});
