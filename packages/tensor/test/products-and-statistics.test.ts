import { describe, expect, it } from 'vitest';
import { blockDiag, corrcoef, cov, diagEmbed, histc, kron, tensor, tensordot, vander, zeros, type Tensor } from '../src/index.js';
import { gradcheck, gradgradcheck } from '../src/testing/index.js';
import {
  type DType,
  expectTorchOperation,
  expectValues,
  type FixtureTensor,
  readTorchFixture,
  type TensorOperationCase,
} from './helpers/torch-fixtures.js';

// tensordot, kron, diagEmbed, blockDiag, cov, corrcoef, vander and histc against torch 1.13
// (tools/fixtures/tensor_products_statistics_reference.py): values, and the gradient of Σ output·r with
// respect to each floating input, in float64 (to 1e-10) and float32 (to 1e-5).

const fixture = readTorchFixture<{ cases: TensorOperationCase[]; emptyBlockDiag: FixtureTensor & { dtype: DType } }>(
  'torch-products-statistics-reference.json',
);
const tolerances = { float64: 1e-10, float32: 1e-5 };
const frequencies = tensor([1, 3, 0, 2, 1], { dtype: 'int32' });

const operations: Record<string, (...inputs: Tensor[]) => Tensor> = {
  'tensordot dims 2': (a, b) => tensordot(a!, b!),
  'tensordot dims 1': (a, b) => tensordot(a!, b!, 1),
  'tensordot lists': (a, b) =>
    tensordot(a!, b!, {
      dims: [
        [1, 0],
        [0, 2],
      ],
    }),
  'tensordot negative dims': (a, b) => tensordot(a!, b!, [[-1], [-2]]),
  'tensordot dims 0': (a, b) => tensordot(a!, b!, 0),
  'tensordot float32': (a, b) => tensordot(a!, b!, 1),
  'kron 2-d': (a, b) => kron(a!, b!),
  'kron ranks 1 and 2': (a, b) => kron(a!, b!),
  'kron 3-d and 2-d': (a, b) => kron(a!, b!),
  'kron int32': (a, b) => kron(a!, b!),
  'kron float32': (a, b) => kron(a!, b!),
  'diagEmbed default': (x) => diagEmbed(x!),
  'diagEmbed offset 1': (x) => diagEmbed(x!, 1),
  'diagEmbed offset -2 dims 0 2': (x) => diagEmbed(x!, { offset: -2, dim1: 0, dim2: 2 }),
  'diagEmbed dims 2 0': (x) => diagEmbed(x!, 0, 2, 0),
  'diagEmbed inf and NaN': (x) => diagEmbed(x!),
  'diagEmbed float32': (x) => diagEmbed(x!, -1),
  'blockDiag matrices': (...blocks) => blockDiag(...blocks),
  'blockDiag vector and scalar': (...blocks) => blockDiag(...blocks),
  'blockDiag int32 and float64': (...blocks) => blockDiag(...blocks),
  'blockDiag one block': (...blocks) => blockDiag(...blocks),
  'blockDiag empty block': (...blocks) => blockDiag(...blocks),
  'cov default': (x) => cov(x!),
  'cov correction 0': (x) => cov(x!, { correction: 0 }),
  'cov correction 2': (x) => cov(x!, { correction: 2 }),
  'cov 1-d': (x) => cov(x!),
  'cov fweights': (x) => cov(x!, { fweights: frequencies }),
  'cov aweights': (x, weights) => cov(x!, { aweights: weights! }),
  'cov both weights correction 0': (x, weights) => cov(x!, { correction: 0, fweights: frequencies, aweights: weights! }),
  'cov both weights': (x, weights) => cov(x!, { fweights: frequencies, aweights: weights! }),
  'cov int32': (x) => cov(x!),
  'cov one observation': (x) => cov(x!),
  'cov float32': (x) => cov(x!),
  corrcoef: (x) => corrcoef(x!),
  'corrcoef 1-d': (x) => corrcoef(x!),
  'corrcoef float32': (x) => corrcoef(x!),
  'vander default': (x) => vander(x!),
  'vander N 3': (x) => vander(x!, { N: 3 }),
  'vander N 5 increasing': (x) => vander(x!, { N: 5, increasing: true }),
  'vander int32': (x) => vander(x!, { N: 4 }),
  'vander N 0': (x) => vander(x!, { N: 0 }),
  'vander N 1': (x) => vander(x!, { N: 1 }),
  'vander float32': (x) => vander(x!, { N: 3 }),
  'histc data range': (x) => histc(x!, { bins: 5 }),
  'histc explicit range': (x) => histc(x!, { bins: 4, min: 0, max: 3 }),
  'histc one value': (x) => histc(x!, 4),
  'histc min equals max': (x) => histc(x!, 3, 1, 1),
  'histc 2-d default bins': (x) => histc(x!),
  'histc float32': (x) => histc(x!, 6, { min: -2, max: 2 }),
};

