import { ConvTranspose1d, ConvTranspose2d, Embedding, F, InstanceNorm1d, InstanceNorm2d, InstanceNorm3d, Module, Sequential } from '@dl/nn';
import { manualSeed, randint, randn, scope, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from '../src/index.js';
import { expectSameAsOnnxRuntime, randomizeRunningStatistics } from './export-helpers.js';

// Layer configurations whose export once ran but disagreed with @dl's forward, or was refused though
// ONNX has the operator: each compares ONNX Runtime with @dl's forward on inputs other than the example.

/** ConvTranspose2d called with torch's output_size, which picks the output padding. */
class SizedUpsampling extends Module {
  up = new ConvTranspose2d(4, 2, 3, { stride: 2, padding: 1 });
  forward(x: Tensor): Tensor {
    return this.up.call(x, [10, 8]); // 9 × 7 without output padding
  }
}

/** ConvTranspose1d with dilation called with an output length two above the smallest. */
class SizedUpsampling1d extends Module {
  up = new ConvTranspose1d(4, 2, 4, { stride: 3, padding: 1, dilation: 2 });
  forward(x: Tensor): Tensor {
    return this.up.call(x, [18]); // 16 without output padding
  }
}

/**
 * Random values of `shape` as a view whose base a scope released (what randn returned until its draw
 * became one kernel, and what any function ending in a reshape inside a scope returns).
 */
const releasedView = (shape: number[]) => scope(() => randn([shape.reduce((a, b) => a * b, 1)]).reshape(shape));

/**
 * F.embedding with maxNorm rescales rows of a table in place, and its result is copied into all of
 * another tensor: both are views of temporaries a scope released.
 */
class RenormalizedTable extends Module {
  table = releasedView([10, 4]);
  forward(indices: Tensor): Tensor {
    const values = releasedView([indices.shape[0]!, 4]);
    values.copy_(F.embedding(indices, this.table, { maxNorm: 1 }));
    return values.add(1);
  }
}

/** A row of a released view taken before the whole view is written, then read. */
class StaleRow extends Module {
  forward(x: Tensor): Tensor {
    const values = releasedView([3, 4]);
    const row = values.narrow(0, 1, 1);
    values.copy_(x.mul(2));
    return row.add(x);
  }
}

/** A write into one row of a released view: its base is released, and only part of it is written. */
class PartialWrite extends Module {
  forward(x: Tensor): Tensor {
    const values = releasedView([3, 4]);
    values.narrow(0, 1, 1).copy_(x.narrow(0, 0, 1));
    return values.add(x);
  }
}

describe('export parity with ONNX Runtime: layer options', () => {
  it('ConvTranspose1d and ConvTranspose2d called with an output size export the output padding it picks', async () => {
    manualSeed(11);
    await expectSameAsOnnxRuntime(new SizedUpsampling(), [randn([1, 4, 5, 4])], [[randn([1, 4, 5, 4])]]);
    await expectSameAsOnnxRuntime(new SizedUpsampling1d(), [randn([2, 4, 5])], [[randn([2, 4, 5])]]);
  });

  it('ConvTranspose2d with an output size is refused when a spatial axis is dynamic, naming the option', () => {
    manualSeed(12);
    expect(() =>
      exportOnnx(new SizedUpsampling(), [randn([1, 4, 5, 4])], { inputNames: ['x'], dynamicAxes: { x: { 2: 'height' } } }),
    ).toThrow(/'ConvTranspose2d' in module 'up'.*outputSize with a dynamic spatial axis/);
  });

  it('InstanceNorm3d exports as InstanceNormalization, or BatchNormalization with running statistics', async () => {
    manualSeed(13);
    const instance = new Sequential(new InstanceNorm3d(2, { affine: true }));
    await expectSameAsOnnxRuntime(instance, [randn([2, 2, 3, 4, 3])], [[randn([2, 2, 3, 4, 3]).mul(3)]]);
    const tracked = new Sequential(new InstanceNorm3d(2, { trackRunningStats: true }));
    randomizeRunningStatistics(tracked);
    await expectSameAsOnnxRuntime(tracked, [randn([1, 2, 3, 3, 2])], [[randn([1, 2, 3, 3, 2])]]);
  });

  it('unbatched instance norm inputs get their batch axis instead of having their channels read as the batch', async () => {
    manualSeed(14);
    await expectSameAsOnnxRuntime(new Sequential(new InstanceNorm2d(3)), [randn([3, 4, 5])], [[randn([3, 4, 5])]]);
    const tracked = new Sequential(new InstanceNorm1d(3, { trackRunningStats: true, affine: true }));
    randomizeRunningStatistics(tracked);
    await expectSameAsOnnxRuntime(tracked, [randn([3, 7])], [[randn([3, 7])]]);
  });

  it('Embedding with maxNorm rescales the rows other indices read, not only the rows the example read', async () => {
    manualSeed(15);
    const model = new Sequential(new Embedding(10, 4, { maxNorm: 1 }));
    // the example reads rows 0–2 only; ONNX Runtime then reads rows 5–9, whose norms are above 1
    await expectSameAsOnnxRuntime(model, [randint(0, 3, [3, 5])], [[randint(5, 10, [3, 5])]]);
  });
});

describe('export parity with ONNX Runtime: in-place writes and refusals', () => {
  it('an in-place write into all of a released view exports (F.embedding with maxNorm on a table)', async () => {
    manualSeed(16);
    await expectSameAsOnnxRuntime(new RenormalizedTable(), [randint(0, 3, [3])], [[randint(5, 10, [3])]]);
    // a view taken before the write is read again from the tensor written
    await expectSameAsOnnxRuntime(new StaleRow(), [randn([3, 4])], [[randn([3, 4])]]);
  });

  it('an in-place write into part of a released view is refused, saying to clone it', () => {
    manualSeed(17);
    expect(() => exportOnnx(new PartialWrite(), [randn([3, 4])])).toThrow(
      /'in-place write' in the root module \(PartialWrite\).*clone\(\)/,
    );
  });
});
