import { describe, expect, it } from 'vitest';
import { tensor, zeros } from '@dl/tensor';
import { clipGradValue } from '../src/index.js';
import { readFixture } from './helpers/nn-fixtures.js';

// clip_grad_value_ with an infinite clip value, against torch 1.13
// (tools/fixtures/nn_clip_grad_value_infinite_reference.py): +∞ keeps the gradients, −∞ makes them −∞.

/** A number, or "Infinity" / "-Infinity" where JSON has none. */
type FixtureNumber = number | 'Infinity' | '-Infinity';
interface InfiniteCase {
  clipValue: FixtureNumber;
  shapes: number[][];
  before: number[][];
  after: FixtureNumber[][];
}
const reference = readFixture<{ cases: InfiniteCase[] }>('nn_clip_grad_value_infinite.json');

describe('clipGradValue against torch', () => {
  it.each(reference.cases.map((entry) => [String(entry.clipValue), entry] as const))('clipValue %s', (_, entry) => {
    const parameters = entry.shapes.map((shape, index) => {
      const parameter = zeros(shape, { dtype: 'float64', requiresGrad: true });
      parameter.grad = tensor(entry.before[index]!, { shape, dtype: 'float64' });
      return parameter;
    });
    clipGradValue(parameters, Number(entry.clipValue));
    parameters.forEach((parameter, index) => expect([...parameter.grad!.dataSync()]).toEqual(entry.after[index]!.map(Number)));
  });

  it('still refuses NaN and what is not a number, naming clipGradValue', () => {
    const parameter = zeros([2], { requiresGrad: true });
    parameter.grad = tensor([1, -1]);
    expect(() => clipGradValue([parameter], Number.NaN)).toThrow('clipGradValue: clipValue must be a number, got NaN');
    expect(() => clipGradValue([parameter], '1' as never)).toThrow("clipGradValue: clipValue must be a number, got '1'");
  });
});
