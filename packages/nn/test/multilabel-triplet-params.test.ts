import { describe, expect, it } from 'vitest';
import { ones, tensor, type Tensor, zeros } from '@dl/tensor';
import {
  F,
  Linear,
  Module,
  MultiLabelMarginLoss,
  ParameterDict,
  ParameterList,
  PairwiseDistance,
  SGD,
  TripletMarginWithDistanceLoss,
} from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// torch.nn.MultiLabelMarginLoss, TripletMarginWithDistanceLoss, ParameterList and ParameterDict
// (torch 1.13) against tools/fixtures/nn_multilabel_triplet_params_reference.py: losses and the
// gradients of sum(loss·r) in float64, the containers' repr and state-dict keys.

interface Case {
  name: string;
  options: { reduction?: 'mean' | 'sum' | 'none'; margin?: number; swap?: boolean };
  inputs: FixtureTensor[];
  output: FixtureTensor;
  weights: FixtureTensor;
  gradients: FixtureTensor[];
  target?: number[][] | number[];
  distance?: 'pairwise' | 'cosine' | 'l1';
}
const reference = readFixture<{
  multilabelMarginLoss: Case[];
  tripletMarginWithDistanceLoss: Case[];
  containers: Record<string, string & string[]> & { lossReprs: string[] };
}>('nn_multilabel_triplet_params.json');

const distances = {
  pairwise: null,
  cosine: (x1: Tensor, x2: Tensor) => F.cosineSimilarity(x1, x2).neg().add(1),
  l1: (x1: Tensor, x2: Tensor) => x1.sub(x2).abs().sum(-1),
};

describe('MultiLabelMarginLoss against torch', () => {
  it.each(reference.multilabelMarginLoss.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const input = fromFixture(entry.inputs[0]!, 'float64').requiresGrad_();
    const target = tensor(entry.target!, { dtype: 'int32' });
    const loss = new MultiLabelMarginLoss(entry.options).call(input, target);
    expectClose(loss, entry.output, `${name}: loss`, 1e-10, 1e-12);
    loss.mul(fromFixture(entry.weights, 'float64')).sum().backward();
    expectClose(input.grad, entry.gradients[0]!, `${name}: gradient`, 1e-10, 1e-12);
    // float32, and the functional form with the reduction positional on the module
    const single = F.multilabelMarginLoss(fromFixture(entry.inputs[0]!), target, entry.options);
    expectClose(single, entry.output, `${name}: float32`, 1e-5, 1e-6);
  });

  it("matches torch's documented example, prints as torch and names bad input", () => {
    const scores = tensor([[0.1, 0.2, 0.4, 0.8]]);
    const labels = tensor([[3, 0, -1, 1]], { dtype: 'int32' });
    expect(new MultiLabelMarginLoss('sum').call(scores, labels).itemSync()).toBeCloseTo(0.85, 6);
    expect(String(new MultiLabelMarginLoss('sum'))).toBe(reference.containers.lossReprs[0]);
    expect(() => F.multilabelMarginLoss(scores, tensor([[3, 4, -1, 1]], { dtype: 'int32' }))).toThrow(
      'multilabelMarginLoss: target must hold class indices in [0, 4) or -1, got 4',
    );
    expect(() => F.multilabelMarginLoss(scores, tensor([[3, -2, -1, 1]], { dtype: 'int32' }))).toThrow(
      'multilabelMarginLoss: target must hold class indices in [0, 4) or -1, got -2',
    );
    expect(() => F.multilabelMarginLoss(scores, tensor([3, 0, -1, 1], { dtype: 'int32' }))).toThrow(
      'multilabelMarginLoss: expected input [N, C] (or [C]) and a target of the same shape, got [1, 4] and [4]',
    );
    expect(() => F.multilabelMarginLoss(scores, labels, { margin: 1 } as never)).toThrow('multilabelMarginLoss: unknown option `margin`');
    expect(() => new MultiLabelMarginLoss({ reduction: 'avg' as never })).toThrow('MultiLabelMarginLoss');
  });
});

