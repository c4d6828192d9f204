import { describe, expect, it } from 'vitest';
import { cast, gather, zeros, type Tensor, type ValuesAndIndices } from '@dl/tensor';
import { AdaptiveMaxPool3d, F, LPPool1d, LPPool2d, MaxPool2d, MaxUnpool1d, MaxUnpool2d, MaxUnpool3d } from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// LP pooling, max unpooling and 3-d adaptive max pooling against torch 1.13
// (tools/fixtures/nn_more_pooling_reference.py): outputs, indices and gradients of sum(output · weights).
interface LpCase {
  name: string;
  dims: 1 | 2;
  normType: number;
  kernelSize: number | [number, number];
  stride: number | [number, number] | null;
  ceilMode: boolean;
  input: FixtureTensor;
  output: FixtureTensor;
  weights: FixtureTensor;
  gradient: FixtureTensor;
}
interface UnpoolCase {
  name: string;
  dims: 1 | 2 | 3;
  kernelSize: number | number[];
  stride: number | number[] | null;
  padding: number | number[];
  outputSize: number[] | null;
  pooledFrom: FixtureTensor;
  input: FixtureTensor;
  indices: FixtureTensor;
  output: FixtureTensor;
  weights: FixtureTensor;
  gradient: FixtureTensor;
}
interface AdaptiveCase {
  name: string;
  outputSize: number | [number | null, number | null, number | null];
  input: FixtureTensor;
  output: FixtureTensor;
  indices: FixtureTensor;
  weights: FixtureTensor;
  gradient: FixtureTensor;
}
const reference = readFixture<{
  lp: LpCase[];
  unpool: UnpoolCase[];
  adaptive: AdaptiveCase[];
  tieIndex: number;
  reprs: Record<string, string>;
}>('nn_more_pooling.json');

/** torch's repr with this package's camelCase names and JavaScript booleans. */
const camelRepr = (repr: string): string =>
  repr
    .replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())
    .replace(/=False/g, '=false')
    .replace(/=True/g, '=true');

const lpPool = (entry: LpCase, input: Tensor): Tensor =>
  entry.dims === 1
    ? F.lpPool1d(input, entry.normType, entry.kernelSize as number, { stride: entry.stride as number | null, ceilMode: entry.ceilMode })
    : F.lpPool2d(input, entry.normType, entry.kernelSize, { stride: entry.stride, ceilMode: entry.ceilMode });

const unpool = (entry: UnpoolCase, input: Tensor, indices: Tensor): Tensor => {
  const options = { stride: entry.stride, padding: entry.padding, outputSize: entry.outputSize } as never;
  if (entry.dims === 1) return F.maxUnpool1d(input, indices, entry.kernelSize as number, options);
  if (entry.dims === 2) return F.maxUnpool2d(input, indices, entry.kernelSize as [number, number], options);
  return F.maxUnpool3d(input, indices, entry.kernelSize as [number, number, number], options);
};

const pooled = (entry: UnpoolCase, input: Tensor): ValuesAndIndices => {
  const options = { stride: entry.stride as never, padding: entry.padding as never, returnIndices: true } as const;
  if (entry.dims === 1) return F.maxPool1d(input, entry.kernelSize as number, options);
  if (entry.dims === 2) return F.maxPool2d(input, entry.kernelSize as [number, number], options);
  return F.maxPool3d(input, entry.kernelSize as [number, number, number], options);
};

