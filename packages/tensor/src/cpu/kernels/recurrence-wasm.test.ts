// The WebAssembly recurrence kernels (assembly/recurrence.ts) against the JavaScript loops they
// replace for float32, on the same views: every mode, with and without b_hh, forwards and backwards
// in time, packed (shrinking batches) and not, hidden sizes 4 to 12. Both evaluate the same formulas
// in float32 with the same rational tanh, the loops rounding once per stored value, so they agree to
// a few float32 ulps; the composite op reference (ops/recurrence.test.ts) covers both through `recurrence`.
import { describe, expect, it } from 'vitest';
import type { RecurrenceGeometry, TensorView } from '../../core/backend.js';
import { contiguousStrides } from '../../core/shape.js';
import { recurrenceGateCount, recurrenceStateRows, recurrenceWorkspace } from '../../ops/recurrence-layout.js';
import { recurrenceLoops } from './recurrence.js';
import { recurrenceBackwardWasm, recurrenceForwardWasm, recurrenceRunsInWasm } from './recurrence-wasm.js';

/** A deterministic sequence in [−1.5, 1.5) (a linear congruential generator), float32. */
function values(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let state = seed >>> 0;
  for (let index = 0; index < count; index++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[index] = (state / 2 ** 32) * 3 - 1.5;
  }
  return out;
}

/** A contiguous view at `offset` inside a larger buffer, so that offsets are exercised too. */
function view(data: Float32Array, shape: number[], offset = 0): TensorView {
  const buffer = new Float32Array(offset + data.length);
  buffer.set(data, offset);
  return { buffer, dtype: 'float32', shape, strides: contiguousStrides(shape), offset } as unknown as TensorView;
}

function zeros(shape: number[]): TensorView {
  return view(new Float32Array(shape.reduce((product, extent) => product * extent, 1)), shape, 2);
}

function expectClose(actual: Float32Array, expected: Float32Array, label: string): void {
  expect(actual.length, label).toBe(expected.length);
  for (let index = 0; index < actual.length; index++) {
    const tolerance = 2e-6 * (1 + Math.abs(expected[index]!));
    if (!(Math.abs(actual[index]! - expected[index]!) <= tolerance))
      expect.fail(`${label}[${index}]: ${actual[index]} vs ${expected[index]}`);
  }
}

function contents(target: TensorView): Float32Array {
  const size = target.shape.reduce((product, extent) => product * extent, 1);
  return (target.buffer as Float32Array).slice(target.offset, target.offset + size);
}

type Mode = RecurrenceGeometry['mode'];

function runBoth(mode: Mode, hiddenSize: number, batchSizes: number[], reverse: boolean, withBias: boolean) {
  const geometry: RecurrenceGeometry = { mode, hiddenSize, batchSizes, reverse };
  const rows = batchSizes.reduce((sum, size) => sum + size, 0);
  const batch = batchSizes[0]!;
  const gates = recurrenceGateCount[mode] * hiddenSize;
  const stateRows = recurrenceStateRows(mode, rows, batch);
  const seed = hiddenSize * 31 + rows;
  const inputGates = view(values(rows * gates, seed), [rows, gates], 3);
  const h0 = view(values(batch * hiddenSize, seed + 1), [batch, hiddenSize], 1);
  const c0 = mode === 'lstm' ? view(values(batch * hiddenSize, seed + 2), [batch, hiddenSize]) : null;
  // small recurrent weights, as initialisation gives (U(−1/√H, 1/√H)), keep the states in range
  const weightHh = view(
    values(gates * hiddenSize, seed + 3).map((value) => value / Math.sqrt(hiddenSize)),
    [gates, hiddenSize],
    5,
  );
  const biasHh = withBias ? view(values(gates, seed + 4), [gates]) : null;
  const gradient = view(values(stateRows * hiddenSize, seed + 5), [stateRows, hiddenSize], 7);
  return [recurrenceLoops, { forward: recurrenceForwardWasm, backward: recurrenceBackwardWasm }].map((kernels) => {
    const result = zeros([stateRows, hiddenSize]);
    const workspace = zeros([rows * recurrenceWorkspace[mode][0] * hiddenSize]);
    kernels.forward(geometry, inputGates, h0, c0, weightHh, biasHh, result, workspace);
    const gradients = {
      inputGates: zeros([rows, gates]),
      h0: zeros([batch, hiddenSize]),
      c0: c0 ? zeros([batch, hiddenSize]) : null,
      weightHh: zeros([gates, hiddenSize]),
      biasHh: biasHh ? zeros([gates]) : null,
    };
    kernels.backward(geometry, result, workspace, weightHh, gradient, gradients);
    return {
      result: contents(result),
      workspace: contents(workspace),
      gradients: Object.entries(gradients).flatMap(([name, target]) => (target ? [[name, contents(target)] as const] : [])),
    };
  });
}

describe('recurrence kernels in WebAssembly match the JavaScript loops (float32)', () => {
  const modes: Mode[] = ['rnnTanh', 'rnnRelu', 'lstm', 'gru'];
  for (const mode of modes)
    for (const hiddenSize of [4, 12])
      for (const [batchSizes, reverse, withBias] of [
        [[3, 3, 3], false, true],
        [[5, 4, 2, 2, 1], true, false],
        [[2, 1], false, false],
      ] as const)
        it(`${mode}, H ${hiddenSize}, steps [${batchSizes}]${reverse ? ', reversed' : ''}${withBias ? ', with b_hh' : ''}`, () => {
          const [loops, wasm] = runBoth(mode, hiddenSize, [...batchSizes], reverse, withBias);
          expectClose(wasm!.result, loops!.result, 'outputs, hN, cN');
          expectClose(wasm!.workspace, loops!.workspace, 'workspace');
          for (const [index, [name, values]] of wasm!.gradients.entries()) expectClose(values, loops!.gradients[index]![1], name);
        });

  it('takes float32 layers whose hidden size is a multiple of 4, and nothing else', () => {
    const geometry = (hiddenSize: number): RecurrenceGeometry => ({ mode: 'lstm', hiddenSize, batchSizes: [2], reverse: false });
    expect(recurrenceRunsInWasm(geometry(8), new Float32Array(1))).toBe(true);
    expect(recurrenceRunsInWasm(geometry(6), new Float32Array(1))).toBe(false);
    expect(recurrenceRunsInWasm(geometry(8), new Float64Array(1))).toBe(false);
  });
});