describe('TripletMarginWithDistanceLoss against torch', () => {
  it.each(reference.tripletMarginWithDistanceLoss.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const [anchor, positive, negative] = entry.inputs.map((value) => fromFixture(value, 'float64').requiresGrad_());
    const distanceFunction = distances[entry.distance!];
    const loss = new TripletMarginWithDistanceLoss({ ...entry.options, distanceFunction }).call(anchor!, positive!, negative!);
    expectClose(loss, entry.output, `${name}: loss`, 1e-10, 1e-12);
    loss.mul(fromFixture(entry.weights, 'float64')).sum().backward();
    [anchor, positive, negative].forEach((input, index) =>
      expectClose(input!.grad, entry.gradients[index]!, `${name}: gradient ${index}`, 1e-9, 1e-11),
    );
    const [a32, p32, n32] = entry.inputs.map((value) => fromFixture(value));
    const single = F.tripletMarginWithDistanceLoss(a32!, p32!, n32!, { ...entry.options, distanceFunction });
    expectClose(single, entry.output, `${name}: float32`, 1e-5, 1e-6);
  });

  it('holds a module distance as the child distance_function, prints as torch and names bad options', () => {
    const loss = new TripletMarginWithDistanceLoss({ margin: 0.5 });
    expect(String(loss)).toBe(reference.containers.lossReprs[1]);
    const withL1 = new TripletMarginWithDistanceLoss({ distanceFunction: new PairwiseDistance({ p: 1 }) });
    expect(String(withL1)).toBe('TripletMarginWithDistanceLoss(\n  (distance_function): PairwiseDistance()\n)');
    const a = tensor([[0, 0]]);
    const p = tensor([[1, 1]]);
    const n = tensor([[3, 0]]);
    // L1: d(a, p) = 2 (+ 2e-6 from eps), d(a, n) = 3 − 1e-6 … with margin 1: max(0, 1 + 2 − 3) ≈ 4e-6
    expect(withL1.call(a, p, n).itemSync()).toBeCloseTo(0, 4);
    expect(String(new TripletMarginWithDistanceLoss({ distanceFunction: distances.l1 }))).toBe('TripletMarginWithDistanceLoss()');
    expect(() => new TripletMarginWithDistanceLoss({ margin: 0 })).toThrow(
      'TripletMarginWithDistanceLoss: expected margin to be greater than 0, got 0',
    );
    expect(() => F.tripletMarginWithDistanceLoss(a, p, n, { distance_function: distances.l1 } as never)).toThrow(
      'tripletMarginWithDistanceLoss: unknown option `distance_function` (did you mean `distanceFunction`?)',
    );
    expect(() => new TripletMarginWithDistanceLoss({ distanceFunction: 'l1' as never })).toThrow(
      "TripletMarginWithDistanceLoss: distanceFunction must be a function (x1, x2) => Tensor, got 'l1'",
    );
    expect(() => F.tripletMarginWithDistanceLoss(a, p, tensor([3, 0]))).toThrow(
      'tripletMarginWithDistanceLoss: expected anchor, positive and negative of the same number of dims, got [1, 2], [1, 2] and [2]',
    );
  });
});