describe('tensordot, kron, diagEmbed, blockDiag, cov, corrcoef, vander and histc against torch', () => {
  it('covers every fixture case', () => {
    expect(fixture.cases.map((entry) => entry.name).sort()).toEqual(Object.keys(operations).sort());
  });

  it.each(fixture.cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) =>
    expectTorchOperation(entry, operations[name]!, tolerances),
  );

  it('blockDiag of nothing is torch’s [1, 0] matrix', () => {
    expectValues(blockDiag(), fixture.emptyBlockDiag, fixture.emptyBlockDiag.dtype, 'blockDiag()', tolerances);
  });
});

describe('tensordot, kron, diagEmbed, blockDiag, cov, corrcoef, vander', () => {
  const random = (shape: number[], seed: number) =>
    tensor(
      Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, index) => Math.sin(seed * 7.1 + index * 1.3) + 0.1 * index),
      { shape, dtype: 'float64', requiresGrad: true },
    );

  it('pass gradcheck in float64, and cov and corrcoef gradgradcheck', () => {
    const [a, b] = [random([2, 3], 1), random([3, 2], 2)];
    expect(
      gradcheck(
        (x, y) =>
          tensordot(x!, y!, [
            [1, 0],
            [0, 1],
          ]),
        [a, b],
      ),
    ).toBe(true);
    expect(gradcheck((x, y) => kron(x!, y!), [a, b])).toBe(true);
    expect(gradcheck((x) => diagEmbed(x!, { offset: -1, dim1: 0, dim2: 2 }), [a])).toBe(true);
    expect(gradcheck((x, y) => blockDiag(x!, y!), [a, b])).toBe(true);
    const weights = random([3], 3).detach().abs().add(0.1).requiresGrad_(true);
    expect(gradcheck((x, w) => cov(x!, { aweights: w! }), [a, weights])).toBe(true);
    expect(gradcheck((x) => corrcoef(x!), [random([3, 4], 4)])).toBe(true);
    expect(gradgradcheck((x) => cov(x!), [a])).toBe(true);
    expect(gradgradcheck((x) => corrcoef(x!), [random([2, 4], 5)])).toBe(true);
    expect(gradcheck((x) => vander(x!, { N: 4 }), [random([3], 6)])).toBe(true);
  });

  it('throw clear errors naming the operation and the offending value', () => {
    const a = zeros([2, 3]);
    expect(() => tensordot(a, zeros([4, 2]), 1)).toThrow(
      'tensordot: contracted dimensions need to match, but first has size 3 in dim 1 and second has size 4 in dim 0',
    );
    expect(() => tensordot(a, zeros([3]), [[1, 0], [0]])).toThrow(
      'tensordot: both dimension lists should have same length, got [1, 0] and [0]',
    );
    expect(() => tensordot(a, zeros([3]), -1)).toThrow('tensordot: expects dims >= 0, but got dims=-1');
    expect(() => tensordot(a, zeros([3]), 3)).toThrow(/tensordot: dims 3 is larger than the rank of \[2, 3\]/);
    expect(() => tensordot(a, zeros([3, 2]), [[5], [0]])).toThrow(/tensordot: dim 5 is out of range/);
    expect(() => tensordot(a, zeros([3]), { dim: 1 } as never)).toThrow(/tensordot: unknown option `dim`/);
    expect(() => tensordot(a.int(), zeros([3]).int(), 1)).toThrow('tensordot: expects floating-point tensors, got int32 and int32');
    expect(() => diagEmbed(a, { dim1: 1, dim2: -2 })).toThrow('diagEmbed: diagonal dimensions cannot be identical 1, -2');
    expect(() => diagEmbed(a, { dim1: 3 })).toThrow(/diagEmbed: dim 3 is out of range for a tensor of rank 3/);
    expect(() => diagEmbed(tensor(1))).toThrow('diagEmbed: expects a tensor of at least 1 dim, got a 0-d tensor');
    expect(() => diagEmbed(a, { offest: 1 } as never)).toThrow(/diagEmbed: unknown option `offest`/);
    expect(() => blockDiag(a, zeros([1, 2, 3]))).toThrow(
      'blockDiag: input tensors must have 2 or fewer dimensions. Input 1 has 3 dimensions',
    );
    expect(() => cov(zeros([2, 2, 2]))).toThrow(/cov: expected input to have two or fewer dimensions but got an input with 3 dimensions/);
    expect(() => cov(a, { fweights: tensor([1, 2, 3]) })).toThrow(
      /cov: expected fweights to have integral \(int32\) dtype but got fweights with float32 dtype/,
    );
    expect(() => cov(a, { fweights: tensor([1, 2], { dtype: 'int32' }) })).toThrow(
      'cov: expected fweights to have the same numel as there are observations in the input but got 2 != 3',
    );
    expect(() => cov(a, { aweights: tensor([1, -2, 3]) })).toThrow('cov: aweights cannot be negative');
    expect(() => cov(a, { aweights: zeros([3]) })).toThrow("cov: weights sum to zero, can't be normalized");
    expect(() => cov(a, { aweights: zeros([1, 3]) })).toThrow(/cov: expected aweights to have one or fewer dimensions/);
    expect(() => cov(a, { ddof: 0 } as never)).toThrow(/cov: unknown option `ddof`/);
    expect(() => corrcoef(zeros([1, 1, 2]))).toThrow(/corrcoef: expected input to have two or fewer dimensions/);
    expect(() => vander(a)).toThrow('vander: x must be a one-dimensional tensor, got [2, 3]');
    expect(() => vander(zeros([3]), { N: -1 })).toThrow('vander: N must be an integer ≥ 0, got -1');
    expect(() => vander(zeros([3]), { n: 2 } as never)).toThrow(/vander: unknown option `n`/);
  });

  it('histc refuses what torch refuses and records no gradient', () => {
    const x = tensor([0.5, 1.5], { dtype: 'float64', requiresGrad: true });
    expect(histc(x, 2).requiresGrad).toBe(false);
    expect(() => histc(x, 0)).toThrow('histc: bins must be an integer ≥ 1, got 0');
    expect(() => histc(x, { bins: 2, min: 3, max: 1 })).toThrow('histc: max must be larger than min, got min 3 and max 1');
    expect(() => histc(x, { bins: 2, min: 0, max: Infinity })).toThrow(/histc: max must be a finite number/);
    expect(() => histc(tensor([1, 2], { dtype: 'int32' }))).toThrow('histc: expects a floating-point input, got int32');
    expect(() => histc(x, { bin: 2 } as never)).toThrow(/histc: unknown option `bin`/);
    expect(Array.from(histc(zeros([0]), 3).dataSync())).toEqual([0, 0, 0]);
  });
});
