// Where @dl/rnn differed silently from torch 1.13: calls torch refuses that ran here with a guessed
// meaning (or failed with an unrelated message), and torch's flatten_parameters / all_weights.
// Reference: tools/fixtures/rnn_parity_probes_reference.py → rnn_parity_probes.json.
import { randn } from '@dl/tensor';
import { describe, it, expect } from 'vitest';
import { GRU, GRUCell, LSTM, LSTMCell, packSequence, padPackedSequence } from '../src/index.js';
import { expectClose, fromFixture, readFixture, stateDictOf, type FixtureTensor } from './helpers/fixtures.js';

interface Rejection {
  name: string;
  torchError: string;
  torchMessage: string;
}

interface ParityProbes {
  rejections: Rejection[];
  flattenParameters: {
    stateDict: Record<string, FixtureTensor>;
    input: FixtureTensor;
    output: FixtureTensor;
    hN: FixtureTensor;
    cN: FixtureTensor;
    allWeights: number[][][];
    allWeightNames: string[][];
  };
}

const probes = readFixture<ParityProbes>('rnn_parity_probes.json');

/** `module.call(...values)` with arguments its TypeScript signature refuses, as a JavaScript caller could pass them. */
const callUntyped = (module: { call: (...values: never[]) => unknown }, ...values: unknown[]) =>
  (module.call as unknown as (...values: unknown[]) => unknown).apply(module, values);

const packed = () => packSequence([fromFixture({ shape: [3], data: [1, 2, 3] }), fromFixture({ shape: [1], data: [4] })]);

/**
 * Each rejection's @dl call (same arguments as the Python probe) and what its message must say: torch's
 * own words where they are about the input (sequence length, dropout), otherwise the operation and the
 * offending value.
 */
const calls: Record<string, [() => unknown, string]> = {
  'LSTMCell state given as one tensor': [
    () => callUntyped(new LSTMCell(3, 4), randn([2, 3]), randn([2, 4])),
    'LSTMCell: the state must be a pair [h, c] of tensors (hx[0], hx[1]), or omitted for zeros; got a tensor of shape [2, 4]',
  ],
  'LSTMCell state (h, None)': [
    () => callUntyped(new LSTMCell(3, 4), randn([2, 3]), [randn([2, 4]), null]),
    'LSTMCell: the state must be a pair [h, c] of tensors (hx[0], hx[1]), or omitted for zeros; got an array [a tensor of shape [2, 4], null]',
  ],
  'LSTM state (h0, None)': [
    () => callUntyped(new LSTM(3, 4), randn([5, 2, 3]), [randn([1, 2, 4]), null]),
    'LSTM: the state must be a pair [h, c] of tensors (hidden[0], hidden[1])',
  ],
  'GRU h0 given as a tuple': [
    () => callUntyped(new GRU(3, 4), randn([5, 2, 3]), [randn([1, 2, 4])]),
    'GRU: hidden must be a tensor, got an array [a tensor of shape [1, 2, 4]]',
  ],
  'GRUCell hx given as a tuple': [
    () => callUntyped(new GRUCell(3, 4), randn([2, 3]), [randn([2, 4])]),
    'GRUCell: hidden must be a tensor, got an array [a tensor of shape [2, 4]]',
  ],
  'dropout=True': [() => new LSTM(3, 4, { numLayers: 2, dropout: true as unknown as number }), 'LSTM: {torch}, got true'],
  "dropout='0.5'": [() => new GRU(3, 4, { numLayers: 2, dropout: '0.5' as unknown as number }), "GRU: {torch}, got '0.5'"],
  'zero time steps': [() => new GRU(3, 4).call(randn([0, 2, 3])), 'GRU: {torch}, got input [0, 2, 3]'],
  'zero time steps unbatched': [() => new LSTM(3, 4).call(randn([0, 3])), 'LSTM: {torch}, got input [0, 3]'],
  'total_length=4.5': [
    () => padPackedSequence(packed(), { totalLength: 4.5 }),
    'padPackedSequence: totalLength must be an integer (or null), got 4.5',
  ],
  "total_length='5'": [
    () => padPackedSequence(packed(), { totalLength: '5' as unknown as number }),
    "padPackedSequence: totalLength must be an integer (or null), got '5'",
  ],
};

describe('calls torch 1.13 refuses are errors, not a guessed meaning', () => {
  for (const rejection of probes.rejections)
    it(`${rejection.name} (torch: ${rejection.torchError})`, () => {
      expect(calls[rejection.name], `no @dl call for the probe ${rejection.name}`).toBeDefined();
      const [call, message] = calls[rejection.name]!;
      expect(call).toThrow(message.replace('{torch}', rejection.torchMessage));
    });
});

describe("torch's flatten_parameters and all_weights", () => {
  const reference = probes.flattenParameters;
  const build = () => {
    const lstm = new LSTM(3, 4, { numLayers: 2, bidirectional: true, projSize: 2, dtype: 'float64' });
    lstm.loadStateDict(stateDictOf(reference));
    return lstm;
  };

  it('flattenParameters is a no-op: the outputs after it are torch’s', () => {
    const lstm = build();
    lstm.flattenParameters();
    const [output, [hN, cN]] = lstm.call(fromFixture(reference.input));
    expectClose(output, reference.output, 'output');
    expectClose(hN, reference.hN, 'hN');
    expectClose(cN, reference.cN, 'cN');
  });

  it('allWeights lists each layer and direction’s parameters in torch’s order', () => {
    const lstm = build();
    const allWeights = lstm.allWeights;
    expect(allWeights.map((weights) => weights.map((weight) => [...weight.shape]))).toEqual(reference.allWeights);
    // the very parameters, by torch's names
    const byName = new Map(lstm.namedParameters());
    allWeights.forEach((weights, slice) =>
      weights.forEach((weight, position) => expect(weight).toBe(byName.get(reference.allWeightNames[slice]![position]!))),
    );
  });
});
