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

// PyTorch 1.13 (probed with /usr/bin/python3): ModuleList([a, b, c]).insert(1, l) has keys 0…3 in the
// order a, l, b, c; pop(0) then leaves keys 0…2 and state_dict ['0.weight', '0.bias', '2.weight',
// '2.bias']; `del m[-1]` keys 0, 1; `m[0] = x` keeps the name; Sequential.insert(-1, t) goes before the
// last; `del` on Sequential(OrderedDict(conv, act, out)) renumbers the rest to '0', '1'; ModuleDict's
// pop/update/clear. Sequential.insert(9) on 3 modules raises IndexError.
describe('list operations of ModuleList and Sequential, dict operations of ModuleDict (as PyTorch)', () => {
  const names = (module: { stateDict(): Record<string, unknown> }) => Object.keys(module.stateDict());

  it('insert shifts the later modules up one name; pop and delete renumber the rest from 0', () => {
    const [a, relu, c, inserted] = [new Linear(1, 1), new ReLU(), new Linear(1, 2), new Linear(3, 3)];
    const list = new ModuleList<Linear | ReLU>([a, relu, c]);
    list.insert(1, inserted);
    expect([...list]).toEqual([a, inserted, relu, c]);
    expect(names(list)).toEqual(['0.weight', '0.bias', '1.weight', '1.bias', '3.weight', '3.bias']);
    expect(list.pop(0)).toBe(a);
    expect([...list]).toEqual([inserted, relu, c]);
    expect(names(list)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(list.pop()).toBe(c);
    list.delete(-1);
    expect([...list]).toEqual([inserted]);
    const replacement = new Linear(4, 4);
    list.set(0, replacement);
    expect(list.at(0)).toBe(replacement);
    expect(list.parameters()).toEqual([replacement.weight, replacement.bias]);
    // the state dict round-trips into a list built to the new layout
    const copy = new ModuleList([new Linear(4, 4)]);
    copy.loadStateDict(list.stateDict());
    expect(Array.from(copy.at(0).weight.dataSync())).toEqual(Array.from(replacement.weight.dataSync()));
  });

  it('Sequential inserts before a negative index as Python lists do, and runs the new order', () => {
    const [first, second] = [new Linear(2, 2), new Linear(2, 2)];
    const model = new Sequential(first, second);
    const activation = new ReLU();
    model.insert(-1, activation);
    expect([...model]).toEqual([first, activation, second]);
    const x = tensor([[1, -3]]);
    expect(Array.from(model.call(x).dataSync())).toEqual(Array.from(second.call(activation.call(first.call(x))).dataSync()));
    model.insert(3, new ReLU()).insert(-4, new ReLU());
    expect(model.length).toBe(5);
    expect(model.at(1)).toBe(first);
    expect(names(model)).toEqual(['1.weight', '1.bias', '3.weight', '3.bias']);
    model.extend([new ReLU()]);
    expect(model.length).toBe(6);
  });

  it('a named Sequential renumbers on delete; insert needs positional names', () => {
    const model = new Sequential({ conv: new Linear(1, 1), act: new ReLU(), out: new Linear(1, 2) });
    expect(() => model.insert(0, new ReLU())).toThrow(
      'Sequential.insert: inserting needs children named by position (0, 1, …); this one has a child named "conv"',
    );
    model.delete(1);
    expect(names(model)).toEqual(['0.weight', '0.bias', '1.weight', '1.bias']);
    model.insert(0, new ReLU());
    expect(names(model)).toEqual(['1.weight', '1.bias', '2.weight', '2.bias']);
  });

  it('out-of-range and non-integer positions, and non-modules, are errors naming the call', () => {
    const model = new Sequential(new Linear(1, 1), new ReLU(), new Linear(1, 1));
    expect(() => model.insert(9, new ReLU())).toThrow('Sequential.insert: index 9 is out of range for 3 modules');
    expect(() => model.insert(-4, new ReLU())).toThrow('Sequential.insert: index -4 is out of range for 3 modules');
    expect(() => model.pop(3)).toThrow('Sequential.pop: index 3 is out of range for 3 modules');
    expect(() => model.set(1.5, new ReLU())).toThrow('Sequential.set: index 1.5 is out of range for 3 modules (an integer is needed)');
    expect(() => new ModuleList().pop()).toThrow('ModuleList.pop: index -1 is out of range for 0 modules');
    expect(() => new ModuleList().at(0)).toThrow(RangeError);
    expect(() => model.append({} as ReLU)).toThrow('Sequential.append: expected a Module, got object');
    expect(() => model.insert(0, null as unknown as ReLU)).toThrow('Sequential.insert: expected a Module, got null');
    expect(model.length).toBe(3);
  });

  it('ModuleDict pops, deletes, clears and updates, in order', () => {
    const [a, b, c] = [new Linear(1, 1), new ReLU(), new Linear(1, 2)];
    const dict = new ModuleDict<Linear | ReLU>({ x: a, y: b });
    expect(dict.pop('x')).toBe(a);
    expect(dict.keys()).toEqual(['y']);
    dict.update({ z: c });
    expect(dict.keys()).toEqual(['y', 'z']);
    dict.update([['y', a]]).update(new ModuleDict({ w: b }));
    expect(dict.entries()).toEqual([
      ['y', a],
      ['z', c],
      ['w', b],
    ]);
    expect(names(dict)).toEqual(['y.weight', 'y.bias', 'z.weight', 'z.bias']);
    dict.delete('z');
    expect(dict.keys()).toEqual(['y', 'w']);
    expect(() => dict.pop('q')).toThrow('ModuleDict.pop: no module named "q" (keys: "y", "w")');
    expect(() => dict.update([['v', 3 as unknown as ReLU]])).toThrow('ModuleDict.set: "v" must be a Module, got number');
    expect(() => dict.update([['v'] as unknown as [string, ReLU]])).toThrow('ModuleDict.update: expected [name, module] pairs, got ["v"]');
    dict.clear();
    expect(dict.size).toBe(0);
    expect(names(dict)).toEqual([]);
  });
});
