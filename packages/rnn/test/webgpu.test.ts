// The layers' conformance on webgpu at small sizes: every layer, packed and padded, forwards and
// backwards, against the CPU (the reference) with the same weights. Skips without a WebGPU adapter
// (DL_REQUIRE_WEBGPU=1 makes a missing adapter fail, as in CI). On llvmpipe:
//   EGL_PLATFORM=surfaceless DL_WEBGPU_FLAGS=backend=opengles DL_WEBGPU_FEATURE_LEVEL=compatibility
import { init } from '@dl/gpu';
import { manualSeed, randn, tensor, type Tensor } from '@dl/tensor';
import { describe, it, expect } from 'vitest';
import {
  GRU,
  GRUCell,
  LSTM,
  LSTMCell,
  RNN,
  RNNCell,
  packPaddedSequence,
  packSequence,
  padPackedSequence,
  padSequence,
  type PackedSequence,
  type RecurrentLayer,
} from '../src/index.js';

async function acquire(): Promise<boolean> {
  try {
    await init();
    return true;
  } catch (error) {
    if (process.env.DL_REQUIRE_WEBGPU === '1') throw error;
    console.warn(`[@dl/rnn tests] skipping WebGPU tests: ${(error as Error).message}`);
    return false;
  }
}
const available = await acquire();

async function expectSame(gpu: Tensor | null, cpu: Tensor | null, label: string): Promise<void> {
  expect(gpu, label).toBeTruthy();
  const actual = Array.from(await gpu!.data());
  const expected = Array.from(cpu!.dataSync());
  expect(actual.length, label).toBe(expected.length);
  actual.forEach((value, index) => {
    if (!(Math.abs(value - expected[index]!) <= 1e-4 * (1 + Math.abs(expected[index]!))))
      expect.fail(`${label}[${index}]: ${value} on webgpu, ${expected[index]} on the CPU`);
  });
}

interface Run {
  input: Tensor;
  output: Tensor;
  states: Tensor[];
}

/** Runs the layer on a padded or packed batch, backward of Σ outputs·weights; returns what to compare. */
function runLayer(layer: RecurrentLayer, input: Tensor, lengths: number[] | null, weights: Tensor[] | null): Run {
  const sequence = lengths ? packPaddedSequence(input, lengths, { enforceSorted: false }) : input;
  const [output, state] = (layer as LSTM).call(sequence) as [Tensor | PackedSequence, Tensor | [Tensor, Tensor]];
  const padded = lengths ? padPackedSequence(output as PackedSequence)[0] : (output as Tensor);
  const states = Array.isArray(state) ? state : [state];
  if (weights)
    [padded, ...states].reduce((loss, value, index) => loss.add(value.mul(weights[index]!).sum()), padded.sum().mul(0)).backward();
  return { input, output: padded, states };
}

const layerCases: [string, () => RecurrentLayer, number[] | null][] = [
  ['RNN relu, 2 layers, bidirectional', () => new RNN(3, 4, { numLayers: 2, bidirectional: true, nonlinearity: 'relu' }), null],
  ['LSTM projSize, bidirectional, packed unsorted', () => new LSTM(3, 5, { projSize: 2, bidirectional: true }), [2, 4, 1]],
  // without projSize every direction runs on the fused recurrence kernels of @dl/gpu
  ['LSTM bidirectional, packed unsorted', () => new LSTM(3, 4, { bidirectional: true }), [2, 4, 1]],
  ['GRU 2 layers, packed unsorted', () => new GRU(3, 4, { numLayers: 2 }), [3, 1, 4]],
];

describe.skipIf(!available)('recurrent layers on webgpu match the CPU', () => {
  for (const [name, make, lengths] of layerCases)
    it(name, async () => {
      manualSeed(0);
      const cpuLayer = make();
      const gpuLayer = make().to('webgpu');
      gpuLayer.loadStateDict(cpuLayer.stateDict());
      const input = randn([4, 3, 3], { requiresGrad: true });
      const gpuInput = input.detach().to('webgpu');
      gpuInput.requiresGrad = true;
      const probe = runLayer(cpuLayer, input, lengths, null);
      const weights = [probe.output, ...probe.states].map((value) => randn(value.shape));
      const cpu = runLayer(cpuLayer, input, lengths, weights);
      const gpu = runLayer(
        gpuLayer,
        gpuInput,
        lengths,
        weights.map((weight) => weight.to('webgpu')),
      );
      await expectSame(gpu.output, cpu.output, 'output');
      for (const [index, state] of gpu.states.entries()) await expectSame(state, cpu.states[index]!, `state ${index}`);
      await expectSame(gpuInput.grad, input.grad, 'input grad');
      const cpuParameters = new Map(cpuLayer.namedParameters());
      for (const [parameterName, parameter] of gpuLayer.namedParameters())
        await expectSame(parameter.grad, cpuParameters.get(parameterName)!.grad, `${parameterName} grad`);
    }, 120_000);

  it('cells', async () => {
    manualSeed(1);
    for (const make of [() => new RNNCell(3, 4), () => new LSTMCell(3, 4), () => new GRUCell(3, 4)]) {
      const cpuCell = make();
      const gpuCell = make().to('webgpu');
      gpuCell.loadStateDict(cpuCell.stateDict());
      const input = randn([2, 3]);
      const cpuResult = (cpuCell as RNNCell).call(input) as Tensor | [Tensor, Tensor];
      const gpuResult = (gpuCell as RNNCell).call(input.to('webgpu')) as Tensor | [Tensor, Tensor];
      await expectSame(
        Array.isArray(gpuResult) ? gpuResult[1] : gpuResult,
        Array.isArray(cpuResult) ? cpuResult[1] : cpuResult,
        'cell state',
      );
    }
  }, 120_000);
});

describe.skipIf(!available)('padding and packing sequences of different lengths on webgpu', () => {
  // closed form: each sequence [Lᵢ, 2], then the padding value up to the longest length
  const sequences = () => [
    tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]),
    tensor([[7, 8]]),
  ];
  const onGpu = () => sequences().map((sequence) => sequence.to('webgpu'));

  it('padSequence pads on the GPU, time-first and batch-first, as the CPU does', async () => {
    const padded = padSequence(onGpu(), { paddingValue: -1 });
    expect(padded.device).toBe('webgpu');
    expect(await padded.toArray()).toEqual([
      [
        [1, 2],
        [7, 8],
      ],
      [
        [3, 4],
        [-1, -1],
      ],
      [
        [5, 6],
        [-1, -1],
      ],
    ]);
    await expectSame(padSequence(onGpu(), { batchFirst: true }), padSequence(sequences(), { batchFirst: true }), 'batch-first');
  });

  it('packSequence packs on the GPU: the steps of every sequence still running, time by time', async () => {
    const packed = packSequence(onGpu());
    expect(packed.data.device).toBe('webgpu');
    expect([...packed.batchSizes]).toEqual([2, 1, 1]);
    expect(await packed.data.toArray()).toEqual([
      [1, 2],
      [7, 8],
      [3, 4],
      [5, 6],
    ]);
  });
});
