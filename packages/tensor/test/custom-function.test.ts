import { describe, expect, it } from 'vitest';
import {
  AutogradFunction,
  defineFunction,
  type FunctionContext,
  grad,
  memory,
  noGrad,
  observeOperations,
  randn,
  releaseFinishedGraphs,
  tensor,
  type Tensor,
} from '../src/index.js';
import { gradcheck, gradgradcheck } from '../src/testing/index.js';
import { type FixtureTensor, expectValues, readTorchFixture } from './helpers/torch-fixtures.js';

// Custom differentiable operations (torch.autograd.Function): the same functions as
// tools/fixtures/tensor_custom_function_reference.py, compared with torch 1.13's gradients to 1e-12
// (float64), torch's errors, second derivatives through a differentiable backward, and memory.

const fixture = readTorchFixture<{ cases: Record<string, Record<string, FixtureTensor | number>> }>('torch-custom-function-reference.json');
const tolerances = { float64: 1e-12, float32: 1e-6 };
const input = (value: FixtureTensor | number, requiresGrad = false) =>
  tensor((value as FixtureTensor).data as number[], { dtype: 'float64' })
    .reshape((value as FixtureTensor).shape)
    .requiresGrad_(requiresGrad);
const expectTorch = (actual: Tensor | null, expected: FixtureTensor | number, label: string) =>
  expectValues(actual!, expected as FixtureTensor, 'float64', label, tolerances);

const GradientReversal = defineFunction({
  name: 'GradientReversal',
  forward(context: FunctionContext & { lambda: number }, x: Tensor, lambda: number) {
    context.lambda = lambda;
    return x;
  },
  backward: (context, gradient) => [gradient.neg().mul(context.lambda), null],
});

// forward sign, backward the identity clipped to |x| ≤ 1 (the straight-through estimator of BinaryConnect)
const StraightThroughSign = defineFunction({
  name: 'StraightThroughSign',
  forward(context, x: Tensor) {
    context.saveForBackward(x);
    return x.sign();
  },
  backward(context, gradient) {
    const [x] = context.savedTensors;
    return [gradient.mul(x!.abs().le(1).to(gradient.dtype))];
  },
});

class Exp extends AutogradFunction {
  static forward(context: FunctionContext, x: Tensor) {
    const y = x.exp();
    context.saveForBackward(y);
    return y;
  }
  static backward(context: FunctionContext, gradient: Tensor) {
    const [y] = context.savedTensors;
    return [gradient.mul(y!)];
  }
}

class Cube extends AutogradFunction {
  static forward(context: FunctionContext, x: Tensor) {
    context.saveForBackward(x);
    return x.pow(3);
  }
  // d x³ = 3x² dx, written with differentiable ops: its own gradient is 6x·g
  static backward(context: FunctionContext, gradient: Tensor) {
    const [x] = context.savedTensors;
    return [gradient.mul(x!.square()).mul(3)];
  }
}

// x·scale + shift·alpha; scale's and shift's gradients are returned at x's shape and summed back to theirs
const ScaleShift = defineFunction({
  name: 'ScaleShift',
  forward(context: FunctionContext & { alpha: number }, x: Tensor, scale: Tensor, alpha: number, shift: Tensor) {
    context.saveForBackward(x, scale);
    context.alpha = alpha;
    return x.mul(scale).add(shift.mul(alpha));
  },
  backward(context, gradient) {
    const [x, scale] = context.savedTensors;
    return [gradient.mul(scale!), gradient.mul(x!), null, gradient.mul(context.alpha)];
  },
});

// a numerically careful softplus, log(1 + eˣ) = max(x, 0) + log1p(e^−|x|), with σ(x) as its hand-written backward
const Softplus = defineFunction({
  name: 'Softplus',
  forward(context, x: Tensor) {
    context.saveForBackward(x);
    return x.clamp(0).add(x.abs().neg().exp().log1p());
  },
  backward(context, gradient) {
    const [x] = context.savedTensors;
    return [gradient.mul(x!.sigmoid())];
  },
});

// a tensor the forward stores on the context is kept for the backward, as saveForBackward's are
const Masked = defineFunction({
  forward(context: FunctionContext & { mask: Tensor }, x: Tensor) {
    context.mask = x.gt(0).to(x.dtype);
    return x.mul(context.mask);
  },
  backward: (context, gradient) => [gradient.mul(context.mask)],
});

