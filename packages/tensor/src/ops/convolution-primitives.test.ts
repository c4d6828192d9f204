import { describe, expect, it } from 'vitest';
// the package entry registers the CPU backend
import { cast as castTo, conv1d, conv2d, convTranspose2d, grad, manualSeed, randn, type Conv2dOptions, type Tensor } from '../index.js';

// The CPU backend's fused convolution (WebAssembly im2col + sgemm) runs for float32 operands; float64
// operands take the reference composite (unfold + matmul + fold), which the conformance suite
// gradchecks. Each case computes the same convolution both ways and compares values, first
// gradients and gradients of gradients.

/** max |a − b| ≤ tolerance · max(1, max |b|), over float32 `actual` against float64 `expected`. */
function expectClose(actual: Tensor, expected: Tensor, tolerance = 2e-5): void {
  expect(actual.shape).toEqual(expected.shape);
  const a = actual.dataSync();
  const b = expected.dataSync();
  let scale = 1;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]!));
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  expect(worst).toBeLessThanOrEqual(tolerance * scale);
}

interface Case {
  name: string;
  input: number[];
  weight: number[];
  bias: boolean;
  options: Conv2dOptions;
}

const cases: Case[] = [
  { name: 'the tutorial second layer, small', input: [2, 4, 9, 9], weight: [5, 4, 3, 3], bias: true, options: {} },
  { name: 'one input channel (the first layer)', input: [3, 1, 8, 7], weight: [6, 1, 3, 3], bias: true, options: {} },
  { name: 'padding', input: [2, 3, 6, 6], weight: [4, 3, 3, 3], bias: true, options: { padding: 1 } },
  { name: 'stride 2 and padding 1', input: [2, 3, 9, 8], weight: [4, 3, 3, 3], bias: false, options: { stride: 2, padding: 1 } },
  {
    name: 'rectangular kernel, unequal stride and padding',
    input: [1, 2, 7, 10],
    weight: [3, 2, 2, 4],
    bias: true,
    options: { stride: [1, 3], padding: [2, 1] },
  },
  { name: 'dilation', input: [2, 2, 9, 9], weight: [3, 2, 3, 3], bias: true, options: { dilation: 2, padding: 1 } },
  {
    name: 'padding larger than the dilated kernel reach',
    input: [1, 2, 3, 3],
    weight: [2, 2, 2, 2],
    bias: true,
    options: { padding: 3, stride: 2 },
  },
  {
    name: 'groups (per-group kernels, bias added after)',
    input: [2, 4, 6, 6],
    weight: [6, 2, 3, 3],
    bias: true,
    options: { groups: 2, padding: 1 },
  },
  { name: '1×1 kernel', input: [2, 5, 4, 4], weight: [3, 5, 1, 1], bias: true, options: {} },
  {
    name: "padding 'same' with an even kernel (asymmetric)",
    input: [1, 2, 5, 5],
    weight: [2, 2, 4, 4],
    bias: true,
    options: { padding: 'same' },
  },
  // 3×3, stride 1, ≥ 8 channels in and out: Winograd F(2×2, 3×3) in all three directions
  {
    name: 'Winograd without padding, tiles read from the image itself',
    input: [2, 8, 10, 10],
    weight: [8, 8, 3, 3],
    bias: true,
    options: {},
  },
  {
    name: 'Winograd without padding, a group of four tiles and one more',
    input: [3, 8, 14, 12],
    weight: [9, 8, 3, 3],
    bias: true,
    options: {},
  },
  { name: 'Winograd, odd output (edge tiles)', input: [2, 8, 9, 9], weight: [8, 8, 3, 3], bias: true, options: {} },
  { name: 'Winograd, padding 1, unequal channels', input: [3, 9, 6, 7], weight: [10, 9, 3, 3], bias: true, options: { padding: 1 } },
  { name: 'Winograd, padding 2', input: [1, 8, 5, 4], weight: [8, 8, 3, 3], bias: false, options: { padding: 2 } },
  { name: 'Winograd, padding differs per axis', input: [2, 8, 7, 6], weight: [9, 8, 3, 3], bias: true, options: { padding: [0, 2] } },
  { name: 'Winograd over several chunks of images', input: [9, 8, 26, 26], weight: [8, 8, 3, 3], bias: true, options: { padding: 1 } },
  { name: 'padding 3 leaves Winograd for im2col', input: [1, 8, 4, 4], weight: [8, 8, 3, 3], bias: true, options: { padding: 3 } },
];

