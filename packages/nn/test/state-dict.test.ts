// State-dict names, shapes and parameter counts against PyTorch/torchvision architectures built in
// tools/fixtures/nn_reference.py (nn_state_dicts.json), and PyTorch's strict-mode error text.
import { noGrad, zeros, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import {
  AlexNet,
  BatchNorm1d,
  BatchNorm2d,
  Conv2d,
  CrossEntropyLoss,
  DenseBlock,
  densenet121,
  Embedding,
  Inception,
  LayerNorm,
  LeNet5,
  Linear,
  MaxPool2d,
  Module,
  ModuleDict,
  ModuleList,
  ReLU,
  resnet18,
  resnet34,
  Sequential,
  skipInit,
  Transition,
  VGG,
  vgg11,
  vgg16,
} from '../src/index.js';
import { readFixture } from './helpers/nn-fixtures.js';

interface Description {
  keys: string[];
  shapes: number[][];
  parameterCount: number;
  trainableNames: string[];
}
const reference = readFixture<Record<string, Description> & { strictError: string }>('nn_state_dicts.json');

class Net extends Module {
  features = new Sequential(new Conv2d(1, 4, 3), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2));
  fc1 = new Linear(16, 8);
  bn = new BatchNorm1d(8);
  blocks = new ModuleList<Module>([new Linear(8, 8), new LayerNorm(8)]);
  heads = new ModuleDict({ classifier: new Linear(8, 3), regressor: new Linear(8, 1, { bias: false }) });
  embedding = new Embedding(10, 4);
  loss = new CrossEntropyLoss({ weight: zeros([3]).add(1) });
  forward(x: Tensor): Tensor {
    return x;
  }
}

function expectMatches(model: Module, expected: Description): void {
  const stateDict = model.stateDict();
  expect(Object.keys(stateDict)).toEqual(expected.keys);
  expect(Object.values(stateDict).map((value) => [...value.shape])).toEqual(expected.shapes);
  expect([...model.namedParameters()].map(([name]) => name)).toEqual(expected.trainableNames);
  expect(model.parameters().reduce((total, value) => total + value.numel(), 0)).toBe(expected.parameterCount);
}

describe('state dict names match torch.nn', () => {
  it('a nested model with Sequential, ModuleList, ModuleDict, buffers and a loss weight', () => {
    expectMatches(new Net(), reference.Net!);
  });

  it('strict loading reports missing, unexpected and mismatched keys as PyTorch', () => {
    const net = new Net();
    const bad = net.stateDict();
    delete bad['fc1.bias'];
    bad['extra.weight'] = zeros([1]);
    bad['fc1.weight'] = zeros([8, 15]);
    // PyTorch prints torch.Size([8, 15]); we print [8, 15]
    const expected = reference.strictError.replace(/torch\.Size\((\[[^\]]*\])\)/g, '$1');
    expect(() => net.loadStateDict(bad)).toThrow(expected);
    // non-strict: key differences are reported, a shape mismatch is still an error
    expect(() => net.loadStateDict(bad, { strict: false })).toThrow(/size mismatch for fc1\.weight/);
    const partial = new Net().stateDict();
    delete partial['fc1.bias'];
    partial['extra.weight'] = zeros([1]);
    expect(net.loadStateDict(partial, { strict: false })).toEqual({ missingKeys: ['fc1.bias'], unexpectedKeys: ['extra.weight'] });
  });

  it('a state dict without num_batches_tracked loads strictly and keeps the count, as PyTorch', () => {
    // torch 1.13 and 2.x: load_state_dict of a plain dict lacking bn.num_batches_tracked reports it
    // neither missing nor an error (_NormBase._load_from_state_dict); 2.x keeps the module's count
    const source = new Net();
    const target = new Net();
    noGrad(() => target.bn.numBatchesTracked!.fill_(3));
    const converted = source.stateDict();
    delete converted['bn.num_batches_tracked'];
    expect(target.loadStateDict(converted)).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(target.bn.numBatchesTracked!.itemSync()).toBe(3);
    expect(target.bn.runningVar!.toArraySync()).toEqual(source.bn.runningVar!.toArraySync());
    // the other buffers are still required
    delete converted['bn.running_mean'];
    expect(target.loadStateDict(converted, { strict: false })).toEqual({ missingKeys: ['bn.running_mean'], unexpectedKeys: [] });
    expect(() => target.loadStateDict(converted)).toThrow('Missing key(s) in state_dict: "bn.running_mean"');
  });

  it('loading copies values in place, so references to the parameters stay valid', () => {
    const source = new Net();
    const target = new Net();
    const weight = target.fc1.weight;
    target.loadStateDict(source.stateDict());
    expect(target.fc1.weight).toBe(weight);
    expect(weight.toArraySync()).toEqual(source.fc1.weight.toArraySync());
    expect(target.bn.runningVar!.toArraySync()).toEqual(source.bn.runningVar!.toArraySync());
  });
});

