// The webgpu backend's fused recurrence (src/kernels/recurrence-*.ts) against the composite on the
// same device and against the CPU's fused kernels: outputs, hN, cN and the gradients of every input
// of Σ (output, hN, cN) ⊙ upstream, for each mode, forwards and backwards, packed and equal batches.
import { describe, expect, it } from 'vitest';
import {
  cat,
  manualSeed,
  randn,
  recurrence,
  recurrenceComposite,
  tensor,
  type RecurrenceInput,
  type RecurrenceMode,
  type Tensor,
} from '@dl/tensor';
import { webgpuBackend } from '../src/index.js';
import { setupWebGPU } from './webgpu-setup.js';

const info = await setupWebGPU();

const gates = { rnnTanh: 1, rnnRelu: 1, lstm: 4, gru: 3 } as const;

interface Values {
  shape: number[];
  values: number[];
}

/** Random leaves as plain numbers, so that the same values become leaves on either device. */
function randomLeaves(mode: RecurrenceMode, batchSizes: number[], withBias: boolean, hidden: number): (Values | null)[] {
  const rows = batchSizes.reduce((sum, size) => sum + size, 0);
  const draw = (shape: number[]): Values => ({ shape, values: Array.from(randn(shape).dataSync()) });
  const gateRows = gates[mode] * hidden;
  return [
    draw([rows, gateRows]),
    draw([batchSizes[0]!, hidden]),
    mode === 'lstm' ? draw([batchSizes[0]!, hidden]) : null,
    draw([gateRows, hidden]),
    withBias ? draw([gateRows]) : null,
  ];
}

function makeRun(
  mode: RecurrenceMode,
  batchSizes: number[],
  reverse: boolean,
  values: (Values | null)[],
  device: 'cpu' | 'webgpu',
): { run: RecurrenceInput; leaves: Tensor[] } {
  const [inputGates, h0, c0, weightHh, biasHh] = values.map((leaf) =>
    leaf ? tensor(leaf.values, { shape: leaf.shape, device, requiresGrad: true }) : null,
  );
  const run: RecurrenceInput = {
    mode,
    inputGates: inputGates!,
    batchSizes,
    h0: h0!,
    c0: c0 ?? null,
    weightHh: weightHh!,
    biasHh: biasHh ?? null,
    weightHr: null,
    reverse,
  };
  return { run, leaves: [inputGates, h0, c0, weightHh, biasHh].filter((leaf): leaf is Tensor => leaf !== null) };
}

/** States (output, hN, cN) and the gradients of Σ states ⊙ upstream with respect to every leaf. */
async function evaluate(
  compute: typeof recurrence,
  made: { run: RecurrenceInput; leaves: Tensor[] },
  upstream: Values,
): Promise<{ values: number[]; gradients: number[][]; fused: boolean }> {
  const result = compute(made.run);
  const states = cat([result.output, result.hN, ...(result.cN ? [result.cN] : [])], 0);
  const weights = tensor(upstream.values, { shape: upstream.shape, device: states.device });
  states.mul(weights).sum().backward();
  return {
    values: Array.from(await states.data()),
    gradients: await Promise.all(made.leaves.map(async (leaf) => Array.from(await leaf.grad!.data()))),
    // the fused op returns views of one result tensor, recorded as one node
    fused: result.output.gradFn !== null && result.hN.storage === result.output.storage,
  };
}

function expectNear(actual: number[], expected: number[], label: string): void {
  const tolerance = 2e-5;
  expect(actual.length, label).toBe(expected.length);
  actual.forEach((value, index) => {
    if (!(Math.abs(value - expected[index]!) <= tolerance * (1 + Math.abs(expected[index]!))))
      expect.fail(`${label}[${index}]: ${value} vs ${expected[index]}`);
  });
}

const modes: RecurrenceMode[] = ['rnnTanh', 'rnnRelu', 'lstm', 'gru'];

