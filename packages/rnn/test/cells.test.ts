// The cells against torch.nn's RNNCell/LSTMCell/GRUCell in float64 (rnn_reference.py → rnn_cells.json).
import type { Tensor } from '@dl/tensor';
import { describe, it, expect } from 'vitest';
import { GRUCell, LSTM, LSTMCell, RNNCell } from '../src/index.js';
import { expectClose, fromFixture, readFixture, stateDictOf, type RecurrentCase } from './helpers/fixtures.js';

type CellCase = RecurrentCase<'RNNCell' | 'LSTMCell' | 'GRUCell'>;

const cells = { RNNCell, LSTMCell, GRUCell };

describe('recurrent cells match torch.nn in float64', () => {
  for (const testCase of readFixture<CellCase[]>('rnn_cells.json')) {
    it(testCase.name, () => {
      const cell = new cells[testCase.kind](testCase.ts.inputSize, testCase.ts.hiddenSize, { ...testCase.ts.options, dtype: 'float64' });
      expect(Object.keys(cell.stateDict())).toEqual(Object.keys(testCase.stateDict));
      cell.loadStateDict(stateDictOf(testCase));
      const input = fromFixture(testCase.input, true);
      const h0 = testCase.h0 ? fromFixture(testCase.h0, true) : null;
      const c0 = testCase.c0 ? fromFixture(testCase.c0, true) : null;
      let hN: Tensor;
      let cN: Tensor | null = null;
      if (cell instanceof LSTMCell) [hN, cN] = cell.call(input, h0 && c0 ? [h0, c0] : null);
      else hN = (cell as RNNCell).call(input, h0);
      expectClose(hN, testCase.hN, 'h1');
      if (testCase.cN) expectClose(cN, testCase.cN, 'c1');
      let loss = hN.mul(fromFixture(testCase.upstreamHN)).sum();
      if (cN) loss = loss.add(cN.mul(fromFixture(testCase.upstreamCN!)).sum());
      loss.backward();
      expectClose(input.grad, testCase.inputGrad, 'input grad');
      if (h0) expectClose(h0.grad, testCase.h0Grad!, 'h grad');
      if (c0) expectClose(c0.grad, testCase.c0Grad!, 'c grad');
      for (const [name, parameter] of cell.namedParameters()) expectClose(parameter.grad, testCase.paramGrads[name]!, `${name} grad`);
    });
  }
});

describe("torch's positional order", () => {
  it('cells take bias (and RNNCell its nonlinearity) positionally, LSTM its proj_size last', () => {
    const rnn = new RNNCell(3, 4, false, 'relu');
    expect([rnn.bias, rnn.nonlinearity]).toEqual([false, 'relu']);
    expect(Object.keys(new LSTMCell(3, 4, false).stateDict())).toEqual(['weight_ih', 'weight_hh']);
    expect(Object.keys(new GRUCell(3, 4, true, { dtype: 'float64' }).stateDict())).toEqual([
      'weight_ih',
      'weight_hh',
      'bias_ih',
      'bias_hh',
    ]);
    expect(new LSTM(3, 4, 1, true, false, 0, false, 2).projSize).toBe(2);
    expect(() => new LSTMCell(3, 4, false, true as never)).toThrow('LSTMCell: too many positional arguments');
  });
});