describe('custom functions (torch.autograd.Function) against torch 1.13', () => {
  it('gradient reversal: the identity forward, −λ·g backward through a small model', () => {
    const { x, w1, w2, target, lambda, loss, w1Grad, w2Grad } = fixture.cases.gradientReversal!;
    const [weight1, weight2] = [input(w1!, true), input(w2!, true)];
    const hidden = input(x!).matmul(weight1).tanh();
    const reversed = GradientReversal.apply(hidden, lambda as number);
    expect(reversed).not.toBe(hidden); // the input returned as it is comes back as a new handle on its storage
    expect(reversed.gradFn!.name).toBe('GradientReversalBackward');
    const value = reversed.matmul(weight2).sub(input(target!)).square().mean();
    expectTorch(value, loss!, 'loss');
    value.backward();
    expectTorch(weight1.grad, w1Grad!, 'w1.grad');
    expectTorch(weight2.grad, w2Grad!, 'w2.grad');
    // without the reversal, w1's gradient is the same with the sign and the factor undone
    const plain = input(x!).matmul(weight1).tanh().matmul(weight2).sub(input(target!)).square().mean();
    const [plainGrad] = grad(plain, [weight1]);
    const undone = plainGrad!.mul(-(lambda as number)).dataSync();
    weight1.grad!.dataSync().forEach((value, index) => expect(value).toBeCloseTo(undone[index]!, 14));
  });

  it('a straight-through sign estimator', () => {
    const { x, w, loss, xGrad, wGrad } = fixture.cases.straightThroughSign!;
    const [inputX, weight] = [input(x!, true), input(w!, true)];
    const value = StraightThroughSign.apply(inputX).mul(weight).sum();
    expectTorch(value, loss!, 'loss');
    value.backward();
    expectTorch(inputX.grad, xGrad!, 'x.grad');
    expectTorch(weight.grad, wGrad!, 'w.grad');
  });

  it('a custom exp that saves its output (the class form)', () => {
    const { x, loss, xGrad } = fixture.cases.exp!;
    const inputX = input(x!, true);
    const y = Exp.apply(inputX);
    expect(y.gradFn!.name).toBe('ExpBackward');
    const value = y.div(y.sum(1, true)).pow(2).sum();
    expectTorch(value, loss!, 'loss');
    value.backward();
    expectTorch(inputX.grad, xGrad!, 'x.grad');
  });

  it('second derivatives through a backward written with differentiable ops: Cube gives 6x', () => {
    const { x, first, second } = fixture.cases.cube!;
    const inputX = input(x!, true);
    const [firstGrad] = grad(Cube.apply(inputX).sum(), [inputX], { createGraph: true });
    expectTorch(firstGrad!, first!, 'first');
    const [secondGrad] = grad(firstGrad!.mul(inputX.sin()).sum(), [inputX]);
    expectTorch(secondGrad!, second!, 'second');
    const point = tensor([-1.5, 0.5, 2], { dtype: 'float64', requiresGrad: true });
    const [slope] = grad(Cube.apply(point).sum(), [point], { createGraph: true });
    const [curvature] = grad(slope!.sum(), [point]);
    expect(Array.from(curvature!.dataSync())).toEqual([-9, 3, 12]);
  });

  it('broadcast gradients are summed back, number arguments take null, inputs without grad are skipped', () => {
    const { x, scale, shift, constant, loss, xGrad, scaleGrad, shiftGrad } = fixture.cases.scaleShift!;
    const [inputX, inputScale, inputShift, inputConstant] = [input(x!, true), input(scale!, true), input(shift!, true), input(constant!)];
    const value = ScaleShift.apply(inputX, inputScale, 2.5, inputShift)
      .mul(inputConstant)
      .sum()
      .add(ScaleShift.apply(inputConstant, inputScale, 0.5, inputShift).tanh().sum());
    expectTorch(value, loss!, 'loss');
    value.backward();
    expectTorch(inputX.grad, xGrad!, 'x.grad');
    expectTorch(inputScale.grad, scaleGrad!, 'scale.grad');
    expectTorch(inputShift.grad, shiftGrad!, 'shift.grad');
    expect(inputConstant.grad).toBeNull();
  });
});

