import { tensor, zeros } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { Linear } from '../layers/linear.js';
import { ReLU } from '../activations/relu.js';
import { ModuleDict } from './module-dict.js';
import { ModuleList } from './module-list.js';
import { Sequential } from './sequential.js';

describe('containers', () => {
  it('Sequential chains, indexes, appends, and takes named children', () => {
    const model = new Sequential(new Linear(2, 3), new ReLU());
    model.append(new Linear(3, 1));
    expect(model.length).toBe(3);
    expect(model.at(-1)).toBeInstanceOf(Linear);
    expect([...model].map((module) => module.constructor.name)).toEqual(['Linear', 'ReLU', 'Linear']);
    expect(model.call(zeros([5, 2])).shape).toEqual([5, 1]);
    const named = new Sequential({ encoder: new Linear(2, 2), act: new ReLU() });
    expect(Object.keys(named.stateDict())).toEqual(['encoder.weight', 'encoder.bias']);
    const many = new Sequential(...Array.from({ length: 12 }, () => new Linear(1, 1, { bias: false })));
    expect(Object.keys(many.stateDict())).toEqual(Array.from({ length: 12 }, (_, index) => `${index}.weight`));
  });

  it('ModuleList and ModuleDict register their modules', () => {
    const list = new ModuleList([new Linear(1, 1)]).extend([new Linear(1, 2)]);
    expect(list.length).toBe(2);
    expect(Object.keys(list.stateDict())).toEqual(['0.weight', '0.bias', '1.weight', '1.bias']);
    expect(() => list.forward()).toThrow(/iterate/);
    const dict = new ModuleDict({ a: new Linear(1, 1) });
    dict.set('b', new Linear(1, 1, { bias: false }));
    expect(dict.keys()).toEqual(['a', 'b']);
    expect(dict.has('b') && dict.size === 2).toBe(true);
    expect(Object.keys(dict.stateDict())).toEqual(['a.weight', 'a.bias', 'b.weight']);
    expect(() => dict.set('training', new Linear(1, 1))).toThrow(/property/);
    expect(dict.get('a')!.call(tensor([[2]])).shape).toEqual([1, 1]);
  });
});
