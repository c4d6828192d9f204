import { describe, expect, it } from 'vitest';
import { randn, tensor, type Tensor } from '@dl/tensor';
import { gradcheck, leftBehind } from '@dl/tensor/testing';
import { ChannelShuffle, F, Fold, Hardshrink, type Module, RReLU, Softmax2d, Softshrink, Unfold } from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// Softshrink, Hardshrink, RReLU, Softmax2d, ChannelShuffle, Unfold and Fold against torch 1.13
// (tools/fixtures/nn_more_layers_reference.py): outputs and the gradient of sum(output·r).

interface LayerCase {
  name: string;
  arguments: Record<string, unknown> & { module: string };
  input: FixtureTensor;
  output: FixtureTensor;
  weights?: FixtureTensor;
  gradient?: FixtureTensor;
}
const reference = readFixture<{ cases: LayerCase[] }>('nn_more_layers.json');

function build({ module, ...options }: LayerCase['arguments']): Module & { call(x: Tensor): Tensor } {
  const layer = (() => {
    switch (module) {
      case 'Softshrink':
        return new Softshrink(options as { lambd?: number });
      case 'Hardshrink':
        return new Hardshrink(options as { lambd?: number });
      case 'RReLU':
        return new RReLU(options as { lower: number; upper: number }).eval();
      case 'Softmax2d':
        return new Softmax2d();
      case 'ChannelShuffle':
        return new ChannelShuffle(options.groups as number);
      case 'Unfold': {
        const { kernelSize, ...window } = options as { kernelSize: number };
        return new Unfold(kernelSize, window);
      }
      default: {
        const { outputSize, kernelSize, ...window } = options as { outputSize: [number, number]; kernelSize: number };
        return new Fold(outputSize, kernelSize, window);
      }
    }
  })();
  return layer as Module & { call(x: Tensor): Tensor };
}

describe('more layers against torch', () => {
  it.each(reference.cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const input = fromFixture(entry.input).requiresGrad_();
    const output = build(entry.arguments).call(input);
    expectClose(output, entry.output, `${name}: output`, 1e-5, 1e-6);
    if (!entry.gradient) return;
    output.mul(fromFixture(entry.weights!)).sum().backward();
    expectClose(input.grad, entry.gradient, `${name}: gradient`, 1e-5, 1e-6);
  });

  it('ChannelShuffle passes gradcheck (torch 1.13 has no derivative for it), RReLU draws its slopes in training', () => {
    const x = randn([1, 6, 2], { dtype: 'float64' }).requiresGrad_();
    expect(gradcheck((input: Tensor) => new ChannelShuffle(2).call(input), [x])).toBe(true);
    const negatives = tensor(Array.from({ length: 4000 }, () => -1));
    const slopes = Array.from(new RReLU(0.1, 0.4).call(negatives).neg().dataSync());
    expect(Math.min(...slopes)).toBeGreaterThanOrEqual(0.1);
    expect(Math.max(...slopes)).toBeLessThanOrEqual(0.4);
    const mean = slopes.reduce((total, value) => total + value, 0) / slopes.length;
    expect(Math.abs(mean - 0.25)).toBeLessThan(0.01); // U(0.1, 0.4): σ/√4000 ≈ 0.0014
    const plain = x.detach();
    expect(leftBehind(() => F.softshrink(plain, 0.3), [plain])).toEqual({ handles: 0, bytes: 0 });
    expect(leftBehind(() => F.rrelu(plain, { training: true }), [plain])).toEqual({ handles: 0, bytes: 0 });
  });

  it('names bad arguments', () => {
    expect(() => new ChannelShuffle(4).call(randn([1, 6, 2]))).toThrow(
      'ChannelShuffle: expected [N, C, *] with C divisible by groups (4), got [1, 6, 2]',
    );
    expect(() => F.softshrink(randn([2]), -1)).toThrow('softshrink: lambd must be ≥ 0, got -1');
    expect(() => new RReLU(0.5, 0.1)).toThrow('RReLU: lower (0.5) must not exceed upper (0.1)');
    expect(() => new Unfold(3, { pad: 1 } as never)).toThrow('Unfold: unknown option `pad`');
    expect(() => new Softmax2d().call(randn([2, 3]))).toThrow('Softmax2d: expected an input of 3 or 4 dims');
  });
});
