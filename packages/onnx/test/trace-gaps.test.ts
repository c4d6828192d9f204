import { Embedding, F, Module } from '@dl/nn';
import { noGrad, randn, tensor, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from '../src/index.js';
import { expectSameAsOnnxRuntime } from './export-helpers.js';
import { runOnnx } from './onnx-runtime.js';

// Each model is exported on one input and run by ONNX Runtime on others, whose results must be
// @dl's forward on those inputs: an exporter that baked an example-time value in would answer the
// example's result instead.

/** torch's x·2 detached, plus x: 3x, whatever x. */
class DetachedDouble extends Module {
  forward(x: Tensor): Tensor {
    return x.mul(2).detach().add(x);
  }
}

class Remainder extends Module {
  forward(x: Tensor, y: Tensor): Tensor {
    return x.remainder(y);
  }
}

/** A module whose forward is `reduce(x)`. */
function reducing(reduce: (x: Tensor) => Tensor): Module {
  return new (class Reduction extends Module {
    forward(x: Tensor): Tensor {
      return reduce(x);
    }
  })();
}

describe('detach exports as an identity', () => {
  it('a detached value follows the input (3x for x = [10, 20, 30], not the example 2·[1, 2, 3] + x)', async () => {
    const bytes = exportOnnx(new DetachedDouble(), [tensor([1, 2, 3])]);
    const { output } = await runOnnx(bytes, { input: tensor([10, 20, 30]) });
    expect([...output!.data]).toEqual([30, 60, 90]);
    await expectSameAsOnnxRuntime(new DetachedDouble(), [tensor([1, 2, 3])], [[tensor([10, 20, 30])], [tensor([-4, 0.5, 8])]]);
  });

  it('Embedding with maxNorm and paddingIdx (whose padding rows are a detached copy) looks up other indices', async () => {
    const embedding = new Embedding(4, 2, { maxNorm: 2, paddingIdx: 3 });
    noGrad(() =>
      embedding.weight.copy_(
        tensor([
          [3, 4],
          [0.3, 0.4],
          [-6, 8],
          [0, 0],
        ]),
      ),
    );
    const indices = (rows: number[][]) => tensor(rows, { dtype: 'int32' });
    const bytes = await expectSameAsOnnxRuntime(embedding, [indices([[0, 1, 3]])], [[indices([[3, 2, 1]])], [indices([[2, 2, 0]])]]);
    // closed form: rows longer than 2 scaled to norm 2 ([3, 4] → [1.2, 1.6]); the padding row stays 0
    const { output } = await runOnnx(bytes, { input: indices([[3, 2, 1]]) });
    expect([...output!.data].map((value) => Number(value.toFixed(5)))).toEqual([0, 0, -1.2, 1.6, 0.3, 0.4]);
  });

  it('remainder by a tensor (computed on detached operands) divides by the divisor fed', async () => {
    const example = [tensor([5, -5, 7]), tensor(3)];
    const bytes = await expectSameAsOnnxRuntime(new Remainder(), example, [
      [tensor([5, -5, 7]), tensor(-2)],
      [tensor([1, 2, 3]), tensor(0.75)],
    ]);
    // torch.remainder takes the divisor's sign: 5 mod −2 = −1, −5 mod −2 = −1, 7 mod −2 = −1
    const { output } = await runOnnx(bytes, { input_0: tensor([5, -5, 7]), input_1: tensor(-2) });
    expect([...output!.data]).toEqual([-1, -1, -1]);
  });
});

describe('mean, var, std and layerNorm over a dynamic axis divide by the count at run time', () => {
  const batchDynamic = { dynamicAxes: { input: { 0: 'batch' } } };
  const cases: [string, (x: Tensor) => Tensor][] = [
    ['mean()', (x) => x.mean()],
    ['mean(0)', (x) => x.mean(0)],
    ['mean(0, keepdim)', (x) => x.mean(0, true)],
    ['var(0)', (x) => x.var(0)],
    ['var(0, keepdim, biased)', (x) => x.var(0, { unbiased: false, keepdim: true })],
    ['std(0)', (x) => x.std(0)],
    ['std()', (x) => x.std()],
    ['layerNorm over every axis', (x) => F.layerNorm(x, [...x.shape])],
  ];
  for (const [name, reduce] of cases)
    it(`${name}: exported at batch 2, run at batches 5 and 7`, async () => {
      await expectSameAsOnnxRuntime(reducing(reduce), [randn([2, 3])], [[randn([5, 3])], [randn([7, 3])]], batchDynamic);
    });

  it('mean over all of [b, 3] is the closed form Σx / 3b', async () => {
    const bytes = exportOnnx(
      reducing((x) => x.mean()),
      [randn([2, 3])],
      batchDynamic,
    );
    const { output } = await runOnnx(bytes, {
      input: tensor([
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
        [10, 11, 12],
        [13, 14, 15],
      ]),
    });
    expect(output!.data[0]).toBeCloseTo(8, 5); // 120 / 15, not 120 / 6
  });

  it('layerNorm over a dynamic feature axis', async () => {
    const model = reducing((x) => F.layerNorm(x, [x.shape[1]!]));
    await expectSameAsOnnxRuntime(model, [randn([4, 3])], [[randn([4, 7])]], { dynamicAxes: { input: { 1: 'features' } } });
  });

  it('a sum over the dynamic axis divided by another number keeps that number', async () => {
    await expectSameAsOnnxRuntime(
      reducing((x) => x.sum(0).div(4)),
      [randn([2, 3])],
      [[randn([5, 3])]],
      batchDynamic,
    );
    // even the example's own count: only mean, var and std report the sums they average (an exporter
    // that matched the divisor's value took this for a mean and divided by 5 at batch 5)
    await expectSameAsOnnxRuntime(
      reducing((x) => x.sum(0).div(2)),
      [randn([2, 3])],
      [[randn([5, 3])]],
      batchDynamic,
    );
  });
});
