import { describe, expect, it } from 'vitest';
import { arange, diagEmbed, fillDiagonal, hstack, narrowCopy, noGrad, ones, pad, randn, tensor, type Tensor, zeros } from '../src/index.js';
import { gradcheck, gradgradcheck } from '../src/testing/index.js';
import { expectValues, type FixtureTensor, readTorchFixture } from './helpers/torch-fixtures.js';

// Which ops share their input's storage is part of torch's contract that code relies on: a write into
// a view reaches the base (x.diagonal().add_(λ)), and a copy stays put when its source changes later
// (b = a.flip(0); a.mul_(0)). tools/fixtures/tensor_view_semantics_reference.py records torch 1.13's
// answers; each probe here is the same op in @dl's spelling.

interface Fixture {
  views: Record<string, boolean>;
  in_place_on_expanded: Record<string, 'ok' | 'error'>;
  writes_through: Record<string, FixtureTensor>;
  fill_diagonal: { shape: number[]; value: number; wrap: boolean; output: FixtureTensor }[];
  unfold_gradient: { input: FixtureTensor; dim: number; size: number; step: number; output: FixtureTensor; gradient: FixtureTensor }[];
}

const fixture = readTorchFixture<Fixture>('torch-view-semantics-reference.json');
const exact = { float64: 0, float32: 0 };

const viewProbes: Record<string, (x: Tensor) => Tensor | Tensor[]> = {
  flip: (x) => x.flip(0),
  fliplr: (x) => x.fliplr(),
  flipud: (x) => x.flipud(),
  rot90: (x) => x.rot90(1, [1, 2]),
  rot90Twice: (x) => x.rot90(2, [1, 2]),
  roll: (x) => x.roll(1, 0),
  diagonal: (x) => x.diagonal(0, 1, 2),
  diagonalOffset: (x) => x.diagonal(1, 2, 1),
  unfold: (x) => x.unfold(2, 2, 1),
  split: (x) => x.split(1, 0),
  chunk: (x) => x.chunk(2, 0),
  unbind: (x) => x.unbind(0),
  tensorSplit: (x) => x.tensorSplit(2, 2),
  movedim: (x) => x.movedim(0, 2),
  swapaxes: (x) => x.swapaxes(0, 1),
  narrow: (x) => x.narrow(2, 1, 2),
  narrowCopy: (x) => narrowCopy(x, 2, 1, 2),
  select: (x) => x.select(1, 0),
  flatten: (x) => x.flatten(),
  expand: (x) => x.slice(0, 0, 1).expand(3, 3, 4),
  detach: (x) => x.detach(),
  reshape: (x) => x.reshape(6, 4),
  contiguous: (x) => x.contiguous(),
  clone: (x) => x.clone(),
  tile: (x) => x.tile([1]),
  repeat: (x) => x.repeat(1, 1, 1),
  repeatTwice: (x) => x.repeat(1, 2, 1),
  padConstantNothing: (x) => pad(x, [0, 0]),
  padConstantCrop: (x) => pad(x, [-1, 0]),
  diagEmbed: (x) => diagEmbed(x),
  hstack: (x) => hstack([x]),
};

/** Whether a write into x after `probe` shows in every tensor it returned (torch's is_view test above). */
function sharesWrites(probe: (x: Tensor) => Tensor | Tensor[]): boolean {
  const x = arange(0, 24, 1, { dtype: 'float32' }).reshape(2, 3, 4);
  const results = [probe(x)].flat();
  const before = results.map((result) => Array.from(result.dataSync()));
  x.add_(100);
  return results.every((result, index) => Array.from(result.dataSync()).some((value, at) => value !== before[index]![at]));
}

