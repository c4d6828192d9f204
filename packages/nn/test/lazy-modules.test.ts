import { manualSeed, memory, noGrad, ones, randn, type Tensor, tensor, zeros } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import {
  BatchNorm1d,
  BatchNorm2d,
  BatchNorm3d,
  Conv1d,
  Conv2d,
  Conv3d,
  ConvTranspose1d,
  ConvTranspose2d,
  ConvTranspose3d,
  deepCopy,
  InstanceNorm1d,
  InstanceNorm2d,
  InstanceNorm3d,
  isUninitialized,
  LazyBatchNorm1d,
  LazyBatchNorm2d,
  LazyBatchNorm3d,
  LazyConv1d,
  LazyConv2d,
  LazyConv3d,
  LazyConvTranspose1d,
  LazyConvTranspose2d,
  LazyConvTranspose3d,
  LazyInstanceNorm1d,
  LazyInstanceNorm2d,
  LazyInstanceNorm3d,
  LazyLinear,
  Linear,
  type Module,
  ReLU,
  Sequential,
  SGD,
  type StateDict,
} from '../src/index.js';
import { expectClose, type FixtureTensor, fromFixture, readFixture } from './helpers/nn-fixtures.js';

// The lazy modules against torch 1.13 (tools/fixtures/nn_lazy_modules_reference.py). Torch's layer
// initialises itself with its own random numbers, so each case takes torch's state after its first
// (dry) call and loads it into ours after our dry call; then the second call's output, the input
// and parameter gradients and the state after one SGD step (the optimizer built before the dry
// call) must match torch's. Also: repr before and after, inferred sizes, state-dict keys, loading
// a checkpoint before the first call, the same random draws as the non-lazy class, and the errors.
interface LazyCase {
  name: string;
  class: string;
  args: number[];
  options: Record<string, number | boolean>;
  reprBefore: string;
  reprAfter: string;
  becomes: string;
  size: number;
  keys: string[];
  first: FixtureTensor;
  stateAfterFirst: Record<string, FixtureTensor>;
  input: FixtureTensor;
  output: FixtureTensor;
  weights: FixtureTensor;
  inputGradient: FixtureTensor;
  gradients: Record<string, FixtureTensor>;
  stateAfterStep: Record<string, FixtureTensor>;
}
const { cases } = readFixture<{ cases: LazyCase[] }>('nn_lazy_modules.json');

type LazyClass = abstract new (...args: never) => Module;
const lazyClasses: Record<string, LazyClass> = {
  LazyLinear,
  LazyConv1d,
  LazyConv2d,
  LazyConv3d,
  LazyConvTranspose1d,
  LazyConvTranspose2d,
  LazyConvTranspose3d,
  LazyBatchNorm1d,
  LazyBatchNorm2d,
  LazyBatchNorm3d,
  LazyInstanceNorm1d,
  LazyInstanceNorm2d,
  LazyInstanceNorm3d,
};
const nonLazyClasses: Record<string, LazyClass> = {
  Linear,
  Conv1d,
  Conv2d,
  Conv3d,
  ConvTranspose1d,
  ConvTranspose2d,
  ConvTranspose3d,
  BatchNorm1d,
  BatchNorm2d,
  BatchNorm3d,
  InstanceNorm1d,
  InstanceNorm2d,
  InstanceNorm3d,
};

function build(entry: LazyCase): Module {
  const LazyClass = lazyClasses[entry.class]! as new (...args: unknown[]) => Module;
  return new LazyClass(...entry.args, entry.options);
}

/** torch's repr in our spelling: camelCase keywords, lower-case booleans, JavaScript's numbers. */
function inOurSpelling(repr: string): string {
  const keywords: Record<string, string> = {
    in_features: 'inFeatures',
    out_features: 'outFeatures',
    kernel_size: 'kernelSize',
    output_padding: 'outputPadding',
    track_running_stats: 'trackRunningStats',
  };
  return repr
    .replace(/[a-z]+(_[a-z]+)+(?==)/g, (keyword) => keywords[keyword] ?? keyword)
    .replace(/True/g, 'true')
    .replace(/False/g, 'false')
    .replace(/=(\d+(?:\.\d+)?e-\d+)/g, (_match, number: string) => `=${Number(number)}`);
}

/** torch's state dict as tensors (num_batches_tracked as int32, ours). */
function stateFromFixture(state: Record<string, FixtureTensor>): StateDict {
  return Object.fromEntries(
    Object.entries(state).map(([key, value]) => [key, fromFixture(value, key.endsWith('num_batches_tracked') ? 'int32' : 'float32')]),
  );
}

function forwardAndBackward(layer: Module, entry: LazyCase): { input: Tensor; output: Tensor } {
  const input = fromFixture(entry.input).requiresGrad_();
  const output = (layer as Module & { call(x: Tensor): Tensor }).call(input);
  output.mul(fromFixture(entry.weights)).sum().backward();
  return { input, output };
}