describe('model zoo: torchvision names and parameter counts', () => {
  const cases: [string, () => Module, number?][] = [
    ['LeNet5', () => new LeNet5(), 61_706],
    ['AlexNet', () => new AlexNet(), 61_100_840],
    ['VGG11', () => vgg11(), 132_863_336],
    ['VGG16', () => vgg16(), 138_357_544],
    ['VGG11BN', () => new VGG('vgg11', { batchNorm: true })],
    ['ResNet18', () => resnet18(), 11_689_512],
    ['ResNet34', () => resnet34(), 21_797_672],
    ['Inception3a', () => new Inception(192, 64, 96, 128, 16, 32, 32)],
    ['DenseBlock', () => new DenseBlock(6, 64, 32)],
    ['Transition', () => new Transition(256, 128)],
    ['DenseNet121', () => densenet121(), 7_978_856],
  ];
  for (const [name, build, count] of cases) {
    it(name, () => {
      // skipInit: the big ones would spend seconds drawing random numbers that the test does not read
      const model = skipInit(build);
      expectMatches(model, reference[name]!);
      if (count !== undefined) expect(reference[name]!.parameterCount).toBe(count);
    });
  }

  it('ResNet-18 runs forward on a 1×3×32×32 input in eval mode', () => {
    // skipInit + constant weights: drawing 11.7M random weights takes ~12 s with today's generator
    const model = skipInit(() => resnet18({ numClasses: 10 })).eval();
    noGrad(() => {
      for (const module of model.modules()) {
        if (module instanceof Conv2d) module.weight.fill_(1 / (module.weight.numel() / module.weight.shape[0]!));
        if (module instanceof BatchNorm2d) module.resetParameters();
      }
      model.fc.weight.fill_(0.01);
    });
    const input = zeros([1, 3, 32, 32]).add(0.5);
    const output = model.call(input);
    expect([...output.shape]).toEqual([1, 10]);
    // every activation is the same positive constant per layer: the stem gives 0.5·(conv of ones) = 0.5,
    // each block adds its input back, so the logits are 0.01·512·a + 0 with a > 0
    const logits = [...output.dataSync()];
    expect(logits.every((value) => Number.isFinite(value) && value > 0)).toBe(true);
    expect(new Set(logits.map((value) => value.toFixed(4))).size).toBe(1);
    expect(model.layer4.at(0).stateDict()['downsample.0.weight']!.shape).toEqual([512, 256, 1, 1]);
  });

  it('the small blocks run forward with the documented shapes', () => {
    expect([...new Inception(16, 8, 4, 8, 2, 4, 4).call(zeros([1, 16, 6, 6])).shape]).toEqual([1, 24, 6, 6]);
    expect([...new DenseBlock(3, 8, 4).call(zeros([2, 8, 4, 4]).add(1)).shape]).toEqual([2, 20, 4, 4]);
    expect([...new Transition(20, 10).call(zeros([2, 20, 4, 4]).add(1)).shape]).toEqual([2, 10, 2, 2]);
    expect([...new LeNet5().call(zeros([3, 1, 28, 28])).shape]).toEqual([3, 10]);
  });
});