describe.skipIf(!info)('recurrence on webgpu: the fused WGSL kernels', () => {
  it('the backend has the kernels (so recurrent layers do not fall back to the per-step composite)', () => {
    expect(typeof webgpuBackend()?.fused?.recurrence?.forward).toBe('function');
    expect(typeof webgpuBackend()?.fused?.recurrence?.backward).toBe('function');
  });

  for (const mode of modes)
    for (const withBias of [false, true])
      for (const reverse of [false, true])
        for (const [batchSizes, hidden] of [
          [[3, 3, 3], 3],
          [[4, 3, 3, 1], 4],
        ] as const)
          it(`${mode}${withBias ? ' with b_hh' : ''} ${reverse ? 'backwards' : 'forwards'} over [${batchSizes}], hidden ${hidden}: the composite's and the CPU's numbers`, async () => {
            manualSeed(batchSizes.length * 10 + hidden);
            const leaves = randomLeaves(mode, [...batchSizes], withBias, hidden);
            const rows = batchSizes.reduce((sum, size) => sum + size, 0) + batchSizes[0] * (mode === 'lstm' ? 2 : 1);
            const upstream: Values = { shape: [rows, hidden], values: Array.from(randn([rows, hidden]).dataSync()) };
            const make = (device: 'cpu' | 'webgpu') => makeRun(mode, [...batchSizes], reverse, leaves, device);
            const fused = await evaluate(recurrence, make('webgpu'), upstream);
            expect(fused.fused).toBe(true);
            const composite = await evaluate(recurrenceComposite, make('webgpu'), upstream);
            expect(composite.fused).toBe(false);
            const cpu = await evaluate(recurrence, make('cpu'), upstream);
            expect(cpu.fused).toBe(true);
            for (const [reference, name] of [
              [composite, 'composite'],
              [cpu, 'cpu'],
            ] as const) {
              expectNear(fused.values, reference.values, `${name} values`);
              fused.gradients.forEach((gradient, index) => expectNear(gradient, reference.gradients[index]!, `${name} gradient ${index}`));
            }
          });

  it("views that start inside their buffers, over 40 steps (more dispatches than one submitted batch): the CPU's numbers", async () => {
    manualSeed(5);
    const [mode, hidden, batchSizes] = ['lstm', 3, Array.from({ length: 40 }, (_, step) => (step < 25 ? 2 : 1))] as const;
    const rows = batchSizes.reduce((sum, size) => sum + size, 0);
    const gateRows = gates[mode] * hidden;
    // one extra leading row (element) per leaf: the op's inputs are contiguous views at an offset
    const shapes = [[rows + 1, gateRows], [3, hidden], [3, hidden], [gateRows + 1, hidden], [gateRows + 1]];
    const values = shapes.map((shape) => ({ shape, values: Array.from(randn(shape).dataSync()) }));
    const stateRows = rows + 2 * batchSizes[0]!;
    const upstream: Values = { shape: [stateRows, hidden], values: Array.from(randn([stateRows, hidden]).dataSync()) };
    const make = (device: 'cpu' | 'webgpu') => {
      const leaves = values.map((leaf) => tensor(leaf.values, { shape: leaf.shape, device, requiresGrad: true }));
      const [inputGates, h0, c0, weightHh, biasHh] = leaves.map((leaf) => leaf.narrow(0, 1, leaf.shape[0]! - 1)) as Tensor[];
      const run: RecurrenceInput = {
        mode,
        inputGates: inputGates!,
        batchSizes,
        h0: h0!,
        c0: c0!,
        weightHh: weightHh!,
        biasHh: biasHh!,
        weightHr: null,
        reverse: false,
      };
      return { run, leaves };
    };
    const onGpu = make('webgpu');
    expect(onGpu.run.inputGates.kernelView().offset).toBe(gateRows);
    const fused = await evaluate(recurrence, onGpu, upstream);
    expect(fused.fused).toBe(true);
    const cpu = await evaluate(recurrence, make('cpu'), upstream);
    expectNear(fused.values, cpu.values, 'values');
    fused.gradients.forEach((gradient, index) => expectNear(gradient, cpu.gradients[index]!, `gradient ${index}`));
  });
});