describe('fused float32 conv2d against the float64 composite', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      manualSeed(7);
      const input = randn(testCase.input, { requiresGrad: true });
      const weight = randn(testCase.weight, { requiresGrad: true });
      const bias = testCase.bias ? randn([testCase.weight[0]!], { requiresGrad: true }) : null;
      const input64 = castTo(input.detach(), 'float64').requiresGrad_();
      const weight64 = castTo(weight.detach(), 'float64').requiresGrad_();
      const bias64 = bias ? castTo(bias.detach(), 'float64').requiresGrad_() : null;

      const output = conv2d(input, weight, bias, testCase.options);
      const output64 = conv2d(input64, weight64, bias64, testCase.options);
      expectClose(output, output64);
      if ((testCase.options.groups ?? 1) === 1) {
        // the fused kernel ran (not the composite): the graph's node is the conv2d primitive
        expect(output.gradFn?.primitive).toBe('conv2d');
      }

      // first gradients against a fixed random cotangent
      const cotangent = randn(output.shape);
      const cotangent64 = castTo(cotangent, 'float64');
      const sources = bias ? [input, weight, bias] : [input, weight];
      const sources64 = bias64 ? [input64, weight64, bias64] : [input64, weight64];
      const first = grad(output.mul(cotangent).sum(), sources, { createGraph: true });
      const first64 = grad(output64.mul(cotangent64).sum(), sources64, { createGraph: true });
      first.forEach((gradient, index) => expectClose(gradient!, first64[index]!));

      // gradients of gradients (a WGAN-GP penalty differentiates the input gradient again)
      const penalty = first[0]!.mul(first[0]!).sum().add(first[1]!.mul(first[1]!).sum());
      const penalty64 = first64[0]!.mul(first64[0]!).sum().add(first64[1]!.mul(first64[1]!).sum());
      const second = grad(penalty, [input, weight]);
      const second64 = grad(penalty64, [input64, weight64]);
      second.forEach((gradient, index) => expectClose(gradient!, second64[index]!, 1e-4));
    });
  }

  it('third derivatives stay exact (the three primitives differentiate into each other)', () => {
    manualSeed(11);
    const input = randn([1, 2, 5, 5], { requiresGrad: true });
    const weight = randn([2, 2, 3, 3], { requiresGrad: true });
    const input64 = castTo(input.detach(), 'float64').requiresGrad_();
    const weight64 = castTo(weight.detach(), 'float64').requiresGrad_();
    const thirdOf = (x: Tensor, w: Tensor) => {
      // cubic in the tensors: y³ summed, so three derivatives are nonzero
      const y = conv2d(x, w, null, { padding: 1 });
      const [gx] = grad(y.pow(3).sum(), [x], { createGraph: true });
      const [gw] = grad(gx!.sum(), [w], { createGraph: true });
      return grad(gw!.mul(gw!).sum(), [x, w]);
    };
    const third = thirdOf(input, weight);
    const third64 = thirdOf(input64, weight64);
    third.forEach((gradient, index) => expectClose(gradient!, third64[index]!, 1e-4));
  });

  it('conv1d goes through the same kernels', () => {
    manualSeed(3);
    const input = randn([2, 3, 11], { requiresGrad: true });
    const weight = randn([4, 3, 3], { requiresGrad: true });
    const bias = randn([4]);
    const output = conv1d(input, weight, bias, { stride: 2, padding: 1 });
    const output64 = conv1d(castTo(input.detach(), 'float64'), castTo(weight.detach(), 'float64'), castTo(bias, 'float64'), {
      stride: 2,
      padding: 1,
    });
    expectClose(output, output64);
    // conv1d squeezes the height-1 conv2d output: the node under the reshape is the fused conv2d
    const squeezed = output.gradFn?.edges[0] as { primitive: string };
    expect(squeezed.primitive).toBe('conv2d');
  });

  it('an empty batch gives an empty output and a zero weight gradient', () => {
    const input = randn([0, 2, 5, 5], { requiresGrad: true });
    const weight = randn([3, 2, 3, 3], { requiresGrad: true });
    const output = conv2d(input, weight);
    expect(output.shape).toEqual([0, 3, 3, 3]);
    const [gradient] = grad(output.sum(), [weight]);
    expect(Array.from(gradient!.dataSync())).toEqual(new Array(54).fill(0));
  });
});

describe('fused float32 convTranspose2d against the float64 composite', () => {
  const transposeCases = [
    { name: 'stride 2, the DCGAN upsampling', input: [2, 4, 4, 4], weight: [4, 3, 4, 4], options: { stride: 2, padding: 1 } },
    {
      name: 'output padding and dilation',
      input: [1, 3, 5, 4],
      weight: [3, 2, 3, 3],
      options: { stride: 2, padding: 1, outputPadding: 1, dilation: 2 },
    },
    { name: 'groups', input: [2, 4, 3, 3], weight: [4, 2, 3, 3], options: { groups: 2 } },
    { name: 'stride 1, 3×3, 8 channels (the Winograd input gradient)', input: [2, 8, 5, 6], weight: [8, 9, 3, 3], options: { padding: 1 } },
  ];
  for (const testCase of transposeCases) {
    it(testCase.name, () => {
      manualSeed(5);
      const input = randn(testCase.input, { requiresGrad: true });
      const weight = randn(testCase.weight, { requiresGrad: true });
      const bias = randn([testCase.weight[1]! * (testCase.options.groups ?? 1)], { requiresGrad: true });
      const input64 = castTo(input.detach(), 'float64').requiresGrad_();
      const weight64 = castTo(weight.detach(), 'float64').requiresGrad_();
      const bias64 = castTo(bias.detach(), 'float64').requiresGrad_();
      const output = convTranspose2d(input, weight, bias, testCase.options);
      const output64 = convTranspose2d(input64, weight64, bias64, testCase.options);
      expectClose(output, output64);
      if (!testCase.options.groups) expect(output.gradFn?.primitive).toBe('add'); // bias added to the fused conv2dInputGradient
      const cotangent = randn(output.shape);
      const first = grad(output.mul(cotangent).sum(), [input, weight, bias]);
      const first64 = grad(output64.mul(castTo(cotangent, 'float64')).sum(), [input64, weight64, bias64]);
      first.forEach((gradient, index) => expectClose(gradient!, first64[index]!));
    });
  }
});
