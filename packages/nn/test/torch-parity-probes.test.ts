import { describe, expect, it } from 'vitest';
import { noGrad, randn, tensor, type Tensor } from '@dl/tensor';
import {
  ConvTranspose1d,
  ConvTranspose2d,
  ConvTranspose3d,
  Embedding,
  EmbeddingBag,
  F,
  LazyConvTranspose2d,
  type EmbeddingFunctionOptions,
} from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// Behaviours where @dl/nn once differed from torch 1.13 without saying so, found by probing against
// torch (tools/fixtures/nn_parity_probes_reference.py writes the reference values).

interface TransposedCase {
  name: string;
  state: Record<string, FixtureTensor>;
  input: FixtureTensor;
  outputSize: number[];
  output: FixtureTensor;
  weights: FixtureTensor;
  gradient: FixtureTensor;
}
interface NearestExactCase {
  options: { size?: number | number[]; scaleFactor?: number | number[]; recomputeScaleFactor?: boolean };
  input: FixtureTensor;
  output: FixtureTensor;
  weights: FixtureTensor;
  gradient: FixtureTensor;
}
interface EmbeddingCase {
  name: string;
  arguments: EmbeddingFunctionOptions;
  table: FixtureTensor;
  indices: FixtureTensor;
  output: FixtureTensor;
  tableAfter: FixtureTensor;
  weights: FixtureTensor;
  gradient: FixtureTensor;
}
const reference = readFixture<{
  convTranspose: TransposedCase[];
  nearestExact: NearestExactCase[];
  infinityNorms: Record<
    'x' | 'y' | 'z' | 'normalizeDim1' | 'normalizeLastEps' | 'pairwiseDistance' | 'pairwiseDistanceKeepdim' | 'tripletMarginLoss',
    FixtureTensor
  >;
  klDiv: Record<'input' | 'target' | 'none' | 'sum', FixtureTensor>;
  embedding: EmbeddingCase[];
  embeddingBag: Record<'table' | 'indices' | 'offsets' | 'output' | 'tableAfter', FixtureTensor>;
}>('nn_parity_probes.json');

/** A tensor's values as plain numbers. */
const values = (tensor: Tensor): number[] => Array.from(tensor.dataSync(), Number);

function transposedLayer(entry: TransposedCase): ConvTranspose1d | ConvTranspose2d | ConvTranspose3d {
  const weight = entry.state.weight!;
  const [inChannels, perGroup, ...kernel] = weight.shape as [number, number, ...number[]];
  const outChannels = entry.state.bias!.shape[0]!;
  const groups = outChannels / perGroup;
  // the layer's sizes, as the fixture script builds it (its name gives them)
  if (kernel.length === 1) return new ConvTranspose1d(inChannels, outChannels, kernel[0]!, { stride: 3, padding: 1 });
  if (kernel.length === 3) return new ConvTranspose3d(inChannels, outChannels, 2, { stride: 2, padding: 1 });
  return groups === 1
    ? new ConvTranspose2d(inChannels, outChannels, 3, { stride: 2 })
    : new ConvTranspose2d(inChannels, outChannels, [3, 2], { stride: [2, 3], groups, dilation: [1, 2], outputPadding: [1, 0] });
}

