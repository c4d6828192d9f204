// torch.nn.utils.prune against torch 1.13, in float64 (tools/fixtures/nn_prune_reference.py): masks
// after every step, state-dict keys and order, outputs, gradients with respect to weight_orig, and
// prune.remove. The random methods are checked by their law (exact counts), not torch's draws.
import { manualSeed, noGrad, tensor, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { Adam, Conv2d, deepCopy, F, Linear, type Module, prune, Sequential, ReLU, weightNorm } from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

interface Step {
  method: 'l1Unstructured' | 'lnStructured' | 'customFromMask' | 'identity';
  name: string;
  amount?: number;
  n?: number | 'inf';
  dim?: number;
  importanceScores?: FixtureTensor | null;
  mask?: FixtureTensor;
}
interface PruneCase {
  name: string;
  kind: 'linear' | 'conv2d';
  plain: Record<string, FixtureTensor>;
  steps: { step: Step; masks: Record<string, FixtureTensor>; keys: string[] }[];
  state: Record<string, FixtureTensor>;
  input: FixtureTensor;
  output: FixtureTensor;
  weights: FixtureTensor;
  gradients: Record<string, FixtureTensor>;
  pruned: Record<string, FixtureTensor>;
  removedState: Record<string, FixtureTensor>;
  parametersRemoved: string[];
}
type Masks = Record<string, FixtureTensor>;
interface GlobalCase {
  plain: { first: Record<string, FixtureTensor>; second: Record<string, FixtureTensor> };
  importanceScores: FixtureTensor;
  afterFirst: { first: Masks; second: Masks };
  afterSecond: { first: Masks; second: Masks };
  keys: { first: string[]; second: string[] };
}
interface TrainingCase {
  state: Record<string, FixtureTensor>;
  input: FixtureTensor;
  target: FixtureTensor;
  loss: number;
  weightOrigGradient: FixtureTensor;
  stepped: Record<string, FixtureTensor>;
  nextOutput: FixtureTensor;
}
const reference = readFixture<{ cases: PruneCase[]; global: GlobalCase; training: TrainingCase }>('nn_prune.json');

const float64 = (value: FixtureTensor): Tensor => fromFixture(value, 'float64');
const stateOf = (state: Record<string, FixtureTensor>) =>
  Object.fromEntries(Object.entries(state).map(([key, value]) => [key, float64(value)]));
const tolerance = [1e-10, 1e-12] as const;
const exact = [0, 0] as const;
const fieldOf = (module: Module, name: string) => (module as unknown as Record<string, Tensor>)[name]!;
const makeLayer = (kind: PruneCase['kind']): Linear | Conv2d =>
  kind === 'linear' ? new Linear(5, 4, { dtype: 'float64' }) : new Conv2d(2, 3, 3, { dtype: 'float64' });

function applyStep(layer: Module, step: Step): void {
  const scores = step.importanceScores ? float64(step.importanceScores) : undefined;
  if (step.method === 'l1Unstructured') prune.l1Unstructured(layer, step.name, step.amount, scores);
  else if (step.method === 'lnStructured')
    prune.lnStructured(layer, step.name, {
      amount: step.amount,
      n: step.n === 'inf' ? Infinity : step.n,
      dim: step.dim,
      importanceScores: scores,
    });
  else if (step.method === 'customFromMask') prune.customFromMask(layer, step.name, float64(step.mask!));
  else prune.identity(layer, step.name);
}

function expectMasks(module: Module, masks: Masks, label: string): void {
  const buffers = Object.fromEntries(module.namedBuffers());
  expect(Object.keys(buffers), `${label}: mask names`).toEqual(Object.keys(masks));
  for (const [key, mask] of Object.entries(masks)) expectClose(buffers[key], mask, `${label}: ${key}`, ...exact);
}

describe('prune against torch', () => {
  it.each(reference.cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const layer = makeLayer(entry.kind);
    layer.loadStateDict(stateOf(entry.plain));
    entry.steps.forEach(({ step, masks, keys }, index) => {
      applyStep(layer, step);
      expectMasks(layer, masks, `${name}, step ${index + 1}`);
      expect(Object.keys(layer.stateDict()), `${name}, step ${index + 1}: keys`).toEqual(keys);
    });
    for (const [key, value] of Object.entries(layer.stateDict())) expectClose(value, entry.state[key]!, `${name}: state ${key}`, ...exact);

    const output = layer.call(float64(entry.input));
    expectClose(output, entry.output, `${name}: output`, ...tolerance);
    output.mul(float64(entry.weights)).sum().backward();
    const parameters = [...layer.namedParameters()];
    expect(parameters.map(([key]) => key)).toEqual(Object.keys(entry.gradients));
    for (const [key, value] of parameters) expectClose(value.grad, entry.gradients[key]!, `${name}: gradient of ${key}`, ...tolerance);
    for (const [key, value] of Object.entries(entry.pruned)) expectClose(fieldOf(layer, key), value, `${name}: pruned ${key}`, ...exact);

    for (const key of Object.keys(entry.pruned)) prune.remove(layer, key);
    expect(prune.isPruned(layer)).toBe(false);
    expect(Object.keys(layer.stateDict())).toEqual(Object.keys(entry.removedState));
    for (const [key, value] of Object.entries(layer.stateDict()))
      expectClose(value, entry.removedState[key]!, `${name}: removed ${key}`, ...exact);
    expect([...layer.namedParameters()].map(([key]) => key)).toEqual(entry.parametersRemoved);
    expectClose(layer.call(float64(entry.input)), entry.output, `${name}: output after remove`, ...tolerance);
  });

  it('globalUnstructured prunes three parameters of two layers together, twice, as torch', () => {
    const global = reference.global;
    const first = new Linear(4, 3, { dtype: 'float64' });
    const second = new Linear(3, 2, { dtype: 'float64' });
    first.loadStateDict(stateOf(global.plain.first));
    second.loadStateDict(stateOf(global.plain.second));
    const parameters = [
      [first, 'weight'],
      [second, 'weight'],
      [second, 'bias'],
    ] as const;
    prune.globalUnstructured(parameters, 'l1Unstructured', { amount: 0.4 });
    expectMasks(first, global.afterFirst.first, 'first pruning, first layer');
    expectMasks(second, global.afterFirst.second, 'first pruning, second layer');
    const scores = new Map<Module, Record<string, Tensor>>([[second, { weight: float64(global.importanceScores) }]]);
    prune.globalUnstructured(parameters, { pruningMethod: 'l1Unstructured', importanceScores: scores, amount: 5 });
    expectMasks(first, global.afterSecond.first, 'second pruning, first layer');
    expectMasks(second, global.afterSecond.second, 'second pruning, second layer');
    expect(Object.keys(first.stateDict())).toEqual(global.keys.first);
    expect(Object.keys(second.stateDict())).toEqual(global.keys.second);
  });

  it('trains: an Adam built after pruning steps weight_orig with a masked gradient, as torch', () => {
    const training = reference.training;
    const layer = prune.l1Unstructured(new Linear(5, 4, { dtype: 'float64' }), 'weight', 0.4);
    layer.loadStateDict(stateOf(training.state)); // a pruned state dict into a pruned module
    expect([...layer.namedParameters()].map(([key]) => key)).toEqual(['bias', 'weight_orig']);
    const optimizer = new Adam(layer.parameters(), { lr: 0.1 });
    const input = float64(training.input);
    const loss = F.mseLoss(layer.call(input), float64(training.target));
    expect(loss.itemSync()).toBeCloseTo(training.loss, 10);
    loss.backward();
    expectClose(fieldOf(layer, 'weight_orig').grad, training.weightOrigGradient, 'gradient of weight_orig', ...tolerance);
    optimizer.step();
    for (const [key, value] of Object.entries(layer.stateDict()))
      expectClose(value, training.stepped[key]!, `stepped ${key}`, ...tolerance);
    expectClose(layer.call(input), training.nextOutput, 'next output', ...tolerance);
  });
});