describe('custom functions: gradcheck, context and graph', () => {
  it('gradcheck and gradgradcheck in float64 on a hand-written backward', () => {
    const x = tensor([-3, -0.4, 0.2, 1.7, 5], { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((value) => Softplus.apply(value), [x])).toBe(true);
    expect(gradgradcheck((value) => Softplus.apply(value), [x])).toBe(true);
    const a = randn([3, 2], { dtype: 'float64', requiresGrad: true });
    const b = randn([2], { dtype: 'float64', requiresGrad: true });
    const c = randn([1, 2], { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((left, right, offset) => ScaleShift.apply(left!, right!, 1.5, offset!), [a, b, c])).toBe(true);
    expect(gradgradcheck((left, right, offset) => ScaleShift.apply(left!, right!, 1.5, offset!), [a, b, c])).toBe(true);
  });

  it('needsInputGrad per argument, markNonDifferentiable, no graph under noGrad or without inputs that require grad', () => {
    let seen: readonly boolean[] = [];
    const Probe = defineFunction({
      forward(context, a: Tensor, b: Tensor, factor: number) {
        seen = context.needsInputGrad;
        return a.mul(b).mul(factor);
      },
      backward: (_context, gradient) => [gradient, gradient, null],
    });
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3, 4]);
    const y = Probe.apply(a, b, 2);
    expect(seen).toEqual([true, false, false]);
    expect(y.gradFn!.name).toBe('CustomFunctionBackward');
    expect(noGrad(() => Probe.apply(a, b, 2)).requiresGrad).toBe(false);
    expect(seen).toEqual([false, false, false]);
    expect(Probe.apply(b, b, 2).requiresGrad).toBe(false);
    const Indices = defineFunction({
      forward(context, x: Tensor) {
        const rounded = x.round();
        context.markNonDifferentiable(rounded);
        return rounded;
      },
      backward: (_context, gradient) => [gradient],
    });
    const rounded = Indices.apply(a);
    expect(rounded.requiresGrad).toBe(false);
    expect(rounded.gradFn).toBeNull();
  });

  it('a tensor stored on the context is saved like saveForBackward', () => {
    const x = tensor([-1, 2, 3], { requiresGrad: true });
    Masked.apply(x)
      .mul(tensor([5, 6, 7]))
      .sum()
      .backward();
    expect(Array.from(x.grad!.dataSync())).toEqual([0, 6, 7]);
  });

  it('once differentiable: the backward runs without a graph, and a second derivative throws', () => {
    const Square = defineFunction({
      name: 'Square',
      onceDifferentiable: true,
      forward(context, x: Tensor) {
        context.saveForBackward(x);
        return x.square();
      },
      backward(context, gradient) {
        const [x] = context.savedTensors;
        const value = gradient.mul(x!).mul(2);
        expect(value.requiresGrad).toBe(false);
        return [value];
      },
    });
    const x = tensor([1.5, -2], { requiresGrad: true });
    Square.apply(x).sum().backward();
    expect(Array.from(x.grad!.dataSync())).toEqual([3, -4]);
    const [first] = grad(Square.apply(x).sum(), [x], { createGraph: true });
    expect(Array.from(first!.dataSync())).toEqual([3, -4]);
    expect(() => first!.sum().backward()).toThrow(
      'trying to differentiate twice a function that was marked with onceDifferentiable (SquareBackward)',
    );
  });

  it('reports the custom function to exporters as one primitive, after the ops of its forward', () => {
    const seen: string[] = [];
    const x = tensor([1, 2], { requiresGrad: true });
    observeOperations({ primitive: (_, name) => seen.push(name), untraced: () => {} }, () => Exp.apply(x));
    expect(seen).toEqual(['exp', 'customFunction']);
  });
});