describe('ConvTranspose*d.forward(input, outputSize), as torch', () => {
  it.each(reference.convTranspose.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const layer = transposedLayer(entry);
    layer.loadStateDict({ weight: fromFixture(entry.state.weight!), bias: fromFixture(entry.state.bias!) });
    const input = fromFixture(entry.input).requiresGrad_();
    const output = (layer.call as (x: Tensor, size: number[]) => Tensor)(input, entry.outputSize);
    expectClose(output, entry.output, `${name}: output`);
    output.mul(fromFixture(entry.weights)).sum().backward();
    expectClose(input.grad, entry.gradient, `${name}: input gradient`);
  });

  it('takes a 1-d size as a number, goes through the lazy variant, and names sizes out of reach', () => {
    const layer = new ConvTranspose1d(2, 3, 3, { stride: 3, padding: 1 });
    expect(layer.call(randn([1, 2, 4]), 12).shape).toEqual([1, 3, 12]);
    expect(new LazyConvTranspose2d(3, 3, { stride: 2 }).call(randn([1, 2, 3, 3]), [8, 8]).shape).toEqual([1, 3, 8, 8]);
    const square = new ConvTranspose2d(2, 3, 3, { stride: 2 });
    expect(() => square.call(randn([1, 2, 3, 3]), [9, 7])).toThrow(
      'ConvTranspose2d: requested an output size of [9, 7], but valid sizes range from [7, 7] to [8, 8] (for an input of [3, 3])',
    );
    expect(() => square.call(randn([1, 2, 3, 3]), [1, 8, 8])).toThrow(
      'ConvTranspose2d: for 4-D input, outputSize must hold 2 or 4 integers, got [1, 8, 8]',
    );
  });
});

describe("F.interpolate in mode 'nearest-exact', as torch", () => {
  it.each(reference.nearestExact.map((entry) => [JSON.stringify(entry.options), entry] as const))('%s', (name, entry) => {
    const input = fromFixture(entry.input).requiresGrad_();
    const output = F.interpolate(input, { ...entry.options, mode: 'nearest-exact' });
    expectClose(output, entry.output, `${name}: output`, 0, 0);
    output.mul(fromFixture(entry.weights)).sum().backward();
    expectClose(input.grad, entry.gradient, `${name}: gradient`);
  });
});

describe('p = Infinity in F.normalize, F.pairwiseDistance and F.tripletMarginLoss, as torch', () => {
  const { x, y, z, ...expected } = reference.infinityNorms;
  const [first, second, third] = [fromFixture(x), fromFixture(y), fromFixture(z)];

  it('divides by, or measures, the largest |x|', () => {
    expectClose(F.normalize(first, { p: Infinity, dim: 1 }), expected.normalizeDim1, 'normalize dim 1');
    expectClose(F.normalize(first.mul(1e-3), { p: Infinity, dim: -1, eps: 2e-3 }), expected.normalizeLastEps, 'normalize eps');
    expectClose(F.pairwiseDistance(first, second, { p: Infinity }), expected.pairwiseDistance, 'pairwiseDistance');
    expectClose(F.pairwiseDistance(first, second, { p: Infinity, keepdim: true }), expected.pairwiseDistanceKeepdim, 'keepdim');
    expectClose(
      F.tripletMarginLoss(first, second, third, { p: Infinity, margin: 0.5, reduction: 'none' }),
      expected.tripletMarginLoss,
      'tripletMarginLoss',
    );
  });

  it('still refuses -Infinity and NaN', () => {
    expect(() => F.normalize(first, { p: -Infinity })).toThrow('normalize: p must be a number or Infinity, got -Infinity');
    expect(() => F.pairwiseDistance(first, second, { p: Number.NaN })).toThrow('pairwiseDistance: p must be a number, got NaN');
  });
});

describe('F.klDiv with a negative target, as torch', () => {
  it('gives NaN where the target is negative (y·log y), 0 where it is 0', () => {
    const { input, target } = reference.klDiv;
    const losses = values(F.klDiv(fromFixture(input), fromFixture(target), { reduction: 'none' }));
    // torch's NaNs come back as null from JSON
    const torchNone = reference.klDiv.none.data as Array<number | null>;
    losses.forEach((loss, index) => {
      const want = torchNone[index];
      if (want === null) expect(loss, `element ${index}`).toBeNaN();
      else expect(loss, `element ${index}`).toBeCloseTo(want, 6);
    });
    expect(values(F.klDiv(fromFixture(input), fromFixture(target), { reduction: 'sum' }))[0]).toBeNaN();
  });
});

