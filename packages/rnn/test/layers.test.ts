// Every layer and configuration against torch.nn in float64: torch's state dict is loaded strictly
// through loadStateDict, then the outputs, final states and the gradients of
// Σ output·u + Σ hN·v (+ Σ cN·w) for the input, h0, c0 and every parameter are compared at 1e-10.
// Reference: tools/fixtures/rnn_reference.py → rnn_layers.json.
import { type Tensor } from '@dl/tensor';
import { describe, it, expect } from 'vitest';
import { GRU, LSTM, RNN, packPaddedSequence, padPackedSequence, type PackedSequence, type RecurrentLayer } from '../src/index.js';
import { expectClose, fromFixture, readFixture, stateDictOf, type FixtureTensor, type RecurrentCase } from './helpers/fixtures.js';

interface LayerCase extends RecurrentCase<'RNN' | 'LSTM' | 'GRU'> {
  output: FixtureTensor;
  upstreamOutput: FixtureTensor;
  lengths?: number[];
  enforceSorted?: boolean;
  batchSizes?: number[];
  sortedIndices?: number[] | null;
  paddedOutput?: FixtureTensor;
  paddedLengths?: number[];
}

const layers: Record<string, new (inputSize: number, hiddenSize: number, options?: object) => RecurrentLayer> = { RNN, LSTM, GRU };

function build(testCase: LayerCase): RecurrentLayer {
  const Layer = layers[testCase.kind];
  return new Layer(testCase.ts.inputSize, testCase.ts.hiddenSize, { ...testCase.ts.options, dtype: 'float64' });
}

describe('recurrent layers match torch.nn in float64', () => {
  for (const testCase of readFixture<LayerCase[]>('rnn_layers.json')) {
    it(testCase.name, () => {
      const layer = build(testCase);
      expect(Object.keys(layer.stateDict())).toEqual(Object.keys(testCase.stateDict));
      layer.loadStateDict(stateDictOf(testCase));

      const input = fromFixture(testCase.input, true);
      const h0 = testCase.h0 ? fromFixture(testCase.h0, true) : null;
      const c0 = testCase.c0 ? fromFixture(testCase.c0, true) : null;
      const batchFirst = testCase.ts.options.batchFirst === true;
      const packed = testCase.lengths
        ? packPaddedSequence(input, testCase.lengths, { batchFirst, enforceSorted: testCase.enforceSorted })
        : null;
      if (packed) {
        expect(packed.batchSizes).toEqual(testCase.batchSizes);
        expect(packed.sortedIndices).toEqual(testCase.sortedIndices);
      }
      const sequence = packed ?? input;
      let output: Tensor | PackedSequence;
      let hN: Tensor;
      let cN: Tensor | null = null;
      if (layer instanceof LSTM) [output, [hN, cN]] = layer.call(sequence, h0 && c0 ? [h0, c0] : null);
      else [output, hN] = (layer as RNN).call(sequence, h0);

      const outputData = packed ? (output as PackedSequence).data : (output as Tensor);
      expectClose(outputData, testCase.output, 'output');
      expectClose(hN, testCase.hN, 'hN');
      if (testCase.cN) expectClose(cN, testCase.cN, 'cN');
      if (packed) {
        const [padded, lengths] = padPackedSequence(output as PackedSequence, { batchFirst });
        expectClose(padded, testCase.paddedOutput!, 'padded output');
        expect(Array.from(lengths.dataSync())).toEqual(testCase.paddedLengths);
      }

      let loss = outputData
        .mul(fromFixture(testCase.upstreamOutput))
        .sum()
        .add(hN.mul(fromFixture(testCase.upstreamHN)).sum());
      if (cN) loss = loss.add(cN.mul(fromFixture(testCase.upstreamCN!)).sum());
      loss.backward();
      expectClose(input.grad, testCase.inputGrad, 'input grad');
      if (h0) expectClose(h0.grad, testCase.h0Grad!, 'h0 grad');
      if (c0) expectClose(c0.grad, testCase.c0Grad!, 'c0 grad');
      const parameters = new Map(layer.namedParameters());
      expect([...parameters.keys()]).toEqual(Object.keys(testCase.paramGrads));
      for (const [name, gradient] of Object.entries(testCase.paramGrads)) expectClose(parameters.get(name)!.grad, gradient, `${name} grad`);
    });
  }
});