const zerosOf = (mask: Tensor) => mask.eq(0).sum().itemSync();

describe('random pruning', () => {
  it('randomUnstructured prunes exactly round(amount · kept) of the entries still kept, reproducibly', () => {
    const masks = [1, 1, 2].map((seed) => {
      manualSeed(seed);
      const layer = prune.randomUnstructured(new Linear(10, 10), 'weight', 0.3);
      const before = fieldOf(layer, 'weight_mask').clone();
      expect(zerosOf(before)).toBe(30);
      prune.randomUnstructured(layer, 'weight', { amount: 0.5 }); // round(0.5 · 70) = 35 more
      const after = fieldOf(layer, 'weight_mask');
      expect(zerosOf(after)).toBe(65);
      expect(after.mul(before.eq(0).to(after.dtype)).abs().sum().itemSync()).toBe(0); // earlier zeros stay zeros
      prune.randomUnstructured(layer, 'weight', 35); // the 35 left
      expect(zerosOf(fieldOf(layer, 'weight_mask'))).toBe(100);
      return after.toArraySync();
    });
    expect(masks[0]).toEqual(masks[1]);
    expect(masks[0]).not.toEqual(masks[2]);
  });

  it('randomStructured prunes whole channels, exactly round(amount · kept) of those still kept', () => {
    manualSeed(5);
    const conv = prune.randomStructured(new Conv2d(4, 6, 3), 'weight', 2, 0);
    const channelSums = () => fieldOf(conv, 'weight_mask').sum([1, 2, 3]).toArraySync() as number[];
    const first = channelSums();
    expect(first.filter((value) => value === 0)).toHaveLength(2);
    expect(first.filter((value) => value === 36)).toHaveLength(4);
    prune.randomStructured(conv, 'weight', { amount: 0.5, dim: -4 }); // round(0.5 · 4) = 2 more
    const second = channelSums();
    expect(second.filter((value) => value === 0)).toHaveLength(4);
    first.forEach((value, channel) => value === 0 && expect(second[channel]).toBe(0));
    prune.randomStructured(conv, 'weight', 1, 1); // one input channel of the two output channels left
    const inputSums = fieldOf(conv, 'weight_mask').sum([0, 2, 3]).toArraySync() as number[];
    expect(inputSums.filter((value) => value === 0)).toHaveLength(1);
    expect(inputSums.filter((value) => value === 18)).toHaveLength(3);
  });
});

