import { noGrad, type Tensor } from '@dl/tensor';
import { leftBehind } from '@dl/tensor/testing';
import { describe, expect, it } from 'vitest';
import type { Module } from '../../src/index.js';
import { expectClose, type FixtureTensor, fromFixture } from './nn-fixtures.js';

// What the convolution and pooling tests against torch share: the fixture cases' common fields (each
// test adds its layer's settings) and the checks that run the same way for every rank.

/** A convolution case: torch's parameters and input, its output and the gradients of sum(output · weights). */
export interface ConvolutionCase {
  name: string;
  inChannels: number;
  outChannels: number;
  weight: FixtureTensor;
  bias: FixtureTensor | null;
  input: FixtureTensor;
  output: FixtureTensor;
  weights: FixtureTensor;
  inputGradient: FixtureTensor;
  weightGradient: FixtureTensor;
  biasGradient: FixtureTensor | null;
}

/** A convolution layer as these checks use it. */
type Convolution = Module & { weight: Tensor; bias: Tensor | null; forward(input: Tensor): Tensor };

/**
 * `layer` (built with the case's settings) given torch's parameters: its output to 1e-5 and the input,
 * weight and bias gradients to `gradientRtol` relative, 1e-5 absolute.
 */
export function expectConvolutionLikeTorch(layer: Convolution, entry: ConvolutionCase, gradientRtol: number): void {
  const { name } = entry;
  expect(layer.weight.shape).toEqual(entry.weight.shape);
  layer.weight = fromFixture(entry.weight).requiresGrad_();
  if (entry.bias) layer.bias = fromFixture(entry.bias).requiresGrad_();
  else expect(layer.bias).toBeNull();
  const input = fromFixture(entry.input).requiresGrad_();
  const output = layer.call(input);
  expectClose(output, entry.output, `${name}: output`, 1e-5, 1e-5);
  output.mul(fromFixture(entry.weights)).sum().backward();
  expectClose(input.grad, entry.inputGradient, `${name}: input gradient`, gradientRtol, 1e-5);
  expectClose(layer.weight.grad, entry.weightGradient, `${name}: weight gradient`, gradientRtol, 1e-5);
  if (entry.biasGradient) expectClose(layer.bias!.grad, entry.biasGradient, `${name}: bias gradient`, gradientRtol, 1e-5);
}

/** A pooling case: the input, torch's output (and max pooling's indices) and the gradient of sum(output · weights). */
export interface PoolingCase {
  name: string;
  kind: 'max' | 'avg' | 'adaptive';
  input: FixtureTensor;
  output: FixtureTensor;
  indices?: FixtureTensor;
  weights: FixtureTensor;
  gradient: FixtureTensor;
}

/**
 * The tests `title` names: each case through `pool` (the values, and the indices where max pooling
 * returns them) against torch, and every pool releasing its intermediates.
 */
export function describePoolingLikeTorch<Case extends PoolingCase>(
  title: string,
  cases: Case[],
  pool: (entry: Case, input: Tensor) => [Tensor, Tensor | null],
): void {
  describe(title, () => {
    it.each(cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
      const input = fromFixture(entry.input).requiresGrad_();
      const [output, indices] = pool(entry, input);
      expectClose(output, entry.output, `${name}: output`, 1e-6, 1e-6);
      if (entry.indices) expect(Array.from(indices!.dataSync())).toEqual(entry.indices.data);
      output.mul(fromFixture(entry.weights)).sum().backward();
      expectClose(input.grad, entry.gradient, `${name}: gradient`, 1e-5, 1e-6);
    });

    it('release their intermediates', () => {
      for (const entry of cases) {
        const input = fromFixture(entry.input);
        pool(entry, input)[0].dispose();
        expect(
          leftBehind(() => noGrad(() => pool(entry, input)), [input]),
          entry.name,
        ).toEqual({ handles: 0, bytes: 0 });
      }
    });
  });
}