describe('ParameterList and ParameterDict as torch', () => {
  it("print and name their state as torch's", () => {
    const list = new ParameterList([zeros([2, 3]), zeros([4])]);
    list.append(zeros([1], { dtype: 'float64' }));
    expect(String(list)).toBe(reference.containers.listRepr);
    expect(Object.keys(list.stateDict())).toEqual(reference.containers.listKeys);
    expect(String(new ParameterList([zeros([5])]))).toBe(reference.containers.singleRepr);
    expect(String(new ParameterList())).toBe(reference.containers.emptyListRepr);
    const dict = new ParameterDict({ scale: zeros([3]), shift: zeros([2, 2]) });
    expect(String(dict)).toBe(reference.containers.dictRepr);
    expect(Object.keys(dict.stateDict())).toEqual(reference.containers.dictKeys);

    class Holder extends Module {
      weights = new ParameterList([zeros([2]), zeros([3])]);
      gains = new ParameterDict({ alpha: zeros([1]), beta: zeros([1]) });
      forward(): void {}
    }
    expect(String(new Holder())).toBe(reference.containers.holderRepr);
    expect(Object.keys(new Holder().stateDict())).toEqual(reference.containers.holderKeys);
  });

  it('register their parameters so that an optimizer trains them', () => {
    class Holder extends Module {
      weights = new ParameterList([ones([2]), ones([2])]);
      gains = new ParameterDict({ alpha: ones([1]) });
      forward(x: Tensor): Tensor {
        let y = x;
        for (const weight of this.weights) y = y.mul(weight);
        return y.mul(this.gains.get('alpha')!);
      }
    }
    const holder = new Holder();
    expect(holder.parameters()).toHaveLength(3);
    expect(holder.parameters().every((value) => value.requiresGrad)).toBe(true);
    const optimizer = new SGD(holder.parameters(), { lr: 0.5 });
    holder
      .call(tensor([1, 2]))
      .sum()
      .backward();
    optimizer.step();
    // d/dw0 of Σ x·w0·w1·α = x·w1·α = [1, 2]
    expect([...holder.weights.get(0).dataSync()]).toEqual([0.5, 0]);
    expect([...holder.gains.get('alpha')!.dataSync()]).toEqual([1 - 0.5 * 3]);
    const copy = new Holder();
    copy.loadStateDict(holder.stateDict());
    expect([...copy.weights.at(-2).dataSync()]).toEqual([0.5, 0]);
  });

  it('ParameterList: get, set, extend, iteration and errors', () => {
    const list = new ParameterList();
    const first = tensor([1, 2]);
    list.extend([first, tensor([3])]);
    expect(list.length).toBe(2);
    expect(list.get(0)).toBe(first); // marked in place, as parameter() does
    expect(first.requiresGrad).toBe(true);
    const replacement = tensor([9]);
    list.set(-1, replacement);
    expect(list.get(1)).toBe(replacement);
    expect([...list]).toEqual([first, replacement]);
    expect(() => list.get(2)).toThrow('ParameterList.get: index 2 is out of range for 2 parameters');
    expect(() => list.set(1.5, first)).toThrow('ParameterList.set: index 1.5 is out of range for 2 parameters');
    expect(() => list.append(3 as never)).toThrow('ParameterList.append: expected a tensor, got 3');
    expect(() => new ParameterList(5 as never)).toThrow('ParameterList: expected an iterable of tensors, got 5');
    expect(() => list.call()).toThrow('ParameterList has no forward: iterate over its parameters');
  });

  it('ParameterDict: get, set, keys, values, entries, pop, update and errors', () => {
    const alpha = tensor([1]);
    const dict = new ParameterDict([['alpha', alpha]]);
    dict.set('beta', tensor([2])).update({ gamma: tensor([3]) });
    expect(dict.keys()).toEqual(['alpha', 'beta', 'gamma']);
    expect([...dict]).toEqual(['alpha', 'beta', 'gamma']);
    expect(dict.values().map((value) => value.itemSync())).toEqual([1, 2, 3]);
    expect(dict.entries()[0]).toEqual(['alpha', alpha]);
    expect(dict.has('beta')).toBe(true);
    expect(dict.size).toBe(3);
    expect(dict.pop('beta').itemSync()).toBe(2);
    expect(dict.get('beta')).toBeUndefined();
    expect(Object.keys(dict.stateDict())).toEqual(['alpha', 'gamma']);
    expect(() => dict.pop('beta')).toThrow('ParameterDict.pop: no parameter named "beta" (keys: "alpha", "gamma")');
    expect(() => dict.set('training', tensor([1]))).toThrow(
      'ParameterDict: "training" is a property of the module itself and cannot name a parameter',
    );
    expect(() => dict.set('a.b', tensor([1]))).toThrow('module name can\'t be empty or contain ".", got "a.b"');
    expect(() => dict.set('delta', [1] as never)).toThrow('ParameterDict.set: "delta" must be a tensor, got an array [1]');
    dict.clear();
    expect(dict.size).toBe(0);
    expect(String(dict)).toBe('ParameterDict()');
    expect(new Linear(2, 2).parameters()).toHaveLength(2); // a neighbour untouched
  });
});
