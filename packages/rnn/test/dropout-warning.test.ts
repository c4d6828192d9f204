// torch 1.13 warns, and builds the layer, when a recurrent layer has dropout but one layer: the
// dropout goes between stacked layers, so it would never run. The text is torch's, from
// torch/nn/modules/rnn.py line 67 (RNNBase.__init__), with Python's formatting of the values shown.
import { catchWarnings, setWarningFilter } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { GRU, LSTM, RNN, type RecurrentLayer } from '../src/index.js';

/** torch's message for `dropout` and `num_layers`, as RNNBase formats it. */
function torchText(dropout: string, numLayers: string): string {
  return `dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects num_layers greater than 1, but got dropout=${dropout} and num_layers=${numLayers}`;
}

const layers: Record<string, new (inputSize: number, hiddenSize: number, options?: object) => RecurrentLayer> = { RNN, LSTM, GRU };

describe('dropout with one layer', () => {
  for (const [name, Layer] of Object.entries(layers)) {
    it(`${name} warns at construction with torch's text, and keeps the dropout`, () => {
      const { result, warnings } = catchWarnings(() => new Layer(3, 4, { dropout: 0.5 }));
      expect(warnings).toEqual([{ category: 'UserWarning', message: torchText('0.5', '1') }]);
      expect(result.dropout).toBe(0.5);
      expect(result.numLayers).toBe(1);
    });
  }

  it("formats the values as torch does (dropout=1 is Python's integer 1)", () => {
    const { warnings } = catchWarnings(() => [
      new GRU(3, 4, { dropout: 1 }),
      new LSTM(3, 4, { numLayers: 1, dropout: 0.25 }),
      new RNN(3, 4, { dropout: 0.00001 }),
    ]);
    // Python's str(1e-05) (JavaScript writes 0.00001)
    expect(warnings.map((warning) => warning.message)).toEqual([torchText('1', '1'), torchText('0.25', '1'), torchText('1e-05', '1')]);
  });

  it("warns for torch's positional arguments too", () => {
    const { warnings } = catchWarnings(() => [new LSTM(3, 4, 1, true, false, 0.5), new RNN(3, 4, 1, 'relu', true, false, 0.5)]);
    expect(warnings.map((warning) => warning.message)).toEqual([torchText('0.5', '1'), torchText('0.5', '1')]);
  });

  it('does not warn with several layers or without dropout', () => {
    const { warnings } = catchWarnings(() => [
      new LSTM(3, 4, { numLayers: 2, dropout: 0.5 }),
      new GRU(3, 4, { dropout: 0 }),
      new RNN(3, 4),
    ]);
    expect(warnings).toEqual([]);
  });

  it('keeps the errors: an invalid dropout throws without warning, an invalid projSize after it, as torch', () => {
    const { warnings } = catchWarnings(() => {
      expect(() => new LSTM(3, 4, { dropout: 1.5 })).toThrow(
        'LSTM: dropout should be a number in range [0, 1] representing the probability of an element being zeroed, got 1.5',
      );
      expect(() => new GRU(3, 4, { dropout: true as unknown as number })).toThrow('GRU: dropout should be a number in range [0, 1]');
      expect(() => new RNN(3, 4, { numLayers: 0, dropout: 0.5 })).toThrow('RNN: numLayers must be greater than zero, got 0');
      // torch warns before its proj_size check, then raises
      expect(() => new LSTM(3, 4, { dropout: 0.5, projSize: 4 })).toThrow(
        'LSTM: projSize has to be smaller than hiddenSize (got projSize 4, hiddenSize 4)',
      );
    });
    expect(warnings.map((warning) => warning.message)).toEqual([torchText('0.5', '1')]);
  });

  it("throws the warning under the 'error' filter, as Python's -W error", () => {
    const outerAction = setWarningFilter('error');
    try {
      expect(() => new GRU(3, 4, { dropout: 0.5 })).toThrow(torchText('0.5', '1'));
    } finally {
      setWarningFilter(outerAction);
    }
  });
});
