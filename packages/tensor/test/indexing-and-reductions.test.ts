import { describe, expect, it } from 'vitest';
import {
  aminmax,
  argwhere,
  argwhereAsync,
  combinations,
  countNonzero,
  cross,
  diff,
  indexAdd,
  indexCopy,
  indexFill,
  maskedScatter,
  mode,
  msort,
  nanquantile,
  quantile,
  renorm,
  rot90,
  scatterReduce,
  stdMean,
  takeAlongDim,
  tensor,
  trilIndices,
  triuIndices,
  uniqueConsecutive,
  zeros,
  uniqueConsecutiveAsync,
  varMean,
  type QuantileInterpolation,
  type ScatterReduction,
  type Tensor,
} from '../src/index.js';
import { gradcheck, leftBehind } from '../src/testing/index.js';
import { type DType, expectValues, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// The indexing, rearranging and reduction ops against torch 1.13
// (tools/fixtures/tensor_indexing_reductions_reference.py): values, indices and the gradient of
// Σ output·r with respect to each input marked `grad`, in float64 (to 1e-12), float32 (to 1e-5) and
// exactly for int32 and bool.

interface FixtureCase {
  name: string;
  inputs: (FixtureTensor & { dtype: DType; grad: boolean })[];
  outputs: (FixtureTensor & { dtype: DType })[];
  upstream?: FixtureTensor[];
  gradients?: (FixtureTensor | null)[];
}
const { cases } = readTorchFixture<{ cases: FixtureCase[] }>('torch-indexing-reductions-reference.json');
const tolerances = { float64: 1e-12, float32: 1e-5 };

type Operation = (...inputs: Tensor[]) => Tensor | readonly Tensor[];
const operations: Record<string, Operation> = {
  'indexAdd dim 0 repeated': (x, i, s) => x!.indexAdd(0, i!, s!),
  'indexAdd dim 1 alpha': (x, i, s) => indexAdd(x!, 1, i!, s!, { alpha: -0.5 }),
  'indexAdd float32': (x, i, s) => indexAdd(x!, -1, i!, s!),
  'indexAdd int32 alpha 2': (x, i, s) => indexAdd(x!, 0, i!, s!, { alpha: 2 }),
  'indexCopy dim 0': (x, i, s) => x!.indexCopy(0, i!, s!),
  'indexCopy dim -1 int32': (x, i, s) => indexCopy(x!, -1, i!, s!),
  'indexFill dim 1 number': (x, i) => indexFill(x!, 1, i!, -1.5),
  'indexFill 0-D tensor value': (x, i, v) => x!.indexFill(0, i!, v!),
  'indexFill int32': (x, i) => indexFill(x!, 0, i!, 7),
  'scatterReduce mean int32': (x, i, s) => scatterReduce(x!, 0, i!, s!, 'mean'),
  'scatterReduce mean int32 without self': (x, i, s) => scatterReduce(x!, 0, i!, s!, 'mean', { includeSelf: false }),
  'scatterReduce amax int32': (x, i, s) => x!.scatterReduce(1, i!, s!, 'amax'),
  'scatterReduce prod int32': (x, i, s) => scatterReduce(x!, 0, i!, s!, 'prod', { includeSelf: false }),
  'scatterReduce sum float32': (x, i, s) => scatterReduce(x!, 1, i!, s!, 'sum'),
  'takeAlongDim dim 1 argsort': (x, i) => takeAlongDim(x!, i!, 1),
  'takeAlongDim broadcast': (x, i) => x!.takeAlongDim(i!, { dim: 1 }),
  'takeAlongDim flattened': (x, i) => takeAlongDim(x!, i!),
  'takeAlongDim int32 dim 0': (x, i) => takeAlongDim(x!, i!, 0),
  maskedScatter: (x, m, s) => x!.maskedScatter(m!, s!),
  'maskedScatter broadcast': (x, m, s) => maskedScatter(x!, m!, s!),
  'maskedScatter int32': (x, m, s) => maskedScatter(x!, m!, s!),
  'diff default': (x) => diff(x!),
  'diff n 2 dim 0 prepend append': (x, p, a) => diff(x!, { n: 2, dim: 0, prepend: p!, append: a! }),
  'diff bool': (x) => x!.diff(),
  'diff int32 n 3': (x) => diff(x!, 3),
  'diff n past the length': (x) => diff(x!, 4, -1),
  'cross default dim': (a, b) => cross(a!, b!),
  'cross dim -1 broadcast': (a, b) => a!.cross(b!, { dim: -1 }),
  'cross float32': (a, b) => cross(a!, b!, 0),
  'cross int32': (a, b) => cross(a!, b!, 1),
  'renorm p 2 dim 0': (x) => renorm(x!, 2, 0, 1.5),
  'renorm p 1 dim 1': (x) => x!.renorm(1, 1, 2),
  'renorm p inf dim 0': (x) => renorm(x!, Number.POSITIVE_INFINITY, 0, 0.8),
  'renorm p 3 dim 2 of 3-d': (x) => renorm(x!, 3, 2, 1),
  'renorm float32': (x) => renorm(x!, 2, 1, 1),
  'rot90 default': (x) => rot90(x!),
  'rot90 k 2': (x) => x!.rot90(2),
  'rot90 k -1 dims 1 2': (x) => rot90(x!, -1, [1, 2]),
  'rot90 k 3 dims 2 0': (x) => rot90(x!, { k: 3, dims: [2, 0] }),
  'rot90 k 0': (x) => rot90(x!, 0),
  'rot90 int32 k 5': (x) => rot90(x!, 5),
  msort: (x) => msort(x!),
  'msort int32': (x) => x!.msort(),
  'aminmax all': (x) => aminmax(x!),
  'aminmax dim 1 keepdim': (x) => {
    const { min, max } = x!.aminmax({ dim: 1, keepdim: true });
    return [min, max];
  },
  'aminmax int32 dim 0': (x) => aminmax(x!, { dim: 0 }),
  'countNonzero all': (x) => countNonzero(x!),
  'countNonzero dim 1': (x) => x!.countNonzero(1),
  'countNonzero dims 0 2': (x) => countNonzero(x!, { dim: [0, 2] }),
  'countNonzero bool': (x) => countNonzero(x!, 0),
  'varMean default': (x) => varMean(x!),
  'varMean dim 1 correction 0 keepdim': (x) => varMean(x!, 1, { correction: 0, keepdim: true }),
  'varMean dims 0 2 correction 2': (x) => varMean(x!, { dim: [0, 2], correction: 2 }),
  'varMean float32': (x) => varMean(x!, 0),
  'stdMean default': (x) => stdMean(x!),
  'stdMean dim 1 correction 0 keepdim': (x) => stdMean(x!, { dim: 1, correction: 0, keepdim: true }),
  'stdMean dims 0 2 correction 2': (x) => stdMean(x!, [0, 2], { correction: 2 }),
  'stdMean float32': (x) => stdMean(x!, 0),
  // the gradient over a constant slice was NaN before (torch's is 0)
  'stdMean constant rows': (x) => stdMean(x!, 1),
  'std constant every element': (x) => x!.std(),
  // ties share the gradient while the value stays exact (a mean of the ties rounded), infinite maxima
  // keep their value, and median propagates NaN (it returned a number before)
  'amax ties every element': (x) => x!.amax(),
  'amax ties dim 1': (x) => x!.amax(1),
  'amin ties dim 0 keepdim': (x) => x!.amin(0, true),
  'max ties every element': (x) => x!.max(),
  'amax infinite ties': (x) => x!.amax(1),
  'median ties every element': (x) => x!.median(),
  'median NaN every element': (x) => x!.median(),
  'median NaN dim 1': (x) => x!.median(1),
  'nanmedian infinite': (x) => x!.nanmedian(),
  'median empty': (x) => x!.median(),
  'logsumexp empty dim 1': (x) => x!.logsumexp(1),
  'logsumexp empty dim 0 keepdim': (x) => x!.logsumexp(0, true),
  'quantile number over every element': (x) => quantile(x!, 0.3),
  'quantile keepdim dim 0': (x, q) => quantile(x!, q!, 0, true),
  'quantile keepdim every element': (x) => x!.quantile(0.75, { keepdim: true }),
  'quantile 0-D q': (x, q) => quantile(x!, q!, -1),
  'quantile NaN slice': (x) => quantile(x!, 0.5, { dim: 1 }),
  'nanquantile number': (x) => x!.nanquantile(0.5, 1),
  'quantile float32': (x, q) => quantile(x!, q!, 1),
  'mode dim 1 ties': (x) => mode(x!, 1),
  'mode dim 0 keepdim of 3-d': (x) => mode(x!, 0, true),
  'mode default dim': (x) => x!.mode(),
  'mode int32': (x) => mode(x!, { dim: 1 }),
  'mode bool': (x) => mode(x!, 0),
  'combinations r 2': (x) => combinations(x!),
  'combinations r 3': (x) => combinations(x!, 3),
  'combinations with replacement': (x) => combinations(x!, { r: 2, withReplacement: true }),
  'combinations r 0': (x) => combinations(x!, 0),
  'combinations r past the length': (x) => combinations(x!, 4),
  'combinations int32': (x) => combinations(x!),
  'argwhere 3-d': (x) => argwhere(x!),
  'argwhere bool': (x) => x!.argwhere(),
  'argwhere 0-D': (x) => argwhere(x!),
  'uniqueConsecutive flattened': (x) => uniqueConsecutive(x!),
  'uniqueConsecutive inverse and counts': (x) => uniqueConsecutive(x!, { returnInverse: true, returnCounts: true }),
  'uniqueConsecutive counts int32': (x) => x!.uniqueConsecutive({ returnCounts: true }),
  'uniqueConsecutive dim 0': (x) => uniqueConsecutive(x!, { returnInverse: true, returnCounts: true, dim: 0 }),
  'uniqueConsecutive dim 1': (x) => uniqueConsecutive(x!, { returnInverse: true, returnCounts: true, dim: 1 }),
};
for (const reduction of ['sum', 'prod', 'mean', 'amax', 'amin'] as ScatterReduction[])
  for (const includeSelf of [true, false]) {
    const label = `scatterReduce ${reduction} includeSelf ${includeSelf}`;
    operations[label] = (x, i, s) => scatterReduce(x!, 0, i!, s!, reduction, { includeSelf });
    operations[`${label} dim 1 window`] = (x, i, s) => x!.scatterReduce(1, i!, s!, reduction, { includeSelf });
  }
for (const interpolation of ['linear', 'lower', 'higher', 'midpoint', 'nearest'] as QuantileInterpolation[]) {
  operations[`quantile ${interpolation} dim 1`] = (x, q) => quantile(x!, q!, { dim: 1, interpolation });
  operations[`nanquantile ${interpolation} dim 0 with NaN`] = (x, q) => nanquantile(x!, q!, 0, { interpolation });
}
for (const [rows, columns, offset] of [
  [3, 3, 0],
  [4, 3, 1],
  [3, 5, -1],
  [0, 3, 0],
  [3, 4, -5],
  [2, 3, 10],
] as const) {
  operations[`triuIndices ${rows} ${columns} ${offset}`] = () =>
    offset === 0 ? triuIndices(rows, columns) : triuIndices(rows, columns, offset);
  operations[`trilIndices ${rows} ${columns} ${offset}`] = () => trilIndices(rows, columns, { offset });
}

describe('indexing, rearranging and reduction ops against torch', () => {
  it('covers every fixture case', () => {
    expect(cases.map((entry) => entry.name).sort()).toEqual(Object.keys(operations).sort());
  });

  it.each(cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const inputs = entry.inputs.map((fixture) =>
      tensor(numbers(fixture), { shape: fixture.shape, dtype: fixture.dtype, requiresGrad: fixture.grad }),
    );
    const result = operations[name]!(...inputs);
    const outputs = Array.isArray(result) ? [...(result as Tensor[])] : [result as Tensor];
    expect(outputs.length).toBe(entry.outputs.length);
    outputs.forEach((output, index) =>
      expectValues(output, entry.outputs[index]!, entry.outputs[index]!.dtype, `${name} output ${index}`, tolerances),
    );
    if (!entry.gradients) return;
    const floating = outputs.filter((output) => output.dtype === 'float64' || output.dtype === 'float32');
    const total = floating
      .map((output, index) => output.mul(tensor(numbers(entry.upstream![index]!), { shape: output.shape, dtype: output.dtype })).sum())
      .reduce((sum, term) => sum.add(term));
    total.backward();
    entry.gradients.forEach((gradient, index) => {
      if (!gradient) return;
      const input = inputs[index]!;
      expect(input.grad, `${name} gradient ${index}`).toBeDefined();
      expectValues(input.grad!, gradient, input.dtype as DType, `${name} gradient ${index}`, tolerances);
    });
  });
});