describe('LP pooling against torch', () => {
  it.each(reference.lp.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const input = fromFixture(entry.input).requiresGrad_();
    const output = lpPool(entry, input);
    expectClose(output, entry.output, `${name}: output`, 1e-5, 1e-5);
    output.mul(fromFixture(entry.weights)).sum().backward();
    expectClose(input.grad, entry.gradient, `${name}: gradient`, 1e-5, 1e-5);
  });

  it('the layers, their reprs and empty state dicts', () => {
    const [first] = reference.lp;
    expectClose(new LPPool2d(2, 3, 2).call(fromFixture(first!.input)), first!.output, 'LPPool2d', 1e-5, 1e-5);
    const line = reference.lp.find((entry) => entry.name.startsWith('1-d, p=2'))!;
    expectClose(new LPPool1d(2, 3, { stride: 2, ceilMode: true }).call(fromFixture(line.input)), line.output, 'LPPool1d', 1e-5, 1e-5);
    expect(`${new LPPool1d(2, 3)}`).toBe(camelRepr(reference.reprs.LPPool1d!));
    expect(`${new LPPool2d(1.5, [2, 3], 2, true)}`).toBe(camelRepr(reference.reprs.LPPool2d!));
    expect(Object.keys(new LPPool2d(2, 2).stateDict())).toEqual([]);
  });

  it('p = 1 keeps the sign of a negative window sum (not ONNX LpPool’s Σ|x|)', () => {
    const input = fromFixture({ shape: [1, 1, 1, 4], data: [-1, -2, 3, -4] });
    expect([...F.lpPool2d(input, 1, [1, 2]).dataSync()]).toEqual([-3, -1]);
  });

  it('errors', () => {
    const input = zeros([1, 2, 6, 6]);
    expect(() => F.lpPool2d(input, 2, 2, { padding: 1 } as never)).toThrow(/lpPool2d.*padding/);
    expect(() => F.lpPool2d(input.reshape([72]), 2, 2)).toThrow('lpPool2d: expected a 3-D [C, H, W] or 4-D [N, C, H, W] input, got [72]');
    expect(() => F.lpPool2d(input, 0, 2)).toThrow('lpPool2d: normType must be a finite nonzero number, got 0');
    expect(() => F.lpPool2d(input, 2, 0)).toThrow('lpPool2d: kernelSize must be an integer or 2 integers ≥ 1, got 0');
    expect(() => F.lpPool1d(zeros([2, 6]), 2, 2, { stride: 1.5 })).toThrow('lpPool1d: stride must be an integer ≥ 1, got 1.5');
    expect(() => new LPPool2d(2, 2, { stride: 2, dilation: 2 } as never)).toThrow(/LPPool2d.*dilation/);
    expect(() => new LPPool1d(Number.NaN, 2)).toThrow('LPPool1d: normType must be a finite nonzero number, got NaN');
  });
});

describe('max unpooling against torch', () => {
  it.each(reference.unpool.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    // max pooling here gives torch's indices, so the two compose
    const fromPooling = pooled(entry, fromFixture(entry.pooledFrom));
    expectClose(fromPooling.values, entry.input, `${name}: pooled values`, 0, 0);
    expectClose(fromPooling.indices, entry.indices, `${name}: pooled indices`, 0, 0);
    const input = fromFixture(entry.input).requiresGrad_();
    const output = unpool(entry, input, fromFixture(entry.indices, 'int32'));
    expectClose(output, entry.output, `${name}: output`, 0, 0);
    output.mul(fromFixture(entry.weights)).sum().backward();
    expectClose(input.grad, entry.gradient, `${name}: gradient`, 0, 0);
  });

  it('the layers, their reprs and empty state dicts', () => {
    const square = reference.unpool.find((entry) => entry.name === '2-d, kernel 2, output size 7×7')!;
    const { values, indices } = new MaxPool2d(2).forwardWithIndices(fromFixture(square.pooledFrom));
    expectClose(new MaxUnpool2d(2).call(values, indices, [7, 7]), square.output, 'MaxUnpool2d', 0, 0);
    const line = reference.unpool[0]!;
    const lineOutput = new MaxUnpool1d(2).call(fromFixture(line.input), fromFixture(line.indices, 'int32'));
    expectClose(lineOutput, line.output, 'MaxUnpool1d', 0, 0);
    const volume = reference.unpool.find((entry) => entry.dims === 3)!;
    expectClose(
      new MaxUnpool3d(2).call(fromFixture(volume.input), fromFixture(volume.indices, 'int32')),
      volume.output,
      'MaxUnpool3d',
      0,
      0,
    );
    expect(`${new MaxUnpool1d(2)}`).toBe(camelRepr(reference.reprs.MaxUnpool1d!));
    expect(`${new MaxUnpool2d(3, 2, 1)}`).toBe(camelRepr(reference.reprs.MaxUnpool2d!));
    expect(`${new MaxUnpool3d(2)}`).toBe(camelRepr(reference.reprs.MaxUnpool3d!));
    expect(Object.keys(new MaxUnpool2d(2).stateDict())).toEqual([]);
  });

  it('errors', () => {
    const values = zeros([1, 2, 3, 3]);
    const indices = cast(zeros([1, 2, 3, 3]), 'int32');
    expect(() => F.maxUnpool2d(values, indices, 2, { outputSize: [9, 6] })).toThrow(
      'maxUnpool2d: invalid outputSize [9, 6] (dim 0 must be between 4 and 8)',
    );
    expect(() => F.maxUnpool2d(values, indices, 2, { outputSize: [6] })).toThrow(
      /^maxUnpool2d: outputSize should hold 2 or 4 integers, got .*6/,
    );
    expect(() => F.maxUnpool2d(values, indices.reshape([1, 2, 9]), 2)).toThrow(
      "maxUnpool2d: expected indices of the input's shape [1, 2, 3, 3], got [1, 2, 9]",
    );
    expect(() => F.maxUnpool2d(values, zeros([1, 2, 3, 3]), 2)).toThrow('maxUnpool2d: expected int32 indices');
    expect(() => F.maxUnpool2d(values, indices.add(36), 2)).toThrow(/scatter/);
    expect(() => F.maxUnpool1d(values, indices, 2)).toThrow('maxUnpool1d: expected a 2-D or 3-D input, got [1, 2, 3, 3]');
    expect(() => F.maxUnpool3d(values.reshape([2, 3, 3]), indices.reshape([2, 3, 3]), 2)).toThrow(
      'maxUnpool3d: expected a 4-D or 5-D input',
    );
    expect(() => F.maxUnpool2d(values, indices, 2, { dilation: 1 } as never)).toThrow(/maxUnpool2d.*dilation/);
    expect(() => new MaxUnpool2d(2, { outputSize: [4, 4] } as never)).toThrow(/MaxUnpool2d.*outputSize/);
    expect(() => new MaxUnpool3d([2, 2] as never)).toThrow('MaxUnpool3d: kernelSize must be an integer ≥ 1 or 3 of them, got [2,2]');
  });
});