describe('custom functions: errors with torch meaning', () => {
  const x = () => tensor([[1, 2, 3]], { requiresGrad: true });
  const withBackward = (backward: (context: FunctionContext, gradient: Tensor) => (Tensor | null)[]) =>
    defineFunction({ name: 'Broken', forward: (_context, value: Tensor, factor: number) => value.mul(factor), backward });

  it('the wrong number of gradients', () => {
    expect(() =>
      withBackward((_context, gradient) => [gradient])
        .apply(x(), 2)
        .sum()
        .backward(),
    ).toThrow('function BrokenBackward returned an incorrect number of gradients (expected 2, got 1)');
    expect(() =>
      withBackward((_context, gradient) => [gradient, null, gradient])
        .apply(x(), 2)
        .sum()
        .backward(),
    ).toThrow('function BrokenBackward returned an incorrect number of gradients (expected 2, got 3)');
    // extra nulls are allowed, as torch allows extra Nones
    const value = x();
    withBackward((_context, gradient) => [gradient, null, null])
      .apply(value, 2)
      .sum()
      .backward();
    expect(Array.from(value.grad!.dataSync())).toEqual([1, 1, 1]);
  });

  it('a gradient of the wrong shape names the input, the expected and the got shapes', () => {
    expect(() =>
      withBackward((_context, gradient) => [gradient.reshape([3, 1]), null])
        .apply(x(), 2)
        .sum()
        .backward(),
    ).toThrow(
      'function BrokenBackward returned an invalid gradient at index 0 (forward argument 0) - got [3, 1] but expected shape compatible with [1, 3]',
    );
  });

  it('a gradient for a number argument, a gradient that is not a tensor, a forward that returns several outputs', () => {
    expect(() =>
      withBackward((_context, gradient) => [gradient, gradient])
        .apply(x(), 2)
        .sum()
        .backward(),
    ).toThrow(
      'function BrokenBackward returned a gradient different than null at position 1, but the corresponding forward input was not a tensor',
    );
    expect(() =>
      withBackward(() => [2 as unknown as Tensor, null])
        .apply(x(), 2)
        .sum()
        .backward(),
    ).toThrow('function BrokenBackward returned a gradient at position 0 that is neither a tensor nor null');
    const Pair = defineFunction({
      name: 'Pair',
      forward: (_context, value: Tensor) => [value, value] as unknown as Tensor,
      backward: () => [null],
    });
    expect(() => Pair.apply(x())).toThrow('Pair.apply: forward must return one tensor (got 2 values)');
  });

  it('a gradient for an input that does not require grad is ignored', () => {
    const constant = tensor([[1, 2, 3]]);
    const weight = tensor([2], { requiresGrad: true });
    const Scale = defineFunction({
      forward: (_context, value: Tensor, factor: Tensor) => value.mul(factor),
      backward: (_context, gradient) => [gradient.reshape([3, 1]), gradient.sum().reshape([1])],
    });
    Scale.apply(constant, weight).sum().backward();
    expect(Array.from(weight.grad!.dataSync())).toEqual([3]);
  });

  it('a saved tensor modified in place before backward', () => {
    const value = x();
    const y = Exp.apply(value);
    noGrad(() => y.mul_(2));
    expect(() => y.sum().backward()).toThrow(
      /one of the variables needed for gradient computation has been modified by an inplace operation: \[float32 \[1, 3\]\], which is output 0 of ExpBackward, is at version 1; expected version 0/,
    );
  });

  it('backward through a released graph, and saveForBackward outside forward', () => {
    const value = x();
    const y = Cube.apply(value).sum();
    y.backward();
    expect(() => y.backward()).toThrow('backward: trying to backward through the graph a second time (SumBackward)');
    let stored: FunctionContext | undefined;
    const Leak = defineFunction({
      forward(context, input: Tensor) {
        stored = context;
        return input.clone();
      },
      backward: (_context, gradient) => [gradient],
    });
    Leak.apply(value);
    expect(() => stored!.saveForBackward(value)).toThrow('saveForBackward: call it from the forward of a custom function');
  });
});

describe('custom functions: memory', () => {
  it('200 applies and backward passes leave live tensors and bytes flat (no collection forced)', () => {
    const weight = randn([16, 16]).requiresGrad_();
    const features = randn([8, 16]);
    const step = () => {
      const hidden = features.matmul(weight);
      const activations = Masked.apply(Softplus.apply(StraightThroughSign.apply(hidden).add(hidden.tanh())));
      const loss = Exp.apply(GradientReversal.apply(activations, 0.3)).mean();
      loss.backward();
      weight.grad = null;
    };
    step(); // warm-up: the constants the ops cache
    releaseFinishedGraphs();
    const before = { ...memory().cpu! };
    for (let index = 0; index < 200; index++) step();
    releaseFinishedGraphs();
    const after = memory().cpu!;
    expect({ handles: after.liveTensors - before.liveTensors, bytes: after.bytesInUse - before.bytesInUse }).toEqual({
      handles: 0,
      bytes: 0,
    });
  });
});
