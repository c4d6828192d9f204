import { describe, expect, it } from 'vitest';
import { checkChoice, checkOptions, choicesOf, withDefaults } from './options.js';

describe('checkOptions', () => {
  it('accepts known keys and undefined', () => {
    expect(checkOptions('SGD', { lr: 1 }, ['lr'])).toEqual({ lr: 1 });
    expect(checkOptions('SGD', undefined, ['lr'])).toBeUndefined();
  });

  it('names the accepted keys for an unknown one', () => {
    expect(() => checkOptions('SGD', { foo: 1 }, ['lr', 'momentum'])).toThrow('SGD: unknown option `foo`. Accepted options: lr, momentum');
  });

  it.each([
    ['weight_decay', 'weightDecay'],
    ['step_size', 'stepSize'],
    ['T_max', 'tMax'],
    ['learningRate', 'lr'],
    ['label_smoothing', 'labelSmoothing'],
    ['pos_label', 'positiveLabel'],
  ])('suggests the key meant for %s', (given, meant) => {
    expect(() => checkOptions('X', { [given]: 1 }, ['lr', 'weightDecay', 'stepSize', 'tMax', 'labelSmoothing', 'positiveLabel'])).toThrow(
      `X: unknown option \`${given}\` (did you mean \`${meant}\`?)`,
    );
  });

  it('rejects a value that is not an options object, without [object Object]', () => {
    expect(() => checkOptions('Linear', 3, ['bias'])).toThrow('Linear: expected an options object { bias }, got 3');
    expect(() => checkOptions('Linear', new Map(), ['bias'])).toThrow('got a Map');
  });

  it('withDefaults fills what is missing and keeps defaults for undefined', () => {
    expect(withDefaults('SGD', { lr: 2, momentum: undefined }, { lr: 1, momentum: 0 })).toEqual({ lr: 2, momentum: 0 });
    expect(() => withDefaults('SGD', { momentun: 1 } as never, { lr: 1, momentum: 0 })).toThrow('unknown option `momentun`');
  });
});

describe('checkChoice', () => {
  const modes = choicesOf('fanIn', 'fanOut');
  it("reads PyTorch's spelling", () => {
    expect(checkChoice('kaimingNormal', 'mode', 'fan_in', modes)).toBe('fanIn');
    expect(checkChoice('kaimingNormal', 'mode', 'fan_out', modes)).toBe('fanOut');
    expect(checkChoice('kaimingNormal', 'mode', 'fanOut', modes)).toBe('fanOut');
  });
  it('throws for anything else, naming the choices', () => {
    expect(() => checkChoice('kaimingNormal', 'mode', 'fan', modes)).toThrow(
      "kaimingNormal: invalid mode 'fan'; expected one of 'fanIn', 'fan_in', 'fanOut', 'fan_out'",
    );
  });
});
