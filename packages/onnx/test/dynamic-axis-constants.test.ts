import { F, LocalResponseNorm, Module, MultiheadAttention, parameter } from '@dl/nn';
import { arange, cat, manualSeed, randn, randnLike, zeros, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from '../src/index.js';
import { expectSameAsOnnxRuntime } from './export-helpers.js';

// A tensor the forward builds from the example's sizes (zeros(x.shape), a constant pad's border) meets
// the input's dynamic axis. Exported as the example had it, ONNX Runtime refused other batch sizes
// ("Non concat axis dimensions must match"). Each model is exported at batch 2 and run at batches 3
// and 1, whose results must be @dl's forward on those inputs.

const batchAxis = { inputNames: ['x'], dynamicAxes: { x: { 0: 'batch' } } };

/** A module whose forward is `compute(x)`, with `extra` as its own fields. */
function computing(compute: (this: Record<string, Tensor>, x: Tensor) => Tensor, extra: Record<string, Tensor> = {}): Module {
  const model = new (class Computation extends Module {
    forward(x: Tensor): Tensor {
      return compute.call(this as unknown as Record<string, Tensor>, x);
    }
  })();
  return Object.assign(model, extra);
}

class SelfAttention extends Module {
  constructor(readonly attention: MultiheadAttention) {
    super();
  }

  forward(x: Tensor): Tensor {
    return this.attention.call(x, x, x)[0]!;
  }
}

const batches = (...sizes: number[]) => sizes.map((size) => [randn([size, 3, 4])]);

describe('constants filled with one value follow a dynamic axis', () => {
  it("F.pad in 'constant' mode pads every batch (its border is rebuilt from the input's shape)", async () => {
    manualSeed(1);
    const model = computing((x) => F.pad(x, [1, 2, 0, 1], 'constant', 0.5));
    await expectSameAsOnnxRuntime(model, [randn([2, 3, 4])], batches(3, 1), batchAxis);
  });

  it('zeros(x.shape) filled and added to x', async () => {
    manualSeed(2);
    const model = computing((x) => x.mul(zeros(x.shape).fill_(3)).add(zeros([x.shape[0]!, 1, 4]).add(1)));
    await expectSameAsOnnxRuntime(model, [randn([2, 3, 4])], batches(3, 1), batchAxis);
  });

  it('LocalResponseNorm (channels padded with zeros; sizes 1, 2 and 5)', async () => {
    manualSeed(3);
    for (const size of [1, 2, 5]) {
      const model = new LocalResponseNorm(size, { alpha: 0.5, beta: 0.75, k: 1 });
      await expectSameAsOnnxRuntime(model, [randn([2, 4, 3, 3])], [[randn([3, 4, 3, 3])], [randn([1, 4, 3, 3])]], batchAxis);
    }
  });

  it('MultiheadAttention with addZeroAttn (a zero key and value per batch element)', async () => {
    manualSeed(4);
    const model = new SelfAttention(new MultiheadAttention(4, 2, { addZeroAttn: true, batchFirst: true }));
    await expectSameAsOnnxRuntime(model, [randn([2, 3, 4])], batches(3, 1), batchAxis);
  });
});

describe('other fixed extents on a dynamic axis are refused', () => {
  const example = () => randn([2, 3]);

  it('a constant with distinct values shaped like the example (it would be wrong at any other batch)', () => {
    const model = computing(
      function (x) {
        return x.add(this.offsets!);
      },
      { offsets: arange(6).reshape([2, 3]) },
    );
    expect(() => exportOnnx(model, [example()], batchAxis)).toThrow(
      /'add' in the root module \(Computation\): output axis 0 is the dynamic axis 'batch' in one operand but a fixed 2 in another/,
    );
  });

  it('randnLike(x) (a random constant, not a Random node)', () => {
    const model = computing((x) => x.add(randnLike(x)));
    expect(() => exportOnnx(model, [example()], batchAxis)).toThrow(/'add'.*dynamic axis 'batch'.*fixed 2/);
  });

  it('a parameter with the example batch size, even filled with one value (it stays an initializer)', () => {
    const model = computing(
      function (x) {
        return x.mul(this.scale!);
      },
      { scale: parameter(zeros([2, 3])) },
    );
    expect(() => exportOnnx(model, [example()], batchAxis)).toThrow(/'mul'.*dynamic axis 'batch'.*fixed 2/);
  });

  it('a constant filled with one value broadcast against a dynamic axis of example extent 1', () => {
    // traced at batch 1, zeros([4, 3]) + x is [4, 3]; following the batch it would become [batch, 3]
    const model = computing((x) => zeros([4, 3]).add(x));
    expect(() => exportOnnx(model, [randn([1, 3])], batchAxis)).toThrow(/'add'.*dynamic axis 'batch'.*fixed 4/);
  });

  it('a concatenation beside a constant with distinct values', () => {
    const model = computing(
      function (x) {
        return cat([x, this.rows!], 1);
      },
      { rows: arange(4).reshape([2, 2]) },
    );
    expect(() => exportOnnx(model, [example()], batchAxis)).toThrow(
      /'cat'.*dynamic axis 'batch'.*fixed 2 in another \(concatenated beside it\)/,
    );
  });
});
