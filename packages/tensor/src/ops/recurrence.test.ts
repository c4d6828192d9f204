// The fused recurrence (cpu/kernels/recurrence.ts) against its composite reference: outputs, final
// states and the gradients of every input, for each mode, forwards and backwards, packed and padded,
// in float64 (to 1e-12) and float32.
import { describe, it, expect } from 'vitest';
import {
  cat,
  manualSeed,
  randn,
  recurrence,
  recurrenceComposite,
  type RecurrenceInput,
  type RecurrenceMode,
  type Tensor,
} from '../index.js';

const gates = { rnnTanh: 1, rnnRelu: 1, lstm: 4, gru: 3 } as const;

function makeRun(
  mode: RecurrenceMode,
  batchSizes: number[],
  reverse: boolean,
  dtype: 'float32' | 'float64',
  withBias: boolean,
  hidden: number,
): RecurrenceInput {
  const rows = batchSizes.reduce((sum, size) => sum + size, 0);
  const options = { dtype, requiresGrad: true };
  return {
    mode,
    inputGates: randn([rows, gates[mode] * hidden], options),
    batchSizes,
    h0: randn([batchSizes[0]!, hidden], options),
    c0: mode === 'lstm' ? randn([batchSizes[0]!, hidden], options) : null,
    weightHh: randn([gates[mode] * hidden, hidden], options),
    biasHh: withBias ? randn([gates[mode] * hidden], options) : null,
    weightHr: null,
    reverse,
  };
}

function leaves(run: RecurrenceInput): Tensor[] {
  return [run.inputGates, run.h0, ...(run.c0 ? [run.c0] : []), run.weightHh, ...(run.biasHh ? [run.biasHh] : [])];
}

/** Values and the gradients of Σ (output, hN, cN)·upstream with respect to every input. */
function evaluate(
  run: RecurrenceInput,
  compute: typeof recurrence,
  upstream: Tensor | null,
): { values: number[]; gradients: number[][]; upstream: Tensor; fused: boolean } {
  for (const leaf of leaves(run)) leaf.grad = null;
  const result = compute(run);
  const states = cat([result.output, result.hN, ...(result.cN ? [result.cN] : [])], 0);
  const weights = upstream ?? randn(states.shape, { dtype: states.dtype });
  states.mul(weights).sum().backward();
  return {
    values: Array.from(states.dataSync()),
    gradients: leaves(run).map((leaf) => Array.from(leaf.grad!.dataSync())),
    upstream: weights,
    fused: result.output.gradFn !== null && result.hN.storage === result.output.storage,
  };
}

function expectNear(actual: number[], expected: number[], tolerance: number, label: string): void {
  expect(actual.length, label).toBe(expected.length);
  actual.forEach((value, index) => {
    if (!(Math.abs(value - expected[index]!) <= tolerance * (1 + Math.abs(expected[index]!))))
      expect.fail(`${label}[${index}]: ${value} vs ${expected[index]}`);
  });
}

const cases: [RecurrenceMode, boolean][] = [
  ['rnnTanh', false],
  ['rnnRelu', true],
  ['lstm', false],
  ['gru', true],
  ['gru', false],
];

// hidden size 3 runs the JavaScript loops; float32 with 8 runs the WebAssembly kernels (cpu/kernels/recurrence-wasm.ts)
const variants = [
  ['float64', 3],
  ['float32', 3],
  ['float32', 8],
] as const;

describe('fused recurrence matches the composite', () => {
  for (const [dtype, hidden] of variants)
    for (const [mode, withBias] of cases)
      for (const reverse of [false, true])
        for (const batchSizes of [
          [3, 3, 3, 3],
          [4, 3, 3, 1],
        ])
          it(`${mode}${withBias ? ' with b_hh' : ''} ${reverse ? 'backwards' : 'forwards'} over [${batchSizes}] in ${dtype}, hidden ${hidden}`, () => {
            manualSeed(batchSizes.length + batchSizes[0]!);
            const run = makeRun(mode, batchSizes, reverse, dtype, withBias, hidden);
            const fused = evaluate(run, recurrence, null);
            expect(fused.fused).toBe(true);
            const reference = evaluate(run, recurrenceComposite, fused.upstream);
            const tolerance = dtype === 'float64' ? 1e-12 : 2e-5;
            expectNear(fused.values, reference.values, tolerance, 'values');
            fused.gradients.forEach((gradient, index) => expectNear(gradient, reference.gradients[index]!, tolerance, `gradient ${index}`));
          });
});