describe('indexing, rearranging and reduction ops', () => {
  const matrix = (rows = 3, columns = 4, shift = 0) =>
    tensor(
      Array.from({ length: rows * columns }, (_, i) => Math.sin(1.7 * i + shift) * 2 + 0.1 * i),
      { shape: [rows, columns], dtype: 'float64', requiresGrad: true },
    );
  const int32 = (values: number[], shape?: number[]) => tensor(values, { dtype: 'int32', shape: shape ?? [values.length] });

  it('pass gradcheck in float64', () => {
    const x = matrix();
    const rows = matrix(2, 4, 1);
    const index = int32([0, 2, 0, 1, 2, 2, 1, 0], [2, 4]);
    expect(gradcheck((a, s) => indexAdd(a!, 0, int32([2, 0]), s!, { alpha: 0.5 }), [x, rows])).toBe(true);
    expect(gradcheck((a, s) => indexCopy(a!, 0, int32([2, 0]), s!), [x, rows])).toBe(true);
    const value = tensor(0.3, { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((a, v) => indexFill(a!, 1, int32([3, 0]), v!), [x, value])).toBe(true);
    for (const reduction of ['sum', 'prod', 'mean', 'amax', 'amin'] as ScatterReduction[])
      for (const includeSelf of [true, false])
        expect(
          gradcheck((a, s) => scatterReduce(a!, 0, index, s!, reduction, { includeSelf }), [x, rows]),
          `scatterReduce ${reduction} ${includeSelf}`,
        ).toBe(true);
    expect(gradcheck((a) => takeAlongDim(a!, int32([3, 0, 1, 1, 2, 0], [3, 2]), 1), [x])).toBe(true);
    const mask = tensor([true, false, true, true, false, false, true, false, true, true, false, true]).reshape([3, 4]);
    const source = matrix(2, 5, 2);
    expect(gradcheck((a, s) => maskedScatter(a!, mask, s!), [x, source])).toBe(true);
    expect(gradcheck((a, s) => diff(a!, { n: 2, dim: 1, prepend: s!.narrow(1, 0, 1).narrow(0, 0, 1).expand([3, 1]) }), [x, rows])).toBe(
      true,
    );
    const vectors = matrix(4, 3, 3);
    expect(gradcheck((a, b) => cross(a!, b!, 1), [vectors, matrix(4, 3, 4)])).toBe(true);
    for (const p of [2, 1, 3, Number.POSITIVE_INFINITY])
      expect(
        gradcheck((a) => renorm(a!, p, 0, 1.2), [x]),
        `renorm p ${p}`,
      ).toBe(true);
    expect(gradcheck((a) => rot90(a!, 3), [x])).toBe(true);
    expect(gradcheck((a) => msort(a!), [x])).toBe(true);
    expect(gradcheck((a) => varMean(a!, 1, { correction: 0 }) as unknown as Tensor[], [x])).toBe(true);
    expect(gradcheck((a) => stdMean(a!, 0) as unknown as Tensor[], [x])).toBe(true);
    const levels = tensor([0.1, 0.5, 0.77], { dtype: 'float64' });
    expect(gradcheck((a) => quantile(a!, levels, 1), [x])).toBe(true);
    expect(gradcheck((a) => nanquantile(a!, 0.35, { dim: 0, interpolation: 'midpoint' }), [x])).toBe(true);
    expect(gradcheck((a) => combinations(a!.reshape([-1]).narrow(0, 0, 5), 3), [x])).toBe(true);
    // distinct values: every count is 1 and the mode is the smallest, which a small step does not change
    expect(gradcheck((a) => mode(a!, 1).values, [x])).toBe(true);
  });

  it('has in-place forms that match and differentiate through a clone', () => {
    const x = matrix();
    const source = matrix(2, 4, 1);
    const index = int32([2, 0]);
    const expected = indexAdd(x, 0, index, source, { alpha: 2 });
    const target = x.clone();
    expect(target.indexAdd_(0, index, source, { alpha: 2 })).toBe(target);
    expect(Array.from(target.dataSync())).toEqual(Array.from(expected.dataSync()));
    target.sum().backward();
    expect(Array.from(source.grad!.dataSync())).toEqual(new Array(8).fill(2));
    const plain = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(
      Array.from(
        plain
          .clone()
          .indexCopy_(1, int32([1]), tensor([[9], [8]]))
          .dataSync(),
      ),
    ).toEqual([1, 9, 3, 8]);
    expect(
      Array.from(
        plain
          .clone()
          .indexFill_(0, int32([0]), -1)
          .dataSync(),
      ),
    ).toEqual([-1, -1, 3, 4]);
    expect(
      Array.from(
        plain
          .clone()
          .scatterReduce_(0, int32([1, 1], [1, 2]), tensor([[5, 1]]), 'amax')
          .dataSync(),
      ),
    ).toEqual([1, 2, 5, 4]);
    expect(
      Array.from(
        plain
          .clone()
          .maskedScatter_(
            tensor([
              [false, true],
              [true, false],
            ]),
            tensor([7, 6]),
          )
          .dataSync(),
      ),
    ).toEqual([1, 7, 6, 4]);
    expect(
      Array.from(
        tensor([
          [3, 4],
          [0.3, 0.4],
        ])
          .renorm_(2, 0, 1)
          .dataSync(),
      ).map((v) => Math.round(v * 1e6) / 1e6),
    ).toEqual([0.6, 0.8, 0.3, 0.4]);
    expect(() => x.indexFill_(0, index, 1)).toThrow(
      'indexFill_: a leaf Variable that requires grad is being used in an in-place operation',
    );
  });

  it('read values on the CPU and have async forms for other devices', async () => {
    const x = tensor([
      [0, 1, 1],
      [1, 0, 2],
    ]);
    expect(Array.from((await argwhereAsync(x)).dataSync())).toEqual(Array.from(argwhere(x).dataSync()));
    const [values, inverse, counts] = (await uniqueConsecutiveAsync(x, { returnInverse: true, returnCounts: true })) as Tensor[];
    expect(Array.from(values!.dataSync())).toEqual([0, 1, 0, 2]);
    expect([...inverse!.shape]).toEqual([2, 3]);
    expect(Array.from(counts!.dataSync())).toEqual([1, 3, 1, 1]);
    expect(Array.from(triuIndices(2, 2, { device: 'cpu' }).dataSync())).toEqual([0, 0, 1, 0, 1, 1]);
  });

  it('release their intermediates', () => {
    const x = matrix().detach();
    const index = int32([0, 2, 0, 1, 2, 2, 1, 0], [2, 4]);
    const source = matrix(2, 4, 1).detach();
    for (const reduction of ['sum', 'prod', 'mean', 'amax', 'amin'] as ScatterReduction[])
      expect(
        leftBehind(() => scatterReduce(x, 0, index, source, reduction), [x, index, source]),
        reduction,
      ).toEqual({ handles: 0, bytes: 0 });
    expect(leftBehind(() => quantile(x, 0.4, 1), [x])).toEqual({ handles: 0, bytes: 0 });
    expect(leftBehind(() => mode(x, 1), [x])).toEqual({ handles: 0, bytes: 0 });
    expect(leftBehind(() => renorm(x, 2, 0, 1), [x])).toEqual({ handles: 0, bytes: 0 });
    const mask = x.gt(0);
    expect(leftBehind(() => maskedScatter(x, mask, source), [x, mask, source])).toEqual({ handles: 0, bytes: 0 });
  });

  it('names bad arguments', () => {
    const x = tensor([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10, 11, 12],
    ]);
    const rows = tensor([[1, 1, 1, 1]]);
    expect(() => indexAdd(x, 0, int32([5]), rows)).toThrow('indexAdd: index 5 is out of bounds for dim 0 with size 3');
    expect(() => indexAdd(x, 0, int32([-1]), rows)).toThrow('indexAdd: index -1 is out of bounds');
    expect(() => indexAdd(x, 0, int32([0, 1]), rows)).toThrow('indexAdd: source [1, 4] must have the shape of the input [3, 4]');
    expect(() => indexAdd(x, 0, tensor([0]), rows)).toThrow('indexAdd: index must be an int32 tensor, got float32');
    expect(() => indexAdd(x, 0, int32([0], [1, 1]), rows)).toThrow('indexAdd: index must be 0-D or 1-D, got [1, 1]');
    expect(() => indexAdd(x, 0, int32([0]), rows.double())).toThrow(
      'indexAdd: self (float32) and source (float64) must have the same dtype',
    );
    expect(() => indexAdd(x, 2, int32([0]), rows)).toThrow('indexAdd: dim 2 is out of range for a tensor of rank 2');
    expect(() => indexAdd(x, 0, int32([0]), rows, { scale: 2 } as never)).toThrow('indexAdd: unknown option `scale`');
    expect(() => indexCopy(x, 1, int32([4]), tensor([[1], [2], [3]]))).toThrow('indexCopy: index 4 is out of bounds for dim 1 with size 4');
    expect(() => indexFill(x, 0, int32([0]), tensor([1, 2]))).toThrow('indexFill: only a 0-dimensional value tensor is supported, got [2]');
    const index = int32([0, 1], [1, 2]);
    expect(() => scatterReduce(x, 0, index, x, 'max' as never)).toThrow(
      "scatterReduce: invalid reduce 'max'; expected one of 'sum', 'prod', 'mean', 'amax', 'amin'",
    );
    expect(() => scatterReduce(x, 0, int32([0, 3], [1, 2]), x, 'sum')).toThrow(
      'scatterReduce: index 3 is out of bounds for dim 0 with size 3',
    );
    expect(() => scatterReduce(x, 0, index, x.double(), 'sum')).toThrow(
      'scatterReduce: self (float32) and source (float64) must have the same dtype',
    );
    expect(() => scatterReduce(x, 0, index, tensor([[1]]), 'sum')).toThrow(
      'scatterReduce: expected index [1, 2] to be no larger than self [3, 4]',
    );
    expect(() => scatterReduce(x, 0, index, x, 'sum', { include_self: false } as never)).toThrow(
      'scatterReduce: unknown option `include_self`',
    );
    expect(() => takeAlongDim(x, int32([0, 4], [1, 2]), 1)).toThrow('takeAlongDim: index 4 is out of bounds for dim 1 with size 4');
    expect(() => takeAlongDim(x, int32([0, 1]), 1)).toThrow(
      'takeAlongDim: input [3, 4] and indices [2] must have the same number of dimensions',
    );
    expect(() => takeAlongDim(x, tensor([[0]]), 1)).toThrow('takeAlongDim: indices must be an int32 tensor, got float32');
    expect(() => takeAlongDim(x, int32([0, 0], [2, 1]), 1)).toThrow('takeAlongDim');
    expect(() => maskedScatter(x, x.gt(5), tensor([1, 2]))).toThrow(
      'maskedScatter: source has 2 elements, fewer than the 7 true values of the mask',
    );
    expect(() => maskedScatter(x, x, x)).toThrow('maskedScatter: mask must be a bool tensor, got float32 [3, 4]');
    expect(() => maskedScatter(x, x.gt(5), x.double())).toThrow(
      'maskedScatter: self (float32) and source (float64) must have the same dtype',
    );
    expect(() => diff(tensor(3))).toThrow('diff: expects input to be at least one-dimensional');
    expect(() => diff(x, -1)).toThrow('diff: n must be an integer ≥ 0, got -1');
    expect(() => diff(x, { dim: 0, prepend: tensor([1, 2, 3]) })).toThrow(
      'diff: prepend or append [3] must have as many dims as the input [3, 4]',
    );
    expect(() => diff(x, { dim: 0, prepend: tensor([[1, 2, 3]]) })).toThrow(
      'diff: prepend or append [1, 3] must match the input [3, 4] except along dim 0',
    );
    expect(() => diff(x, { order: 2 } as never)).toThrow('diff: unknown option `order`');
    expect(() => cross(tensor([[1, 2]]), tensor([[1, 2]]))).toThrow('cross: no dimension of size 3 in the input [1, 2]');
    expect(() => cross(x, x, 1)).toThrow('cross: dim 1 must have size 3 in both inputs, got [3, 4] and [3, 4]');
    expect(() => cross(tensor([[1, 2, 3]]), tensor([1, 2, 3]))).toThrow(
      'cross: a [1, 3] and b [3] must have the same number of dimensions',
    );
    expect(() => cross(tensor([1, 2, 3]), tensor([1, 2, 3]).double())).toThrow(
      'cross: a (float32) and b (float64) must have the same dtype',
    );
    expect(() => renorm(tensor([1, 2]), 2, 0, 1)).toThrow('renorm: input needs at least 2 dimensions, got [2]');
    expect(() => renorm(x, 0, 0, 1)).toThrow('renorm: p must be positive, got 0');
    expect(() => renorm(x, 2, 0, -1)).toThrow('renorm: maxnorm must be ≥ 0, got -1');
    expect(() => rot90(tensor([1, 2]))).toThrow('rot90: expects at least 2 dims, got [2]');
    expect(() => rot90(x, 1, [0])).toThrow('rot90: expects two rotation dims, got [0]');
    expect(() => rot90(x, 1, [0, -2])).toThrow('rot90: the rotation dims must be different, got [0, -2]');
    expect(() => rot90(x, 1.5)).toThrow('rot90: k must be an integer, got 1.5');
    expect(() => rot90(x, { turns: 1 } as never)).toThrow('rot90: unknown option `turns`');
    expect(() => aminmax(x, { dim: 2 })).toThrow('aminmax: dim 2 is out of range for a tensor of rank 2');
    expect(() => aminmax(tensor([]))).toThrow('aminmax: the input is empty');
    expect(() => aminmax(x, { axis: 0 } as never)).toThrow('aminmax: unknown option `axis`');
    expect(() => countNonzero(x, [0, 0])).toThrow('countNonzero: dim [0,0] repeats an axis');
    expect(() => varMean(x, 0, { bias: true } as never)).toThrow('var: unknown option `bias`');
    expect(() => quantile(x, 1.5)).toThrow('quantile: q must be in the range [0, 1], got 1.5');
    expect(() => quantile(x, tensor([0.5, -0.1]))).toThrow('quantile: q must be in the range [0, 1], got -0.1');
    expect(() => quantile(x, tensor([0.5], { dtype: 'float64' }))).toThrow("quantile: q (float64) must have the input's dtype (float32)");
    expect(() => quantile(x, tensor([[0.5]]))).toThrow('quantile: q must be a number, a 0-D or a 1-D tensor, got [1, 1]');
    expect(() => quantile(int32([1, 2]), 0.5)).toThrow('quantile: expects a floating-point input, got int32');
    expect(() => nanquantile(tensor([]), 0.5)).toThrow('nanquantile: the input [0] is empty');
    expect(() => quantile(x, 0.5, { interpolation: 'cubic' as never })).toThrow("quantile: invalid interpolation 'cubic'");
    expect(() => quantile(x, 0.5, { dims: 0 } as never)).toThrow('quantile: unknown option `dims`');
    expect(() => mode(x, 2)).toThrow('mode: dim 2 is out of range for a tensor of rank 2');
    expect(() => mode(tensor([[], []]), 1)).toThrow('mode: dim 1 is empty, which has no mode');
    expect(() => mode(x, { dims: 0 } as never)).toThrow('mode: unknown option `dims`');
    expect(() => triuIndices(-1, 3)).toThrow('triuIndices: row must be an integer ≥ 0, got -1');
    expect(() => trilIndices(3, 3, { dtype: 'float32' as never })).toThrow("trilIndices: dtype must be 'int32'");
    expect(() => trilIndices(3, 3, { size: 3 } as never)).toThrow('trilIndices: unknown option `size`');
    expect(() => combinations(x)).toThrow('combinations: expects a 1-D tensor, got [3, 4]');
    expect(() => combinations(tensor([1, 2]), -1)).toThrow('combinations: r must be an integer ≥ 0, got -1');
    expect(() => combinations(tensor([1, 2]), { replacement: true } as never)).toThrow('combinations: unknown option `replacement`');
    expect(() => uniqueConsecutive(x, { dim: 3 })).toThrow('uniqueConsecutive: dim 3 is out of range for a tensor of rank 2');
    expect(() => uniqueConsecutive(x, { sorted: true } as never)).toThrow('uniqueConsecutive: unknown option `sorted`');
  });

  it('the maximum, minimum and median of tied values keep their exact value under a graph (a mean of the ties gave 0.10000000000000002)', () => {
    const ties = tensor([0.1, 0.1, 0.1, -1], { dtype: 'float64' }).requiresGrad_();
    expect(ties.amax().itemSync()).toBe(0.1);
    expect(ties.max().itemSync()).toBe(0.1);
    expect(ties.neg().amin().itemSync()).toBe(-0.1);
    expect(tensor([0.7, 0.7, 0.7, 0.2], { dtype: 'float64' }).requiresGrad_().median().itemSync()).toBe(0.7);
  });

  it('reductions without an identity name the op called on a zero-size dim (they named max, argmin…)', () => {
    const empty = zeros([2, 0]);
    expect(() => empty.amax(1)).toThrow('amax: cannot reduce over a zero-size dimension of a tensor of shape [2, 0]');
    expect(() => empty.amin()).toThrow('amin: cannot reduce');
    expect(() => empty.max()).toThrow('max: cannot reduce');
    expect(() => empty.min(1)).toThrow('min: cannot reduce');
    expect(() => empty.argmax(1)).toThrow('argmax: cannot reduce');
  });
});