describe('lazy modules against torch', () => {
  it.each(cases.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const layer = build(entry);
    expect(String(layer)).toBe(inOurSpelling(entry.reprBefore));
    const parametersBefore = layer.parameters();
    expect(parametersBefore.every(isUninitialized)).toBe(true);
    expect(Object.keys(layer.stateDict())).toEqual(entry.keys);
    const optimizer = parametersBefore.length > 0 ? new SGD(parametersBefore, { lr: 0.1 }) : null;

    (layer as Module & { call(x: Tensor): Tensor }).call(fromFixture(entry.first));
    // the dry call turned it into the non-lazy class, with the size torch infers
    expect(layer.constructor.name).toBe(entry.becomes);
    expect(layer).toBeInstanceOf(nonLazyClasses[entry.becomes]!);
    expect(String(layer)).toBe(inOurSpelling(entry.reprAfter));
    expect(Object.keys(layer.stateDict())).toEqual(entry.keys);
    // the same objects, now with values: the optimizer built before the call holds them
    expect(layer.parameters()).toEqual(parametersBefore);
    layer.parameters().forEach((parameter, index) => expect(parameter).toBe(parametersBefore[index]));
    expect(layer.parameters().some(isUninitialized)).toBe(false);
    for (const [key, value] of Object.entries(layer.stateDict()))
      expect([...value.shape], `${key} shape`).toEqual(entry.stateAfterFirst[key]!.shape);
    // a norm's dry call has no random draws: its running statistics are torch's
    if (entry.class.includes('Norm'))
      for (const [key, value] of Object.entries(layer.stateDict()))
        expectClose(value, entry.stateAfterFirst[key]!, `${key} after the first call`);

    layer.loadStateDict(stateFromFixture(entry.stateAfterFirst));
    const { input, output } = forwardAndBackward(layer, entry);
    expectClose(output, entry.output, 'output');
    expectClose(input.grad, entry.inputGradient, 'input gradient');
    for (const [name, parameter] of layer.namedParameters()) expectClose(parameter.grad, entry.gradients[name]!, `${name} gradient`);
    optimizer?.step();
    for (const [key, value] of Object.entries(layer.stateDict())) expectClose(value, entry.stateAfterStep[key]!, `${key} after the step`);
  });

  it.each(cases.map((entry) => [entry.name, entry] as const))('%s: a state dict loaded before the first call', (_name, entry) => {
    const layer = build(entry);
    const parametersBefore = layer.parameters();
    layer.loadStateDict(stateFromFixture(entry.stateAfterFirst));
    // the checkpoint's shapes give the size (torch keeps 0 until the first call, and after it)
    if (parametersBefore.length > 0 || entry.keys.length > 0) {
      expect(layer.constructor.name).toBe(entry.becomes);
      expect(String(layer)).toBe(inOurSpelling(entry.reprAfter));
    }
    layer.parameters().forEach((parameter, index) => expect(parameter).toBe(parametersBefore[index]));
    const { input, output } = forwardAndBackward(layer, entry);
    expect(layer.constructor.name).toBe(entry.becomes);
    expectClose(output, entry.output, 'output');
    expectClose(input.grad, entry.inputGradient, 'input gradient');
    for (const [name, parameter] of layer.namedParameters()) expectClose(parameter.grad, entry.gradients[name]!, `${name} gradient`);
  });

  it('draws the same random numbers as the non-lazy class (the same values under manualSeed)', () => {
    const pairs: [() => Module, () => Module, Tensor][] = [
      [() => new LazyLinear(3), () => new Linear(5, 3), randn([2, 5])],
      [() => new LazyConv2d(4, 3, { groups: 2 }), () => new Conv2d(6, 4, 3, { groups: 2 }), randn([1, 6, 4, 4])],
      [() => new LazyConvTranspose1d(3, 2, 2, 0, 0, 1, false), () => new ConvTranspose1d(4, 3, 2, 2, 0, 0, 1, false), randn([1, 4, 5])],
      [() => new LazyConv3d(2, [1, 2, 1]), () => new Conv3d(3, 2, [1, 2, 1]), randn([1, 3, 2, 2, 2])],
    ];
    for (const [makeLazy, makeEager, input] of pairs) {
      manualSeed(11);
      const lazy = makeLazy() as Module & { call(x: Tensor): Tensor };
      lazy.call(input);
      manualSeed(11);
      const eager = makeEager();
      const eagerState = eager.stateDict();
      for (const [key, value] of Object.entries(lazy.stateDict()))
        expect(value.dataSync(), `${eager.constructor.name} ${key}`).toEqual(eagerState[key]!.dataSync());
    }
  });

  it('infers sizes as torch: the last dim for LazyLinear, the channel dim of unbatched inputs', () => {
    const linear = new LazyLinear(2);
    expect(linear.call(randn([2, 3, 7])).shape).toEqual([2, 3, 2]);
    expect(linear.inFeatures).toBe(7);
    const conv = new LazyConv1d(4, 3);
    expect(conv.call(randn([5, 9])).shape).toEqual([4, 7]);
    expect(conv.inChannels).toBe(5);
    expect(conv.weight.shape).toEqual([4, 5, 3]);
    const transposed = new LazyConvTranspose2d(6, 2, { groups: 3 });
    transposed.call(randn([1, 9, 2, 2]));
    expect(transposed.weight.shape).toEqual([9, 2, 2, 2]);
    // torch 1.13 would read dim 1 (the length 7) of this unbatched input
    const instance = new LazyInstanceNorm1d();
    expect(instance.call(randn([3, 7])).shape).toEqual([3, 7]);
    expect(instance.numFeatures).toBe(3);
  });

  it('a lazy norm with neither affine nor running statistics records the size it was given', () => {
    // torch keeps num_features = 0 there; ours needs it to check later inputs' channels
    const norm = new LazyInstanceNorm2d({ affine: false, trackRunningStats: false });
    expect(norm.parameters()).toEqual([]);
    norm.call(randn([2, 4, 3, 3]));
    expect(String(norm)).toBe('InstanceNorm2d(4, eps=0.00001, momentum=0.1, affine=false, trackRunningStats=false)');
    expect(() => norm.call(randn([2, 5, 3, 3]))).toThrow(
      "InstanceNorm2d: expected input's size at dim 1 to match numFeatures (4), but got 5",
    );
  });

  it('works inside containers: the first call materialises every layer, loadStateDict reaches nested ones', () => {
    const model = new Sequential(new LazyConv2d(4, 3), new LazyBatchNorm2d(), new ReLU());
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    expect(String(model)).toBe(
      'Sequential(\n  (0): LazyConv2d(0, 4, kernelSize=(3, 3), stride=(1, 1))\n  (1): LazyBatchNorm2d(0, eps=0.00001, momentum=0.1, affine=true, trackRunningStats=true)\n  (2): ReLU()\n)',
    );
    model
      .call(randn([2, 3, 5, 5]))
      .sum()
      .backward();
    optimizer.step(); // trains the materialised parameters without error
    expect(Object.keys(model.stateDict())).toEqual([
      '0.weight',
      '0.bias',
      '1.weight',
      '1.bias',
      '1.running_mean',
      '1.running_var',
      '1.num_batches_tracked',
    ]);
    const copy = new Sequential(new LazyConv2d(4, 3), new LazyBatchNorm2d(), new ReLU());
    copy.loadStateDict(model.stateDict());
    expect(String(copy)).toBe(String(model));
    const input = randn([1, 3, 4, 4]);
    model.eval();
    copy.eval();
    expect(copy.call(input).dataSync()).toEqual(model.call(input).dataSync());
    // a materialised lazy model copies like any other
    expect(deepCopy(copy).call(input).dataSync()).toEqual(model.call(input).dataSync());
  });

  it('keeps the memory counters exact when a placeholder takes its values', () => {
    const input = ones([2, 4]);
    new LazyLinear(3).call(input); // creates the constants the initialisation caches
    const before = { ...memory().cpu! };
    const layer = new LazyLinear(3);
    // without a graph, which would hold aliases of the input and the weight
    const output = noGrad(() => layer.call(input));
    const parameterBytes = (3 * 4 + 3) * 4;
    expect(memory().cpu!.liveTensors - before.liveTensors).toBe(3); // weight, bias, output
    expect(memory().cpu!.bytesInUse - before.bytesInUse).toBe(parameterBytes + 2 * 3 * 4);
    output.dispose();
    layer.weight.dispose();
    layer.bias!.dispose();
    // (freed buffers may stay pooled for reuse: only what is in use must be back where it was)
    expect(memory().cpu!.liveTensors).toBe(before.liveTensors);
    expect(memory().cpu!.bytesInUse).toBe(before.bytesInUse);
  });
});