describe('Embedding, F.embedding and EmbeddingBag: maxNorm, normType and scaleGradByFreq, as torch', () => {
  it.each(reference.embedding.map((entry) => [entry.name, entry] as const))('F.embedding %s', (name, entry) => {
    const table = fromFixture(entry.table).requiresGrad_();
    const indices = fromFixture(entry.indices, 'int32');
    // the fixture writes torch's float('inf') as the string 'Infinity'
    const normType = entry.arguments.normType as number | 'Infinity' | undefined;
    const options = { ...entry.arguments, ...(normType === 'Infinity' ? { normType: Infinity } : {}) };
    const output = F.embedding(indices, table, options);
    expectClose(output, entry.output, `${name}: output`);
    expectClose(table, entry.tableAfter, `${name}: the table after the call`);
    output.mul(fromFixture(entry.weights)).sum().backward();
    expectClose(table.grad, entry.gradient, `${name}: table gradient`);
  });

  it('the layer, from torch positional order or fromPretrained, renormalises and scales the same way', () => {
    const entry = reference.embedding.find((candidate) => candidate.name.startsWith('padding_idx'))!;
    const indices = fromFixture(entry.indices, 'int32');
    const [rows, columns] = entry.table.shape as [number, number];
    const positional = new Embedding(rows, columns, 2, 2.0, 2, true);
    noGrad(() => positional.weight.copy_(fromFixture(entry.table)));
    const pretrained = Embedding.fromPretrained(fromFixture(entry.table), {
      freeze: false,
      paddingIdx: 2,
      maxNorm: 2,
      scaleGradByFreq: true,
    });
    for (const layer of [positional, pretrained]) {
      const output = layer.call(indices);
      expectClose(output, entry.output, 'layer output');
      expectClose(layer.weight, entry.tableAfter, 'layer weight after the call');
      output.mul(fromFixture(entry.weights)).sum().backward();
      expectClose(layer.weight.grad, entry.gradient, 'layer weight gradient');
    }
    expect(positional.toString()).toBe('Embedding(6, 3, paddingIdx=2, maxNorm=2, scaleGradByFreq=true)');
  });

  it('EmbeddingBag renormalises the rows its bags read', () => {
    const { table, indices, offsets, output, tableAfter } = reference.embeddingBag;
    const [rows, columns] = table.shape as [number, number];
    const bag = new EmbeddingBag(rows, columns, { mode: 'sum', maxNorm: 1.2, normType: 3, includeLastOffset: true });
    noGrad(() => bag.weight.copy_(fromFixture(table)));
    expectClose(bag.call(fromFixture(indices, 'int32'), fromFixture(offsets, 'int32')), output, 'bag output');
    expectClose(bag.weight, tableAfter, 'bag weight after the call');
  });

  it('names what it cannot do', () => {
    const table = randn([4, 2]);
    const indices = tensor([1, 2], { dtype: 'int32' });
    expect(() => F.embedding(indices, table, { sparse: true })).toThrow('embedding: sparse gradients are not supported (sparse: true)');
    expect(() => new Embedding(4, 2, { sparse: true })).toThrow('Embedding: sparse gradients are not supported');
    expect(() => F.embedding(indices, table, { maxNorm: Number.NaN })).toThrow('embedding: maxNorm must be a finite number, got NaN');
    expect(() => Embedding.fromPretrained(table, { frozen: true } as never)).toThrow('Embedding.fromPretrained: unknown option `frozen`');
  });
});

describe('F.embeddingBag with includeLastOffset', () => {
  it('needs the last offset to close the input (torch 1.13 reads indices past it inconsistently)', () => {
    const table = randn([6, 3]);
    const indices = tensor([1, 2, 4, 5, 4, 3], { dtype: 'int32' });
    expect(() => F.embeddingBag(indices, table, { offsets: [0, 3, 5], mode: 'sum', includeLastOffset: true })).toThrow(
      'embeddingBag: with includeLastOffset the last offset must equal the number of indices (6), got [0, 3, 5]',
    );
    expect(F.embeddingBag(indices, table, { offsets: [0, 3, 6], mode: 'sum', includeLastOffset: true }).shape).toEqual([2, 3]);
  });
});
