import { LeNet5, Linear, ReLU, Sequential, resnet18, type Module } from '@dl/nn';
import { DcganGenerator, dcganWeightsInit } from '@dl/gan';
import { manualSeed, randn } from '@dl/tensor';
import { describe, it } from 'vitest';
import { expectSameAsOnnxRuntime, randomizeRunningStatistics } from './export-helpers.js';

// the tutorial's model file is plain JavaScript; a computed path keeps the type checker out of it
const cnnModule = '../../../examples/mnist-cnn/model.mjs';
const { makeCnn } = (await import(cnnModule)) as { makeCnn: () => Module };

const batchAxes = { input: { 0: 'batch' }, output: { 0: 'batch' } };

describe('exported models compute what @dl computes (ONNX Runtime, within 1e-5)', () => {
  it('the moons MLP, at two batch sizes', async () => {
    manualSeed(1);
    const model = new Sequential(new Linear(2, 16), new ReLU(), new Linear(16, 2));
    await expectSameAsOnnxRuntime(model, [randn([4, 2])], [[randn([4, 2])], [randn([9, 2])]], { dynamicAxes: batchAxes });
  });

  it("the tutorial's MNIST CNN (dropout gone in eval mode), at two batch sizes", async () => {
    manualSeed(2);
    const model = makeCnn();
    await expectSameAsOnnxRuntime(model, [randn([2, 1, 28, 28])], [[randn([2, 1, 28, 28])], [randn([5, 1, 28, 28])]], {
      dynamicAxes: batchAxes,
    });
  });

  it('LeNet-5 (sigmoid and average pooling, traced functional activations), at two batch sizes', async () => {
    manualSeed(3);
    const model = new LeNet5();
    await expectSameAsOnnxRuntime(model, [randn([2, 1, 28, 28])], [[randn([3, 1, 28, 28])], [randn([1, 1, 28, 28])]], {
      dynamicAxes: batchAxes,
    });
  });

  it('ResNet-18 in eval mode (batch norm on running statistics), at two batch sizes', async () => {
    manualSeed(4);
    const model = resnet18({ numClasses: 10 });
    randomizeRunningStatistics(model);
    await expectSameAsOnnxRuntime(model, [randn([1, 3, 64, 64])], [[randn([2, 3, 64, 64])], [randn([1, 3, 64, 64])]], {
      dynamicAxes: batchAxes,
    });
  });

  it('the DCGAN generator (transposed convolutions, batch norm, tanh), at two batch sizes', async () => {
    manualSeed(5);
    const model = new DcganGenerator({ features: 16 }).apply(dcganWeightsInit);
    randomizeRunningStatistics(model);
    await expectSameAsOnnxRuntime(model, [randn([2, 100])], [[randn([2, 100])], [randn([3, 100])]], { dynamicAxes: batchAxes });
  });
});