const inPlaceProbes: Record<string, (z: Tensor) => unknown> = {
  add_: (z) => z.add_(1),
  sub_: (z) => z.sub_(1),
  mul_: (z) => z.mul_(2),
  div_: (z) => z.div_(2),
  copy_: (z) => z.copy_(ones([2, 3])),
  clamp_: (z) => z.clamp_(0, 1),
  pow_: (z) => z.pow_(2),
  uniform_: (z) => z.uniform_(),
  normal_: (z) => z.normal_(),
  indexAdd_: (z) => z.indexAdd_(1, tensor([0], { dtype: 'int32' }), ones([2, 1])),
  scatter_: (z) => z.scatter_(1, zeros([2, 1], { dtype: 'int32' }), ones([2, 1])),
  fill_: (z) => z.fill_(1),
  zero_: (z) => z.zero_(),
  maskedFill_: (z) => z.maskedFill_(ones([2, 3], { dtype: 'bool' }), 1),
  indexFill_: (z) => z.indexFill_(1, tensor([0], { dtype: 'int32' }), 1),
  indexPut_: (z) => z.indexPut_([tensor([0], { dtype: 'int32' }), tensor([0], { dtype: 'int32' })], tensor(1)),
  fillDiagonal_: (z) => z.fillDiagonal_(1),
};

// torch lets these four through with a deprecation warning; here they refuse (see checkWritable)
const refusedWhereTorchWarns = new Set(['maskedFill_', 'indexFill_', 'indexPut_', 'fillDiagonal_']);

describe('views and copies as torch', () => {
  it('every probed op shares its input’s storage exactly where torch’s does', () => {
    expect(Object.keys(viewProbes).sort()).toEqual(Object.keys(fixture.views).sort());
    const got = Object.fromEntries(Object.entries(viewProbes).map(([name, probe]) => [name, sharesWrites(probe)]));
    expect(got).toEqual(fixture.views);
  });

  it('writes into a diagonal or an unfold view reach the base', () => {
    const results: Record<string, Tensor> = {};
    let x = arange(0, 24, 1, { dtype: 'float32' }).reshape(2, 3, 4);
    x.diagonal(1, 1, 2).add_(100);
    results['diagonal(1, 1, 2).add_(100)'] = x;
    x = arange(0, 12, 1, { dtype: 'float32' }).reshape(3, 4);
    x.t().diagonal(-1).mul_(-1);
    results['t().diagonal(-1).mul_(-1)'] = x;
    x = arange(0, 10, 1, { dtype: 'float32' });
    x.unfold(0, 2, 3).add_(100);
    results['unfold(0, 2, 3).add_(100)'] = x;
    for (const [label, expected] of Object.entries(fixture.writes_through))
      expectValues(results[label]!, expected, 'float32', label, exact);
  });

  it('a copy stays put when its source changes afterwards, gradients still flowing (flip, repeat)', () => {
    const leaf = tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
    const source = leaf.mul(1);
    const flipped = source.flip(0);
    const repeated = source.repeat(1);
    noGrad(() => source.mul_(0));
    expect(Array.from(flipped.dataSync())).toEqual([3, 2, 1]);
    expect(Array.from(repeated.dataSync())).toEqual([1, 2, 3]);
    flipped
      .mul(tensor([1, 10, 100], { dtype: 'float64' }))
      .sum()
      .add(repeated.sum())
      .backward();
    expect(Array.from(leaf.grad!.dataSync())).toEqual([101, 11, 2]);
  });
});

describe('in-place ops on an expanded tensor', () => {
  it('refuse as torch’s where one memory location is several elements; fill_ and zero_ write through', () => {
    expect(Object.keys(inPlaceProbes).sort()).toEqual(Object.keys(fixture.in_place_on_expanded).sort());
    for (const [name, probe] of Object.entries(inPlaceProbes)) {
      const base = zeros([1, 3]);
      const attempt = () => probe(base.expand(2, 3));
      const torchOutcome = fixture.in_place_on_expanded[name];
      if (torchOutcome === 'error' || refusedWhereTorchWarns.has(name))
        expect(attempt, name).toThrow(
          `${name}: unsupported operation: more than one element of the written-to tensor refers to a single memory location (dim 0 of shape [2, 3] has stride 0`,
        );
      else {
        expect(attempt, name).not.toThrow();
        expect(Array.from(base.dataSync()), name).toEqual(name === 'zero_' ? [0, 0, 0] : [1, 1, 1]);
      }
    }
  });

  it('leave the base unchanged when they refuse (z.expand(2, 3).add_(1) used to add twice)', () => {
    const base = zeros([1, 3]);
    expect(() => base.expand(2, 3).add_(1)).toThrow(/add_: unsupported operation/);
    expect(Array.from(base.dataSync())).toEqual([0, 0, 0]);
    // a stride-0 dim of size 1 is one element: nothing overlaps
    expect(() => base.expand(1, 3).add_(1)).not.toThrow();
    expect(Array.from(base.dataSync())).toEqual([1, 1, 1]);
    // nor in an empty tensor (an init function filling a [8, 0] weight)
    expect(() =>
      zeros([1, 0])
        .expand(8, 0)
        .copy_(zeros([8, 0])),
    ).not.toThrow();
  });
});

