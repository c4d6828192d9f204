import { describe, expect, it } from 'vitest';
import { gather, indexSelect, oneHot, scatter, scatterAdd, tensor, type Tensor } from '@dl/tensor';
import { Embedding, functional as F } from '@dl/nn';
import { setupWebGPU } from './webgpu-setup.js';

const info = await setupWebGPU();
const onGpu = (values: number[][] | number[], dtype: 'int32' | 'float32' = 'float32') => tensor(values, { dtype, device: 'webgpu' });
const x = () =>
  onGpu([
    [1, 2, 3],
    [4, 5, 6],
  ]);

/** The CPU verdict of the same op: an error (torch's) or values. */
function cpuVerdict(run: (device: 'cpu') => Tensor): string {
  try {
    run('cpu');
    return 'ok';
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Each case runs on the GPU, where the kernel cannot throw: the error must come at the next read,
 * naming the op and the bad index, as CUDA's device-side assert does. The CPU raises at once.
 */
const cases: Array<[string, (device: 'cpu' | 'webgpu') => Tensor, RegExp]> = [
  [
    'gather index 3 of 3',
    (device) => gather(x().to(device), 1, tensor([[3], [0]], { dtype: 'int32', device })),
    /gather along dim 1 .*: index 3 is out of bounds for size 3/,
  ],
  [
    'gather negative index',
    (device) => gather(x().to(device), 1, tensor([[-1], [0]], { dtype: 'int32', device })),
    /gather along dim 1 .*: index -1 is out of bounds/,
  ],
  [
    'indexSelect',
    (device) => indexSelect(x().to(device), 0, tensor([2], { dtype: 'int32', device })),
    /gather along dim 0 .*: index 2 is out of bounds for size 2/,
  ],
  [
    'scatter',
    (device) => scatter(x().to(device), 1, tensor([[7]], { dtype: 'int32', device }), 9),
    /scatter set along dim 1 .*: index 7 is out of bounds for size 3/,
  ],
  [
    'scatterAdd',
    (device) => scatterAdd(x().to(device), 0, tensor([[0, 5, 0]], { dtype: 'int32', device }), tensor([[1, 1, 1]], { device })),
    /scatter add along dim 0 .*: index 5 is out of bounds for size 2/,
  ],
  [
    'Embedding index 10 of 4 rows',
    (device) => new Embedding(4, 2).to(device).call(tensor([1, 10], { dtype: 'int32', device })),
    /index 10 is out of bounds for size 4/,
  ],
  [
    'Embedding negative index',
    (device) => new Embedding(4, 2).to(device).call(tensor([-1], { dtype: 'int32', device })),
    /index -1 is out of bounds for size 4/,
  ],
  [
    'oneHot class 5 of 3',
    (device) => oneHot(tensor([0, 5], { dtype: 'int32', device }), 3),
    /scatter set along dim 1 .*: index 5 is out of bounds for size 3/,
  ],
  ['oneHot negative class', (device) => oneHot(tensor([-2], { dtype: 'int32', device }), 3), /index -2 is out of bounds for size 3/],
  [
    'crossEntropy target 5 of 3 classes',
    (device) => F.crossEntropy(tensor([[0.1, 0.2, 0.3]], { device }), tensor([5], { dtype: 'int32', device })),
    /gather along dim 1 .*: index 5 is out of bounds for size 3/,
  ],
  [
    'nllLoss target 3 of 3 classes',
    (device) =>
      F.nllLoss(
        tensor(
          [
            [-1, -2, -3],
            [-1, -1, -1],
          ],
          { device },
        ),
        tensor([0, 3], { dtype: 'int32', device }),
      ),
    /index 3 is out of bounds for size 3/,
  ],
];

describe.skipIf(!info)('out-of-range indices on webgpu raise at the next read', () => {
  it.each(cases)('%s', async (_, run, message) => {
    expect(cpuVerdict(run as (device: 'cpu') => Tensor)).not.toBe('ok'); // the CPU refuses it too
    const result = run('webgpu'); // queued: the kernel cannot throw
    await expect(result.data()).rejects.toThrow(message);
    // the flag was reset: the next read of valid work succeeds
    expect([...(await gather(x(), 1, onGpu([[2], [0]], 'int32')).data())]).toEqual([3, 4]);
  });

  it('the error reaches any later read, not only a read of the bad result', async () => {
    gather(x(), 1, onGpu([[9], [0]], 'int32'));
    await expect(onGpu([1, 2]).data()).rejects.toThrow(/index 9 is out of bounds/);
  });

  it('valid indices read back as on the CPU, with no error', async () => {
    const index = [
      [2, 0, 1],
      [1, 1, 0],
    ];
    expect(await gather(x(), 1, onGpu(index, 'int32')).toArray()).toEqual(
      gather(
        tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        1,
        tensor(index, { dtype: 'int32' }),
      ).toArraySync(),
    );
  });
});
