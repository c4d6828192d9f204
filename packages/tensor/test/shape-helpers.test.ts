import { describe, expect, it } from 'vitest';
import {
  atleast1d,
  atleast2d,
  atleast3d,
  broadcastTensors,
  columnStack,
  diagflat,
  diagonalScatter,
  dsplit,
  dstack,
  fliplr,
  flipud,
  hsplit,
  hstack,
  put,
  ravel,
  rowStack,
  selectScatter,
  sliceScatter,
  take,
  tensor,
  tensorSplit,
  vsplit,
  vstack,
  zeros,
  type Tensor,
} from '../src/index.js';
import { type DType, expectValues, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// The shape helpers against torch 1.13 (tools/fixtures/tensor_shape_helpers_reference.py): every
// output's shape, dtype and values, and the gradient of Σₖ Σ outputₖ·rₖ with respect to each float64
// input (to 1e-12); torch's rejected calls are rejected here too, with messages naming the operation.

type Described = FixtureTensor & { dtype: DType };
interface ShapeCase {
  name: string;
  inputs: (Described & { requiresGrad: boolean })[];
  outputs: Described[];
  upstreams?: FixtureTensor[];
  gradients?: FixtureTensor[];
}
interface Fixture {
  cases: ShapeCase[];
  newTensors: Record<string, Described & { requiresGrad: boolean }>;
  sizes: Record<DType, { elementSize: number; nelement: number; ndimension: number }>;
  errors: { name: string; torch: string }[];
}
const fixture = readTorchFixture<Fixture>('torch-shape-helpers-reference.json');
const tolerances = { float64: 1e-12, float32: 1e-6 };
const fromFixture = (input: Described & { requiresGrad?: boolean }): Tensor =>
  tensor(numbers(input), { shape: input.shape, dtype: input.dtype, requiresGrad: input.requiresGrad ?? false });

type Operation = (...inputs: Tensor[]) => Tensor | Tensor[];
const operations: Record<string, Operation> = {
  'hstack vectors': (...xs) => hstack(xs),
  'hstack scalar and vector': (...xs) => hstack(xs),
  'hstack matrices': (...xs) => hstack(xs),
  'hstack int32 and float64': (...xs) => hstack(xs),
  'vstack vectors': (...xs) => vstack(xs),
  'vstack matrix and vector': (...xs) => vstack(xs),
  'vstack scalars': (...xs) => vstack(xs),
  row_stack: (...xs) => rowStack(xs),
  'dstack vectors': (...xs) => dstack(xs),
  'dstack matrices': (...xs) => dstack(xs),
  'dstack 3-d and 2-d': (...xs) => dstack(xs),
  'column_stack vectors': (...xs) => columnStack(xs),
  'column_stack matrix, vector and scalar': (...xs) => columnStack(xs),
  'hstack float32': (...xs) => hstack(xs),
  'tensor_split 3 sections': (x) => tensorSplit(x!, 3),
  'tensor_split 3 sections dim 1': (x) => tensorSplit(x!, 3, 1),
  'tensor_split 7 sections': (x) => tensorSplit(x!, 7, { dim: 1 }),
  'tensor_split indices': (x) => x!.tensorSplit([1, 5, 2], 1),
  'tensor_split negative indices': (x) => tensorSplit(x!, [-1, 1], 1),
  'tensor_split index tensor': (x, indices) => tensorSplit(x!, indices!, 0),
  'tensor_split sections tensor': (x, sections) => tensorSplit(x!, sections!, -1),
  'hsplit sections': (x) => hsplit(x!, 2),
  'hsplit vector': (x) => x!.hsplit([1, 3]),
  'vsplit indices': (x) => vsplit(x!, [1]),
  'dsplit sections': (x) => x!.dsplit(2),
  'dsplit indices': (x) => dsplit(x!, [3]),
  'atleast_1d scalar': (x) => atleast1d(x!),
  'atleast_1d list': (...xs) => atleast1d(xs),
  'atleast_2d scalar': (x) => atleast2d(x!),
  'atleast_2d vector': (x) => atleast2d(x!),
  'atleast_2d list': (...xs) => atleast2d(xs),
  'atleast_3d scalar': (x) => atleast3d(x!),
  'atleast_3d vector': (x) => atleast3d(x!),
  'atleast_3d matrix': (x) => atleast3d(x!),
  'atleast_3d list': (...xs) => atleast3d(xs),
  broadcast_tensors: (...xs) => broadcastTensors(...xs),
  'broadcast_tensors same shape': (...xs) => broadcastTensors(...xs),
  fliplr: (x) => fliplr(x!),
  'fliplr 3-d': (x) => x!.fliplr(),
  flipud: (x) => flipud(x!),
  'flipud vector': (x) => x!.flipud(),
  ravel: (x) => ravel(x!),
  'ravel transposed': (x) => x!.t().ravel(),
  take: (x, index) => take(x!, index!),
  'take scalar': (x, index) => x!.take(index!),
  'take int32': (x, index) => take(x!, index!),
  put: (x, index, source) => put(x!, index!, source!),
  'put accumulate': (x, index, source) => put(x!, index!, source!, { accumulate: true }),
  'Tensor.put 2-d source': (x, index, source) => x!.put(index!, source!),
  'diagflat vector': (x) => diagflat(x!),
  'diagflat matrix offset 1': (x) => x!.diagflat(1),
  'diagflat offset -2': (x) => diagflat(x!, { offset: -2 }),
  'diagflat scalar': (x) => diagflat(x!),
  'diagflat int32': (x) => diagflat(x!),
  'slice_scatter default': (x, src) => sliceScatter(x!, src!),
  'slice_scatter dim 1 start end': (x, src) => sliceScatter(x!, src!, 1, 1, 3),
  'slice_scatter step 2': (x, src) => x!.sliceScatter(src!, { dim: 1, step: 2 }),
  'slice_scatter negative start': (x, src) => sliceScatter(x!, src!, 0, -1),
  'slice_scatter end past the end': (x, src) => sliceScatter(x!, src!, 2, 1, 10, 2),
  'slice_scatter float32 source': (x, src) => sliceScatter(x!, src!, 0, 0, 1),
  select_scatter: (x, src) => selectScatter(x!, src!, 0, 1),
  'select_scatter negative': (x, src) => x!.selectScatter(src!, -1, -1),
  diagonal_scatter: (x, src) => diagonalScatter(x!, src!),
  'diagonal_scatter offset 1': (x, src) => x!.diagonalScatter(src!, 1),
  'diagonal_scatter offset -1': (x, src) => diagonalScatter(x!, src!, -1),
  'diagonal_scatter dims 2 1': (x, src) => diagonalScatter(x!, src!, 1, 2, 1),
  'diagonal_scatter dims 0 2': (x, src) => diagonalScatter(x!, src!, { offset: 0, dim1: 0, dim2: -1 }),
  'diagonal_scatter empty diagonal': (x, src) => diagonalScatter(x!, src!, 4),
  reshape_as: (x, other) => x!.reshapeAs(other!),
  view_as: (x, other) => x!.viewAs(other!),
  type_as: (x, other) => x!.typeAs(other!),
  'type_as float32': (x, other) => x!.typeAs(other!),
  unfold: (x) => x!.unfold(1, 2, 1),
  'unfold step 2': (x) => x!.unfold(0, 2, 2),
  'unfold step past the end': (x) => x!.unfold(0, 2, 5),
  'unfold size 0': (x) => x!.unfold(1, 0, 1),
  'unfold 3-d': (x) => x!.unfold(-2, 3, 1),
  'unfold scalar': (x) => x!.unfold(0, 1, 2),
  mT: (x) => x!.mT,
  mH: (x) => x!.mH,
  H: (x) => x!.H,
  'H scalar': (x) => x!.H,
  sum_to_size: (x) => x!.sumToSize(1, 4),
  'sum_to_size leading': (x) => x!.sumToSize(3, 1),
  'sum_to_size list': (x) => x!.sumToSize([4]),
  'sum_to_size same': (x) => x!.sumToSize(3, 4),
  swapdims: (x) => x!.swapdims(0, 2),
  moveaxis: (x) => x!.moveaxis(0, -1),
};

describe('shape helpers against torch', () => {
  it('cover every fixture case', () => {
    expect(fixture.cases.map((entry) => entry.name).sort()).toEqual(Object.keys(operations).sort());
  });

  it.each(fixture.cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const inputs = entry.inputs.map(fromFixture);
    const result = operations[name]!(...inputs);
    const outputs = Array.isArray(result) ? result : [result];
    expect(outputs.length, `${name}: number of outputs`).toBe(entry.outputs.length);
    outputs.forEach((output, index) =>
      expectValues(output, entry.outputs[index]!, entry.outputs[index]!.dtype, `${name} output ${index}`, tolerances),
    );
    if (!entry.gradients) {
      expect(
        outputs.some((output) => output.requiresGrad),
        `${name}: no gradient`,
      ).toBe(false);
      return;
    }
    outputs
      .map((output, index) =>
        output
          .mul(tensor(numbers(entry.upstreams![index]!), { shape: output.shape, dtype: output.dtype }))
          .sum()
          .to('float64'),
      )
      .reduce((total, term) => total.add(term))
      .backward();
    inputs
      .filter((input) => input.requiresGrad)
      .forEach((input, index) =>
        // an input the outputs do not depend on (reshapeAs's `other`) has no gradient: torch's is zeros
        expectValues(
          input.grad ?? zeros(input.shape, { dtype: input.dtype }),
          entry.gradients![index]!,
          input.dtype as DType,
          `${name} gradient ${index}`,
          tolerances,
        ),
      );
  });

  it('new tensors take the dtype and device of `this` unless told otherwise', () => {
    const like = zeros([2, 2], { dtype: 'float64' });
    const made: Record<string, Tensor> = {
      new_zeros: like.newZeros(2, 3),
      'new_zeros float32': like.newZeros([2], { dtype: 'float32' }),
      new_ones: like.newOnes(3),
      'new_ones int32': like.newOnes([1, 2], { dtype: 'int32' }),
      new_full: like.newFull([2, 2], 2.5),
      'new_full int32': like.newFull([3], 7, { dtype: 'int32' }),
      new_empty: like.newEmpty([2, 0]),
      new_tensor: like.newTensor([
        [1, 2],
        [3, 4],
      ]),
      'new_tensor bool': like.newTensor([1, 0, 2], { dtype: 'bool' }),
    };
    expect(Object.keys(made).sort()).toEqual(Object.keys(fixture.newTensors).sort());
    for (const [name, value] of Object.entries(made)) {
      const expected = fixture.newTensors[name]!;
      expectValues(value, expected, expected.dtype, name, tolerances);
      expect(value.requiresGrad, `${name}: requiresGrad`).toBe(expected.requiresGrad);
      expect(value.device).toBe('cpu');
    }
    expect(like.newZeros([1], { requiresGrad: true }).requiresGrad).toBe(true);
  });

  it('elementSize, nelement and ndimension are torch’s', () => {
    const examples: Record<string, Tensor> = {
      float64: zeros([2, 3], { dtype: 'float64' }),
      float32: zeros([4]),
      int32: zeros([2, 2, 2], { dtype: 'int32' }),
      bool: tensor(true),
    };
    for (const [dtype, example] of Object.entries(examples))
      expect({ elementSize: example.elementSize(), nelement: example.nelement(), ndimension: example.ndimension() }, dtype).toEqual(
        fixture.sizes[dtype as DType],
      );
  });
});
