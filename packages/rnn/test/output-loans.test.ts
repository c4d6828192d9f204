// What a recurrent layer returns is released two calls and a backward pass later (output-loans.ts).
import { keep, noGrad, randn } from '@dl/tensor';
import { describe, it, expect } from 'vitest';
import { GRU, LSTM } from '../src/index.js';

describe('outputs of recurrent layers are lent', () => {
  it('unused final states are released two calls after a training step, with an error naming the layer', () => {
    const lstm = new LSTM(2, 3);
    const x = randn([4, 1, 2]);
    const [output, [hN, cN]] = lstm.call(x);
    const detached = hN.detach();
    const kept = keep(cN);
    output.sum().backward();
    lstm.call(x)[0].sum().backward();
    expect(hN.toArraySync()).toHaveLength(1); // still readable: one call later
    lstm.call(x);
    expect(() => hN.toArraySync()).toThrow(/LSTM's outputs, two calls and a backward\(\) later/);
    expect(detached.toArraySync()).toHaveLength(1);
    expect(kept.toArraySync()).toHaveLength(1);
  });

  it('nothing is released without a backward pass in between (generation, evaluation)', () => {
    const gru = new GRU(2, 3);
    const x = randn([4, 1, 2]);
    const [, first] = noGrad(() => gru.call(x));
    for (let call = 0; call < 4; call++) noGrad(() => gru.call(x));
    expect(first.toArraySync()).toHaveLength(1);
  });
});
