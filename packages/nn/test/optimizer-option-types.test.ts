import { describe, expect, it } from 'vitest';
import { randn, type Tensor } from '@dl/tensor';
import {
  ASGD,
  Adadelta,
  Adagrad,
  Adam,
  AdamW,
  Adamax,
  CosineAnnealingLR,
  LBFGS,
  NAdam,
  OneCycleLR,
  RAdam,
  RMSprop,
  Rprop,
  SGD,
} from '../src/index.js';

// An optimizer option of the wrong type: torch 1.13 raises for a string or None learning rate, beta,
// momentum or weight decay (its range checks compare it with a float: "'<' not supported between
// instances of 'str' and 'float'", and its arithmetic fails at the step). Here each was taken: a
// string learning rate (read from process.argv, a form field) was coerced to a number by the update,
// a null weight decay read as 0, a string beta coerced, 'yes' for nesterov taken as true. Groups
// changed after construction (optimizer.paramGroups[0].lr = …) went unchecked, and a torch-spelled
// key (paramGroups[0].weight_decay = 0) was added to the group and never read.

type AnyOptimizer = { paramGroups: Record<string, unknown>[]; step(closure?: () => Tensor): unknown };
type OptimizerClass = new (parameters: Tensor[], options: Record<string, unknown>) => AnyOptimizer;

const optimizers = { SGD, Adam, AdamW, Adamax, NAdam, RAdam, Adagrad, Adadelta, RMSprop, Rprop, ASGD, LBFGS } as unknown as Record<
  string,
  OptimizerClass
>;

/** A parameter with a gradient, and the closure LBFGS's step needs (the others ignore it). */
function trainable(): { parameters: Tensor[]; closure: () => Tensor } {
  const weight = randn([3], { requiresGrad: true });
  const closure = () => {
    weight.grad = null;
    const loss = weight.mul(weight).sum();
    loss.backward();
    return loss;
  };
  closure();
  return { parameters: [weight], closure };
}

describe('optimizer options of the wrong type', () => {
  for (const [name, Optimizer] of Object.entries(optimizers)) {
    it(`${name}: a string or null learning rate is refused when constructed and at the step`, () => {
      const { parameters, closure } = trainable();
      expect(() => new Optimizer(parameters, { lr: '0.1' })).toThrow(`${name}: lr must be a number, got '0.1'`);
      expect(() => new Optimizer(parameters, { lr: null })).toThrow(`${name}: lr must be a number, got null`);
      const optimizer = new Optimizer(parameters, { lr: 0.1 });
      const before = Array.from(parameters[0]!.dataSync());
      optimizer.paramGroups[0]!.lr = '0.01';
      expect(() => optimizer.step(closure)).toThrow(`${name}.step: parameter group 0: lr must be a number, got '0.01'`);
      expect(Array.from(parameters[0]!.dataSync())).toEqual(before);
      optimizer.paramGroups[0]!.lr = 0.01;
      optimizer.step(closure);
      expect(Array.from(parameters[0]!.dataSync())).not.toEqual(before);
    });
  }

  it('booleans must be booleans, pairs two numbers, every number option a number', () => {
    const { parameters } = trainable();
    expect(() => new SGD(parameters, { lr: 0.1, momentum: 0.9, nesterov: 'yes' as never })).toThrow(
      "SGD: nesterov must be true or false, got 'yes'",
    );
    expect(() => new Adam(parameters, { amsgrad: 'false' as never })).toThrow("Adam: amsgrad must be true or false, got 'false'");
    expect(() => new Adam(parameters, { betas: [0.9, '0.99'] as never })).toThrow(
      "Adam: betas must be 2 numbers, got an array [0.9, '0.99']",
    );
    expect(() => new Adam(parameters, { betas: [0.9] as never })).toThrow('Adam: betas must be 2 numbers, got an array [0.9]');
    expect(() => new Rprop(parameters, { etas: 0.5 as never })).toThrow('Rprop: etas must be 2 numbers, got 0.5');
    expect(() => new Adam(parameters, { weightDecay: null as never })).toThrow('Adam: weightDecay must be a number, got null');
    expect(() => new RMSprop(parameters, { momentum: Number.NaN })).toThrow('RMSprop: momentum must be a number, got NaN');
    expect(() => new SGD([{ params: parameters, momentum: '0.9' as never }], { lr: 0.1 })).toThrow(
      "SGD parameter group: momentum must be a number, got '0.9'",
    );
    expect(() => new SGD(parameters, '0.1' as never)).toThrow("SGD: lr must be a number, got '0.1'");
  });

  it('a torch-spelled option set on a group is refused at the step, naming ours', () => {
    const { parameters, closure } = trainable();
    const optimizer = new SGD(parameters, { lr: 0.1 });
    (optimizer.paramGroups[0] as Record<string, unknown>).weight_decay = 0.5;
    expect(() => optimizer.step(closure)).toThrow(
      'SGD.step: parameter group 0: the option `weight_decay` is spelled `weightDecay` here (group.weightDecay)',
    );
  });

  it('the keys schedulers add and the values they set pass the step', () => {
    const { parameters, closure } = trainable();
    const sgd = new SGD(parameters, { lr: 0.1, momentum: 0.9 });
    const oneCycle = new OneCycleLR(sgd, { maxLr: 0.5, totalSteps: 4 });
    for (let step = 0; step < 3; step++) {
      sgd.step(closure);
      oneCycle.step();
    }
    expect(Object.keys(sgd.paramGroups[0]!)).toEqual(
      expect.arrayContaining(['initialLr', 'maxLr', 'minLr', 'maxMomentum', 'baseMomentum']),
    );
    const adam = new Adam(parameters, { lr: 0.1 });
    const cosine = new CosineAnnealingLR(adam, { tMax: 3 });
    for (let step = 0; step < 3; step++) {
      adam.step(closure);
      cosine.step();
    }
    expect(adam.paramGroups[0]!.lr).toBeCloseTo(0, 12);
  });
});