describe('3-d adaptive max pooling against torch', () => {
  it.each(reference.adaptive.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const input = fromFixture(entry.input).requiresGrad_();
    const { values, indices } = F.adaptiveMaxPool3d(input, entry.outputSize, { returnIndices: true });
    expectClose(values, entry.output, `${name}: output`, 0, 0);
    expectClose(indices, entry.indices, `${name}: indices`, 0, 0);
    expect(indices.dtype).toBe('int32');
    values.mul(fromFixture(entry.weights)).sum().backward();
    // a maximum shared by overlapping windows sums their weights, in torch's order or another
    expectClose(input.grad, entry.gradient, `${name}: gradient`, 1e-6, 1e-6);
    expectClose(F.adaptiveMaxPool3d(fromFixture(entry.input), entry.outputSize), entry.output, `${name}: values only`, 0, 0);
  });

  it('ties go to the first cell, as torch; the layer, its repr, and its indices', () => {
    const tie = F.adaptiveMaxPool3d(zeros([1, 1, 2, 2, 2]), 1, { returnIndices: true });
    expect([...tie.indices.dataSync()]).toEqual([reference.tieIndex]);
    const [entry] = reference.adaptive;
    const layer = new AdaptiveMaxPool3d([2, 3, 4]);
    expectClose(layer.call(fromFixture(entry!.input)), entry!.output, 'AdaptiveMaxPool3d', 0, 0);
    const { values, indices } = layer.forwardWithIndices(fromFixture(entry!.input));
    expectClose(indices, entry!.indices, 'AdaptiveMaxPool3d indices', 0, 0);
    // each index points at its maximum in the flattened input volume
    const picked = gather(fromFixture(entry!.input).reshape([6, 315]), 1, indices.reshape([6, 24]));
    expectClose(picked, { shape: [6, 24], data: [...values.dataSync()] }, 'the maxima at their indices', 0, 0);
    expect(`${new AdaptiveMaxPool3d([2, null, 3])}`).toBe(camelRepr(reference.reprs.AdaptiveMaxPool3d!));
  });

  it('errors', () => {
    expect(() => F.adaptiveMaxPool3d(zeros([2, 3, 4]), 2)).toThrow(
      'adaptiveMaxPool3d: expected a 4-D [C, D, H, W] or 5-D [N, C, D, H, W] input, got [2, 3, 4]',
    );
    expect(() => F.adaptiveMaxPool3d(zeros([1, 2, 3, 4]), 0)).toThrow('adaptiveMaxPool3d: outputSize must be an integer ≥ 1');
    expect(() => F.adaptiveMaxPool3d(zeros([1, 2, 3, 4]), 2, { indices: true } as never)).toThrow(/adaptiveMaxPool3d.*indices/);
    expect(() => new AdaptiveMaxPool3d([2, 2] as never)).toThrow('AdaptiveMaxPool3d: outputSize must be');
  });
});