describe('fillDiagonal_ and narrowCopy', () => {
  it('fillDiagonal_ matches torch’s fill_diagonal_, wrap included', () => {
    for (const { shape, value, wrap, output } of fixture.fill_diagonal) {
      const x = zeros(shape);
      expect(x.fillDiagonal_(value, wrap)).toBe(x);
      expectValues(x, output, 'float32', `fillDiagonal_ ${shape} wrap=${wrap}`, exact);
      expectValues(fillDiagonal(zeros(shape), value, { wrap }), output, 'float32', `fillDiagonal ${shape}`, exact);
    }
  });

  it('fillDiagonal_ is differentiable (zero gradient on the diagonal) and refuses torch’s bad shapes', () => {
    const leaf = zeros([3, 3], { dtype: 'float64', requiresGrad: true });
    const y = leaf.mul(2);
    y.fillDiagonal_(1);
    y.sum().backward();
    expect(Array.from(leaf.grad!.dataSync())).toEqual([0, 2, 2, 2, 0, 2, 2, 2, 0]);
    expect(() => zeros([2, 3, 2]).fillDiagonal_(1)).toThrow(
      'fillDiagonal_: all dimensions of input must be of equal length, got shape [2, 3, 2]',
    );
    expect(() => zeros([3]).fillDiagonal_(1)).toThrow('fillDiagonal_: dimensions must be larger than 1, got shape [3]');
    expect(() => zeros([3, 3]).fillDiagonal_(1, { warp: true } as never)).toThrow(/fillDiagonal_: unknown option `warp`/);
  });

  it('narrowCopy is narrow’s window, not sharing the storage', () => {
    const x = arange(0, 6, 1, { dtype: 'float32' });
    const window = x.narrowCopy(0, 1, 2);
    expect(window.storage).not.toBe(x.storage);
    expect(Array.from(window.dataSync())).toEqual([1, 2]);
  });
});

describe('unfold as a view', () => {
  it('matches torch’s windows and their float64 gradient, overlapping windows summed', () => {
    for (const { input, dim, size, step, output, gradient } of fixture.unfold_gradient) {
      const x = tensor(input.data as number[], { dtype: 'float64', requiresGrad: true }).reshape(input.shape);
      const leaf = x.detach().requiresGrad_();
      const windows = leaf.unfold(dim, size, step);
      expect(windows.storage).toBe(leaf.storage);
      const label = `unfold(${dim}, ${size}, ${step}) of ${input.shape}`;
      expectValues(windows, output, 'float64', label, exact);
      const numel = windows.shape.reduce((a, b) => a * b, 1);
      const upstream =
        numel <= 1
          ? tensor(-1, { dtype: 'float64' })
          : arange(0, numel, 1, { dtype: 'float64' })
              .mul(3 / (numel - 1))
              .sub(1)
              .reshape(windows.shape);
      windows.mul(upstream).sum().backward();
      expectValues(leaf.grad!, gradient, 'float64', `${label}: gradient`, { float64: 1e-12, float32: 0 });
    }
  });

  it('diagonal and unfold views pass gradcheck and gradgradcheck in float64', () => {
    const x = randn([3, 4, 5], { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((value) => value.diagonal(1, 2, 0).mul(value.diagonal(1, 2, 0)), [x])).toBe(true);
    expect(gradgradcheck((value) => value.diagonal(-1).pow(3), [x])).toBe(true);
    expect(gradcheck((value) => value.unfold(1, 3, 1).pow(2), [x])).toBe(true);
    expect(gradgradcheck((value) => value.unfold(2, 2, 2).pow(3), [x])).toBe(true);
  });
});