describe('prune', () => {
  const linearCase = reference.cases[0]!;

  it('prunes everything with a count, nothing with 0, and keeps a frozen parameter frozen through remove', () => {
    const conv = prune.lnStructured(new Conv2d(2, 3, 3), 'weight', 3, 2, 0);
    expect(zerosOf(fieldOf(conv, 'weight_mask'))).toBe(54);
    prune.l1Unstructured(conv, 'bias', 0);
    expect(zerosOf(fieldOf(conv, 'bias_mask'))).toBe(0);
    prune.l1Unstructured(conv, 'bias', 3);
    expect(zerosOf(fieldOf(conv, 'bias_mask'))).toBe(3);
    expect(conv.bias!.abs().sum().itemSync()).toBe(0);
    fieldOf(conv, 'weight_orig').requiresGrad = false;
    prune.remove(conv, 'weight');
    expect(conv.weight.requiresGrad).toBe(false);
    expect(Object.keys(conv.stateDict())).toEqual(['bias_orig', 'weight', 'bias_mask']);
  });

  it('reads name as mask · name_orig outside forward, refuses assignment, and keeps the parameter object', () => {
    const layer = new Linear(5, 4, { dtype: 'float64' });
    layer.loadStateDict(stateOf(linearCase.plain));
    const weight = layer.weight;
    const optimizerBefore = new Adam(layer.parameters(), { lr: 0.1 });
    prune.l1Unstructured(layer, 'weight', 0.3);
    expect(fieldOf(layer, 'weight_orig')).toBe(weight); // an optimizer built before still trains it
    expect(optimizerBefore.paramGroups[0]!.params).toContain(weight);
    expectClose(layer.weight, linearCase.pruned.weight!, 'weight outside forward', ...exact);
    expect(() => {
      layer.weight = tensor([1]);
    }).toThrow("prune: 'weight' of Linear is computed from 'weight_orig' and 'weight_mask'; assign those, or call prune.remove first");
    prune.remove(layer, 'weight');
    expect(layer.weight).toBe(weight);
    expectClose(layer.weight, linearCase.pruned.weight!, 'weight after remove', ...exact);
  });

  it('isPruned looks through submodules', () => {
    const last = new Linear(4, 2);
    const model = new Sequential(new Linear(3, 4), new ReLU(), last);
    expect(prune.isPruned(model)).toBe(false);
    prune.identity(last, 'bias');
    expect(prune.isPruned(model)).toBe(true);
    expect(Object.keys(model.stateDict())).toEqual(['0.weight', '0.bias', '2.weight', '2.bias_orig', '2.bias_mask']);
    prune.remove(last, 'bias');
    expect(prune.isPruned(model)).toBe(false);
  });

  it('deepCopy gives an independent pruned copy', () => {
    const layer = new Linear(5, 4, { dtype: 'float64' });
    layer.loadStateDict(stateOf(linearCase.plain));
    prune.l1Unstructured(layer, 'weight', 0.3);
    const copy = deepCopy(layer);
    const input = float64(linearCase.input);
    noGrad(() => fieldOf(copy, 'weight_mask').fill_(1));
    expectClose(layer.call(input), linearCase.output, 'original after changing the copy', ...tolerance);
    expect(copy.call(input).toArraySync()).not.toEqual(layer.call(input).toArraySync());
    prune.remove(copy, 'weight');
    expect(Object.keys(copy.stateDict())).toEqual(['bias', 'weight']);
    expect(Object.keys(layer.stateDict())).toEqual(['bias', 'weight_orig', 'weight_mask']);
    expect(prune.isPruned(layer)).toBe(true);
    // module.to replaces weight_orig and weight_mask; the pruned weight follows them
    const single = deepCopy(layer).to('float32');
    expect([fieldOf(single, 'weight_orig').dtype, fieldOf(single, 'weight_mask').dtype, single.weight.dtype]).toEqual([
      'float32',
      'float32',
      'float32',
    ]);
    expectClose(single.call(fromFixture(linearCase.input)), linearCase.output, 'float32 copy', 1e-5, 1e-5);
  });

  it('composes with weightNorm: pruning weight_v prunes the direction, g still scales it', () => {
    const layer = weightNorm(new Linear(3, 2, { dtype: 'float64' }));
    prune.customFromMask(
      layer,
      'weight_v',
      tensor([
        [1, 0, 1],
        [0, 1, 1],
      ]),
    );
    const v = fieldOf(layer, 'weight_v_orig').mul(fieldOf(layer, 'weight_v_mask'));
    const expected = v.mul(fieldOf(layer, 'weight_g').div(v.norm(2, 1, true)));
    expect(layer.weight.toArraySync()).toEqual(expected.toArraySync());
    expect(Object.keys(layer.stateDict())).toEqual(['bias', 'weight_g', 'weight_v_orig', 'weight_v_mask']);
  });

  it('names the function and the offending values in its errors, and leaves the module as it was', () => {
    const layer = new Linear(5, 4);
    expect(() => prune.l1Unstructured(layer, 'weight', 1.5)).toThrow(
      'prune.l1Unstructured: amount=1.5 should either be a float in the range [0, 1] or a non-negative integer',
    );
    expect(() => prune.l1Unstructured(layer, 'weight', -2)).toThrow('prune.l1Unstructured: amount=-2 should either be a float');
    expect(() => prune.randomUnstructured(layer, 'weight', '0.5' as never)).toThrow(
      "prune.randomUnstructured: invalid type for amount: '0.5'. Must be an integer or a fraction",
    );
    expect(() => prune.l1Unstructured(layer, 'weight')).toThrow('prune.l1Unstructured: amount is required');
    expect(() => prune.l1Unstructured(layer, 'weight', 21)).toThrow(
      'prune.l1Unstructured: amount=21 should be smaller than the number of parameters to prune=20',
    );
    expect(() => prune.l1Unstructured(layer, 'weight', { amount: 0.5, importance: 1 } as never)).toThrow(
      'prune.l1Unstructured: unknown option `importance`',
    );
    expect(() => prune.l1Unstructured(layer, 'weight', 0.5, tensor([1, 2]))).toThrow(
      "prune.l1Unstructured: importanceScores should have the shape of 'weight', [4, 5]; got [2]",
    );
    expect(() => prune.l1Unstructured(layer, 'scale', 0.5)).toThrow(
      "prune.l1Unstructured: Linear has no parameter named 'scale' (got nothing)",
    );
    expect(() => prune.lnStructured(layer, 'bias', 1, 2, 0)).toThrow(
      "prune.lnStructured: structured pruning can only be applied to multidimensional tensors; 'bias' has shape [4] with 1 dims",
    );
    expect(() => prune.lnStructured(layer, 'weight', 1, 2, 2)).toThrow(
      "prune.lnStructured: dim 2 is out of range for 'weight' with shape [4, 5] (expected an integer in [-2, 1])",
    );
    expect(() => prune.lnStructured(layer, 'weight', 1, 0, 0)).toThrow('prune.lnStructured: n must be a positive norm order');
    expect(() => prune.lnStructured(layer, 'weight', { amount: 1, n: 2 })).toThrow('prune.lnStructured: dim is required');
    expect(() => prune.randomStructured(layer, 'weight', 5, 0)).toThrow(
      'prune.randomStructured: amount=5 should be smaller than the number of parameters to prune=4',
    );
    expect(() => prune.customFromMask(layer, 'bias', tensor([1, 0]))).toThrow(
      "prune.customFromMask: mask should have the shape of 'bias', [4]; got [2]",
    );
    expect(() => prune.globalUnstructured([[layer, 'weight']], 'lnStructured' as never, { amount: 1 })).toThrow(
      'prune.globalUnstructured: only "unstructured" pruning methods are supported; \'lnStructured\' is not',
    );
    expect(() => prune.globalUnstructured([[layer, 'weight']], 'l2' as never, { amount: 1 })).toThrow(
      "prune.globalUnstructured: unknown pruningMethod 'l2' (accepted: l1Unstructured, randomUnstructured)",
    );
    expect(() => prune.remove(layer, 'weight')).toThrow(
      "prune.remove: parameter 'weight' of Linear has to be pruned before pruning can be removed",
    );
    expect(Object.keys(layer.stateDict())).toEqual(['weight', 'bias']);
    expect(prune.isPruned(layer)).toBe(false);

    prune.l1Unstructured(layer, 'weight', 15);
    // a repeated pruning counts only the entries still kept
    expect(() => prune.l1Unstructured(layer, 'weight', 6)).toThrow(
      'prune.l1Unstructured: amount=6 should be smaller than the number of parameters to prune=5',
    );
    expect(zerosOf(fieldOf(layer, 'weight_mask'))).toBe(15);
  });
});
