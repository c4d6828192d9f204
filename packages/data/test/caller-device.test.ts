import { describe, expect, it } from 'vitest';
import { cpuBackend, registerBackend, tensor, type Tensor } from '@dl/tensor';
import { Normalize, padSequence, trainTestSplit } from '@dl/data';

// Functions that make tensors of their own (padSequence's filler, Normalize's mean and std, the rows
// trainTestSplit takes) beside the caller's: each must make them on the caller's device. Made on the
// CPU, a webgpu caller met "cat: expected all tensors on one device, got 'webgpu' and 'cpu'". A second
// device here is the CPU's kernels under another name, so the test needs no GPU (the webgpu run of
// padSequence and packSequence is in packages/rnn/test/webgpu.test.ts).

const device = 'data-caller-device';
registerBackend({ ...cpuBackend, device });

const onDevice = (values: number[][] | number[]): Tensor => tensor(values, { device });

describe("functions that make tensors beside the caller's keep the caller's device", () => {
  it('padSequence: sequences of different lengths, padded on their device with the padding value', () => {
    // closed form: each sequence, then paddingValue up to the longest length
    const sequences = [
      onDevice([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
      onDevice([[7, 8]]),
    ];
    const batchFirst = padSequence(sequences, { batchFirst: true, paddingValue: -1 });
    expect(batchFirst.device).toBe(device);
    expect(batchFirst.toArraySync()).toEqual([
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      [
        [7, 8],
        [-1, -1],
        [-1, -1],
      ],
    ]);
    const timeFirst = padSequence(sequences);
    expect(timeFirst.device).toBe(device);
    expect(timeFirst.toArraySync()).toEqual([
      [
        [1, 2],
        [7, 8],
      ],
      [
        [3, 4],
        [0, 0],
      ],
      [
        [5, 6],
        [0, 0],
      ],
    ]);
  });

  it('Normalize: (image − mean[c]) / std[c] on the image’s device, inplace or not', () => {
    // closed form on a [2, 1, 2] image: channel 0 (x − 1) / 2, channel 1 (x − 3) / 4
    const expected = [[[0, 1]], [[-0.5, 0.25]]];
    const image = () => onDevice([[[1, 3]], [[1, 4]]] as unknown as number[][]);
    const normalized = new Normalize([1, 3], [2, 4]).forward(image());
    expect(normalized.device).toBe(device);
    expect(normalized.toArraySync()).toEqual(expected);
    const overwritten = image();
    expect(new Normalize([1, 3], [2, 4], true).forward(overwritten)).toBe(overwritten);
    expect(overwritten.toArraySync()).toEqual(expected);
  });

  it("trainTestSplit: a tensor's rows are taken on its device", () => {
    const rows = onDevice([[0], [1], [2], [3], [4]]);
    const [train, test] = trainTestSplit([rows], { testSize: 2, randomState: 0 }) as [Tensor, Tensor];
    expect([train.device, test.device]).toEqual([device, device]);
    // every row lands in exactly one part
    const taken = [...train.dataSync(), ...test.dataSync()].sort();
    expect([train.shape[0], test.shape[0], ...taken]).toEqual([3, 2, 0, 1, 2, 3, 4]);
  });
});
