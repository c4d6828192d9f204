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

describe('a module held twice (PyTorch walks _modules, duplicates included)', () => {
  // PyTorch 1.13, nn.Sequential(lin, act, lin, act): len 4, s[3] is act, list(s) has 4 entries,
  // state_dict keys ['0.weight', '0.bias', '2.weight', '2.bias'], named_children ['0', '1'],
  // named_parameters ['0.weight', '0.bias'], and the printout lists (0) to (3)
  it('Sequential runs it at every position, counts and indexes every position, saves it under every name', () => {
    const linear = new Linear(2, 2);
    const activation = new ReLU();
    const model = new Sequential(linear, activation, linear, activation);
    expect(model.length).toBe(4);
    expect(model.at(3)).toBe(activation);
    expect(model.at(-2)).toBe(linear);
    expect([...model]).toEqual([linear, activation, linear, activation]);
    // the closed form of the chain: relu(W·relu(W·x + b) + b), which has no negative entry
    const x = tensor([
      [1, -2],
      [3, 4],
      [-5, 0.5],
    ]);
    const expected = activation.call(linear.call(activation.call(linear.call(x))));
    expect(Array.from(model.call(x).dataSync())).toEqual(Array.from(expected.dataSync()));
    expect(Object.keys(model.stateDict())).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect([...model.namedChildren()].map(([name]) => name)).toEqual(['0', '1']);
    expect([...model.namedParameters()].map(([name]) => name)).toEqual(['0.weight', '0.bias']);
    expect(String(model).match(/\(\d\)/g)).toEqual(['(0)', '(1)', '(2)', '(3)']);
    // a checkpoint of the PyTorch model, with the shared weights under both names, loads strictly
    const saved = model.stateDict();
    const copy = new Linear(2, 2);
    const reloaded = new Sequential(copy, new ReLU(), copy, new ReLU());
    expect(reloaded.loadStateDict(saved)).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(Array.from(copy.weight.dataSync())).toEqual(Array.from(linear.weight.dataSync()));
  });

  it('ModuleList and ModuleDict list it at every position and under every key', () => {
    const shared = new Linear(1, 1);
    const list = new ModuleList([shared, shared]);
    expect(list.length).toBe(2);
    expect([...list]).toEqual([shared, shared]);
    expect(list.at(1)).toBe(shared);
    list.append(new Linear(1, 1));
    expect(Object.keys(list.stateDict())).toEqual(['0.weight', '0.bias', '1.weight', '1.bias', '2.weight', '2.bias']);
    const dict = new ModuleDict({ first: shared, second: shared });
    expect(dict.size).toBe(2);
    expect(dict.values()).toEqual([shared, shared]);
    expect(dict.entries().map(([name]) => name)).toEqual(['first', 'second']);
  });
});