describe('lazy modules before the first call', () => {
  it('name the module when an uninitialized parameter or buffer is read, copied or saved', () => {
    const linear = new LazyLinear(3);
    const message = /LazyLinear\.weight is not initialized yet: a lazy module infers its shape from its first input/;
    expect(() => linear.weight.dataSync()).toThrow(message);
    expect(() => linear.weight.add(1)).toThrow(message);
    // the state dict lists them, as torch's; saving it (reading them) is the error
    const saved = linear.stateDict();
    expect(Object.keys(saved)).toEqual(['weight', 'bias']);
    expect(isUninitialized(saved.weight)).toBe(true);
    expect(() => saved.weight!.dataSync()).toThrow(message);
    expect(() => deepCopy(linear)).toThrow(message);
    expect(String(linear.weight)).toBe('<uninitialized LazyLinear.weight>');
    const norm = new LazyBatchNorm2d();
    expect(() => norm.runningMean!.dataSync()).toThrow(/LazyBatchNorm2d\.running_mean is not initialized yet/);
    // num_batches_tracked is made at once, as in torch
    expect(norm.numBatchesTracked!.itemSync()).toBe(0);
  });

  it('move and cast with the module: the same placeholders when nothing changes, new ones otherwise', () => {
    const linear = new LazyLinear(3);
    const { weight } = linear;
    linear.to('cpu');
    expect(linear.weight).toBe(weight);
    linear.to('float64');
    expect(isUninitialized(linear.weight)).toBe(true);
    expect(linear.weight.dtype).toBe('float64');
    expect(linear.call(randn([2, 4], { dtype: 'float64' })).dtype).toBe('float64');
    expect(linear.weight.dtype).toBe('float64');
    expect(linear.weight.shape).toEqual([3, 4]);
  });

  it('throw on unknown options and bad inputs, naming the lazy class', () => {
    expect(() => new LazyLinear(3, { bia: true } as never)).toThrow(/LazyLinear: unknown option `bia`/);
    expect(() => new LazyLinear(-1)).toThrow('LazyLinear: outFeatures must be an integer ≥ 0, got -1');
    expect(() => new LazyConv2d(4, 3, { strid: 2 } as never)).toThrow(/LazyConv2d: unknown option `strid`/);
    expect(() => new LazyConv2d(4, 3, { groups: 3 })).toThrow(
      'LazyConv2d: inChannels (0) and outChannels (4) must be divisible by groups (3)',
    );
    expect(() => new LazyBatchNorm2d({ afine: true } as never)).toThrow(/LazyBatchNorm2d: unknown option `afine`/);
    expect(() => new LazyLinear(3).call(tensor(1))).toThrow('LazyLinear: expected an input [*, inFeatures], got a 0-D tensor');
    expect(() => new LazyConv2d(4, 3).call(randn([5, 5]))).toThrow(
      'LazyConv2d: expected 3D (unbatched) or 4D (batched) input, got input [5, 5]',
    );
    expect(() => new LazyConv2d(4, 3, { groups: 2 }).call(randn([1, 3, 5, 5]))).toThrow(
      'LazyConv2d: inChannels (3, from input [1, 3, 5, 5]) must be divisible by groups (2)',
    );
    expect(() => new LazyBatchNorm2d().call(randn([2, 3, 4]))).toThrow('LazyBatchNorm2d: expected 4D input, got input [2, 3, 4]');
    expect(() => new LazyInstanceNorm3d().call(randn([2, 3]))).toThrow(
      'LazyInstanceNorm3d: expected 4D (unbatched) or 5D (batched) input, got input [2, 3]',
    );
    // a failed first call leaves the module lazy
    const conv = new LazyConv2d(4, 3);
    expect(() => conv.call(randn([5, 5]))).toThrow();
    expect(conv).toBeInstanceOf(LazyConv2d);
    expect(conv.call(randn([1, 2, 3, 3])).shape).toEqual([1, 4, 1, 1]);
    // once initialised it is a Linear: another input size is Linear's error, as torch
    const linear = new LazyLinear(3);
    linear.call(randn([2, 5]));
    expect(() => linear.call(randn([2, 6]))).toThrow();
  });

  it('report a checkpoint that does not fit, and refuse a partly loaded module on the first call', () => {
    const linear = new LazyLinear(3);
    expect(() => linear.loadStateDict({ weight: zeros([4, 5]), bias: zeros([4]) })).toThrow(
      'size mismatch for weight: copying a param with shape [4, 5] from checkpoint, the shape in current model is [0].',
    );
    const partial = new LazyLinear(3);
    partial.loadStateDict({ weight: ones([3, 5]) }, { strict: false });
    expect(partial).toBeInstanceOf(LazyLinear);
    expect(() => partial.call(randn([2, 5]))).toThrow(
      'LazyLinear: a state dict initialized weight but not bias; load all of them or none before the first call',
    );
  });
});

describe('Tensor.replaceData', () => {
  it('gives the same object another storage and shape, dropping its gradient', () => {
    const target = zeros([2], { requiresGrad: true });
    target.mul(2).sum().backward();
    const source = tensor([[1, 2, 3]]);
    target.replaceData(source);
    source.dispose();
    expect(target.shape).toEqual([1, 3]);
    expect(target.toArraySync()).toEqual([[1, 2, 3]]);
    expect(target.grad).toBeNull();
    expect(target.requiresGrad).toBe(true);
    expect(() => target.mul(2).replaceData(source)).toThrow(/replaceData: only a leaf tensor/);
  });
});
