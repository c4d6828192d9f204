import { describe, expect, it } from 'vitest';
import { Module } from '@dl/nn';
import { randn, tensor } from '@dl/tensor';
import * as gan from '../src/index.js';
import { constructorsTakingExtraArguments, layersTakingExtraInputs } from '../../../tools/testing/extra-inputs.js';

// Module.call refuses inputs a model's forward does not take (refuseExtraInputs in @dl/nn): a generator
// given labels it does not use, `generator.call(noise, labels)`, ran as `call(noise)`. The models are read
// from the package's exports, so one added later fails here until it is marked.

const callWith = (module: Module, ...values: unknown[]) => (module.call as (...inputs: unknown[]) => unknown).apply(module, values);

describe('the GAN models refuse inputs their forward does not take', () => {
  it('an unconditional generator given labels throws; the conditional one takes them', () => {
    const noise = randn([2, 4]);
    const labels = tensor([1, 0], { dtype: 'int32' });
    const generator = new gan.MlpGenerator({ latentDim: 4, hiddenSizes: [8], outFeatures: 6 });
    expect(() => callWith(generator, noise, labels)).toThrow('MlpGenerator.call: forward takes 1 input, got 2');
    const conditional = new gan.ConditionalMlpGenerator({ latentDim: 4, numClasses: 2, hiddenSizes: [8], outFeatures: 6 });
    expect(() => callWith(conditional, noise, labels)).not.toThrow();
    expect(() => callWith(conditional, noise, labels, 1)).toThrow('ConditionalMlpGenerator.call: forward takes 2 inputs, got 3');
  });

  it('every exported model refuses one input more than its forward declares', () => {
    expect(layersTakingExtraInputs(gan, Module, () => false)).toEqual([]);
  });
});

// JavaScript drops the arguments a constructor does not declare too: `new MlpGenerator(options, extra)`.
// Every class of the package is built the fullest way it accepts and with one argument more.
describe('the GAN classes refuse constructor arguments they do not take', () => {
  const generator = () => new gan.MlpGenerator({ latentDim: 4, hiddenSizes: [8], outFeatures: 6 });
  const fullest: Record<string, () => unknown[]> = {
    MlpGenerator: () => [{ latentDim: 4, hiddenSizes: [8], outFeatures: 6 }],
    MlpDiscriminator: () => [{ inFeatures: 6, hiddenSizes: [8] }],
    ConditionalMlpGenerator: () => [{ latentDim: 4, numClasses: 2, hiddenSizes: [8], outFeatures: 6 }],
    ConditionalMlpDiscriminator: () => [{ inFeatures: 6, numClasses: 2, hiddenSizes: [8] }],
    DcganGenerator: () => [{ latentDim: 4, features: 2 }],
    DcganDiscriminator: () => [{ features: 2 }],
    ProjectionDiscriminator: () => [{ inFeatures: 6, numClasses: 2, hiddenSizes: [8] }],
    MnistClassifier: () => [],
    ExponentialMovingAverage: () => [generator(), generator(), { decay: 0.9 }],
    GanTrainer: () => [
      { generator: generator(), discriminator: new gan.MlpDiscriminator({ inFeatures: 6, hiddenSizes: [8] }), latentDim: 4 },
    ],
  };
  it('every class of @dl/gan', () => {
    // MnistEvaluation is made by its static factory (its constructor is private)
    expect(constructorsTakingExtraArguments(gan as Record<string, unknown>, fullest, (name) => name === 'MnistEvaluation')).toEqual([]);
  });
});
