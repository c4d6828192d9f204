/**
 * A recurrent pass split over helper threads (recurrence-parts.ts, assembly/recurrence-parts.ts): each
 * thread takes a range of hidden units and they meet at barriers, so the outputs, final states and
 * every gradient must be bit for bit one thread's, for every mode, packed and reversed, and for hidden
 * sizes that do not divide evenly (the last part smaller, H not a multiple of 8). Not timed here:
 * bench/rnn-workloads.mjs and compare-trees.mjs's w4b measure the speed-up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cat, manualSeed, randn, recurrence, type RecurrenceMode, type Tensor } from '../../index.js';
import { setNumThreads } from '../threads/thread-count.js';
import { CallFrame, kernelPool } from '../wasm/instance.js';

afterEach(() => setNumThreads(1));

const gateCount = { rnnTanh: 1, rnnRelu: 1, lstm: 4, gru: 3 } as const;

/** Outputs and final states, then the gradients of Σ (those)·upstream for every input, on `threads` threads. */
function pass(threads: number, mode: RecurrenceMode, hidden: number, batchSizes: number[], reverse: boolean): number[][] {
  setNumThreads(threads);
  manualSeed(11);
  const rows = batchSizes.reduce((sum, size) => sum + size, 0);
  const gates = gateCount[mode] * hidden;
  const options = { requiresGrad: true };
  const leaves: Tensor[] = [
    randn([rows, gates], options),
    randn([batchSizes[0]!, hidden], options),
    randn([gates, hidden], options).mul(0.1).detach().requiresGrad_(),
    randn([gates], options),
  ];
  const c0 = mode === 'lstm' ? randn([batchSizes[0]!, hidden], options) : null;
  const [inputGates, h0, weightHh, biasHh] = leaves as [Tensor, Tensor, Tensor, Tensor];
  const result = recurrence({ mode, inputGates, batchSizes, h0, c0, weightHh, biasHh, weightHr: null, reverse });
  const states = cat([result.output, result.hN, ...(result.cN ? [result.cN] : [])], 0);
  states.mul(randn(states.shape)).sum().backward();
  return [states, ...leaves, ...(c0 ? [c0] : [])].map((tensor, index) => Array.from((index === 0 ? tensor : tensor.grad!).dataSync()));
}

/** Where two runs first differ (as bits), or null: a short message where toEqual would diff 10⁵ numbers. */
function firstDifference(actual: number[][], expected: number[][]): string | null {
  for (let tensor = 0; tensor < expected.length; tensor++)
    for (let index = 0; index < expected[tensor]!.length; index++)
      if (!Object.is(actual[tensor]![index], expected[tensor]![index]))
        return `tensor ${tensor} [${index}]: ${actual[tensor]![index]} against one thread's ${expected[tensor]![index]}`;
  return null;
}

describe('a recurrent pass on several threads', () => {
  // B·G·H ≥ 2²⁰ multiply-adds per step (the split's threshold) for every case
  const cases: [RecurrenceMode, number, number[], boolean][] = [
    ['lstm', 64, [64, 64, 64, 64], false],
    ['lstm', 100, [48, 48, 40, 17, 3], true], // H mod 8 = 4, a packed batch, reversed
    ['gru', 96, [64, 50, 50, 8], false],
    ['rnnTanh', 136, [64, 64, 33], true],
    ['rnnRelu', 136, [64, 61, 2], false],
  ];
  for (const [mode, hidden, batchSizes, reverse] of cases)
    it(`${mode}, H ${hidden}, batch sizes [${batchSizes}]${reverse ? ', reversed' : ''}: outputs and gradients bit-identical for 1, 2 and 3 threads`, () => {
      const one = pass(1, mode, hidden, batchSizes, reverse);
      const two = pass(2, mode, hidden, batchSizes, reverse);
      expect(kernelPool()!.handedOut).toBe(2); // one part of the forward and one of the backward
      expect(firstDifference(two, one)).toBeNull();
      const three = pass(3, mode, hidden, batchSizes, reverse);
      expect(kernelPool()!.handedOut).toBe(4);
      expect(firstDifference(three, one)).toBeNull();
    });

  it('stays on one thread below 2²⁰ multiply-adds a step (the tutorial-sized layers)', () => {
    pass(2, 'lstm', 32, [64, 64], false); // 64·128·32 = 262,144
    expect(kernelPool()?.handedOut ?? 0).toBe(0);
  });

  it('a helper that fails inside a split pass releases the calling thread at its barrier, and the call fails', () => {
    setNumThreads(2);
    const pool = kernelPool()!;
    // a forward pass of an RNN (H 16, one step of batch 4) whose part 1 points far outside the memory:
    // its first copy traps; without abandoning the barriers part 0 would wait for it forever
    const frame = new CallFrame();
    const H = 16;
    const region = (floats: number) => frame.reserve(floats * 4);
    const sizes = frame.copyIn(Int32Array.of(4), 0, 1);
    const offsets = frame.copyIn(Int32Array.of(0), 0, 1);
    const shared = [0, H, 1, sizes, offsets, 0, region(4 * H), region(H * H), 0, region(8 * H), region(4 * H), 2];
    const ownPart = [
      0,
      8,
      region(8 * H),
      frame.reserve(frame.exports.packedBBytes(8, H)),
      region(4 * 8),
      frame.reserve(frame.exports.workspaceBytes()),
    ];
    const outside = 2 ** 31 - 64;
    const trappingPart = [8, 16, outside, outside, outside, outside];
    const words = new Int32Array(16 + 2 * 8);
    words.set(shared);
    words.set(ownPart, 16);
    words.set(trappingPart, 24);
    const block = frame.copyIn(words, 0, words.length);
    frame.exports.resetBarriers();
    expect(() =>
      pool.run([{ kernel: 'recurrenceForwardPart', arguments: [block, 1] }], () => frame.exports.recurrenceForwardPart(block, 0)),
    ).toThrow('a helper thread failed while computing its part of recurrenceForwardPart');
  });
});
