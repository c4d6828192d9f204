// Recurrent modules refuse an input or a state whose dtype is not their weights', as torch does
// (reference: tools/fixtures/tensor_product_dtypes_reference.py), instead of computing in float64.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { randn, type Tensor } from '@dl/tensor';
import { GRU, GRUCell, LSTM, LSTMCell, RNN, RNNCell } from '@dl/rnn';

const reference = JSON.parse(
  readFileSync(new URL('../../tensor/test/__fixtures__/product-dtypes-reference.json', import.meta.url), 'utf8'),
) as { cases: Record<string, { raises: boolean }> };

const wide = (shape: number[]) => randn(shape, { dtype: 'float64' });
const h64 = () => wide([1, 2, 4]);
const cases: Record<string, { module: string; label: string; run: () => unknown }> = {
  'LSTM input': { module: 'LSTM', label: 'input', run: () => new LSTM(3, 4).call(wide([5, 2, 3])) },
  'LSTM state': { module: 'LSTM', label: 'hidden\\[0\\]', run: () => new LSTM(3, 4).call(randn([5, 2, 3]), [h64(), h64()]) },
  'GRU input': { module: 'GRU', label: 'input', run: () => new GRU(3, 4).call(wide([5, 2, 3])) },
  'GRU state': { module: 'GRU', label: 'hidden', run: () => new GRU(3, 4).call(randn([5, 2, 3]), h64()) },
  'RNN input': { module: 'RNN', label: 'input', run: () => new RNN(3, 4).call(wide([5, 2, 3])) },
  'RNN state': { module: 'RNN', label: 'hidden', run: () => new RNN(3, 4).call(randn([5, 2, 3]), h64()) },
  'LSTMCell input': { module: 'LSTMCell', label: 'input', run: () => new LSTMCell(3, 4).call(wide([2, 3])) },
  'LSTMCell state': {
    module: 'LSTMCell',
    label: 'hx\\[0\\]',
    run: () => new LSTMCell(3, 4).call(randn([2, 3]), [wide([2, 4]), wide([2, 4])]),
  },
  'GRUCell input': { module: 'GRUCell', label: 'input', run: () => new GRUCell(3, 4).call(wide([2, 3])) },
  'GRUCell state': { module: 'GRUCell', label: 'hidden', run: () => new GRUCell(3, 4).call(randn([2, 3]), wide([2, 4])) },
  'RNNCell input': { module: 'RNNCell', label: 'input', run: () => new RNNCell(3, 4).call(wide([2, 3])) },
  'RNNCell state': { module: 'RNNCell', label: 'hidden', run: () => new RNNCell(3, 4).call(randn([2, 3]), wide([2, 4])) },
};

describe('recurrent modules and dtypes', () => {
  for (const [name, { module, label, run }] of Object.entries(cases)) {
    it(`${name}: float64 on float32 weights is refused, naming the module, the argument and both dtypes, as torch`, () => {
      expect(reference.cases[name]!.raises).toBe(true);
      expect(run).toThrow(new RegExp(`^${module}: ${label} must have the dtype of the weights, float32, got float64`));
    });
  }

  it('a module cast with .to("float64") takes float64 inputs and states', () => {
    const [output, [hidden]] = new LSTM(3, 4).to('float64').call(wide([5, 2, 3]), [h64(), h64()]) as [Tensor, [Tensor, Tensor]];
    expect([output.dtype, hidden.dtype]).toEqual(['float64', 'float64']);
    expect((new GRUCell(3, 4).to('float64').call(wide([2, 3]), wide([2, 4])) as Tensor).dtype).toBe('float64');
  });
});
