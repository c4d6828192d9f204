// Initialisers against PyTorch: the gain table and fans exactly, default layer initialisation and
// each initialiser statistically (mean, std, range of large samples vs torch's own samples).
// Reference: tools/fixtures/nn_reference.py → nn_init.json.
import { empty, manualSeed, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { Conv2d, ConvTranspose2d, Embedding, init, Linear, skipInit } from '../src/index.js';
import type { Nonlinearity } from '../src/init/gain.js';
import { readFixture } from './helpers/nn-fixtures.js';

interface Stats {
  mean: number;
  std: number;
  min: number;
  max: number;
  numel: number;
}
const reference = readFixture<{
  gains: Record<string, number>;
  fans: { shape: number[]; fanIn: number; fanOut: number }[];
  defaults: Record<string, { weight: Stats; bias?: Stats; bound?: number }>;
  initialisers: Record<string, Stats>;
  shape: number[];
}>('nn_init.json');

function stats(tensor: Tensor): Stats {
  const values = tensor.dataSync();
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    sum += value;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  const mean = sum / values.length;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return { mean, std: Math.sqrt(squares / (values.length - 1)), min, max, numel: values.length };
}

/** Same distribution: std and mean within 4 standard errors (plus a little), range within 5% when bounded. */
function expectSameDistribution(actual: Stats, expected: Stats, bounded: boolean): void {
  expect(actual.numel).toBe(expected.numel);
  // the standard error of a sample std is about std/√(2n)
  expect(Math.abs(actual.std - expected.std) / expected.std).toBeLessThan(4 / Math.sqrt(2 * expected.numel) + 0.01);
  expect(Math.abs(actual.mean - expected.mean)).toBeLessThan((4 * expected.std) / Math.sqrt(expected.numel) + 1e-3);
  if (bounded && expected.numel >= 1000) {
    expect(Math.abs(actual.min - expected.min)).toBeLessThan(0.05 * (expected.max - expected.min));
    expect(Math.abs(actual.max - expected.max)).toBeLessThan(0.05 * (expected.max - expected.min));
  }
}

describe('init', () => {
  it('calculateGain matches the PyTorch table', () => {
    for (const [key, value] of Object.entries(reference.gains)) {
      const [name, parameter] = key.split(' ');
      expect(init.calculateGain(name as Nonlinearity, parameter === undefined ? undefined : Number(parameter))).toBeCloseTo(value, 12);
    }
    expect(init.calculateGain('leakyRelu', 0.2)).toBeCloseTo(reference.gains['leaky_relu 0.2']!, 12);
  });

  it('fan in / fan out', () => {
    for (const { shape, fanIn, fanOut } of reference.fans) expect(init.calculateFanInAndFanOut(shape)).toEqual({ fanIn, fanOut });
    expect(() => init.calculateFanInAndFanOut([3])).toThrow(/fewer than 2 dimensions/);
  });

  it('default layer initialisation: Linear, Conv2d, ConvTranspose2d, Embedding', () => {
    manualSeed(1);
    const layers: Record<string, { weight: Tensor; bias?: Tensor | null }> = {
      'Linear(300, 200)': new Linear(300, 200),
      'Conv2d(16, 64, 3)': new Conv2d(16, 64, 3),
      'ConvTranspose2d(64, 16, 3)': new ConvTranspose2d(64, 16, 3),
      'Embedding(500, 64)': new Embedding(500, 64),
    };
    for (const [name, layer] of Object.entries(layers)) {
      const expected = reference.defaults[name]!;
      const bounded = expected.bound !== undefined;
      expectSameDistribution(stats(layer.weight), expected.weight, bounded);
      if (expected.bound !== undefined) {
        // kaiming_uniform(a = √5) and the bias both give U(±1/√fanIn)
        const weight = stats(layer.weight);
        expect(Math.max(-weight.min, weight.max)).toBeLessThanOrEqual(expected.bound + 1e-7);
        expect(Math.max(-weight.min, weight.max)).toBeGreaterThan(expected.bound * 0.97);
        const bias = stats(layer.bias!);
        expect(Math.max(-bias.min, bias.max)).toBeLessThanOrEqual(expected.bound + 1e-7);
        expectSameDistribution(bias, expected.bias!, true);
      }
    }
  });

  it('each initialiser draws from the same distribution as torch', () => {
    manualSeed(2);
    const shape = reference.shape;
    const cases: Record<string, [(tensor: Tensor) => Tensor, boolean]> = {
      'xavierUniform gain 2': [(x) => init.xavierUniform(x, 2), true],
      xavierNormal: [(x) => init.xavierNormal(x), false],
      'kaimingUniform relu': [(x) => init.kaimingUniform(x, { nonlinearity: 'relu' }), true],
      'kaimingNormal fanOut relu': [(x) => init.kaimingNormal(x, { mode: 'fanOut', nonlinearity: 'relu' }), false],
      'kaimingNormal a 0.1 leaky': [(x) => init.kaimingNormal(x, { a: 0.1 }), false],
      'uniform -2 3': [(x) => init.uniform(x, -2, 3), true],
      'normal 1 0.5': [(x) => init.normal(x, 1, 0.5), false],
      'truncNormal 0 1 -1 2': [(x) => init.truncNormal(x, 0, 1, -1, 2), true],
    };
    for (const [name, [initialise, bounded]] of Object.entries(cases)) {
      const target = empty(shape);
      expect(initialise(target)).toBe(target); // in place, returning it
      expectSameDistribution(stats(target), reference.initialisers[name]!, bounded);
    }
  });

  it('orthogonal gives QᵀQ = gain²·I (tall and wide), constant/zeros/ones/eye fill', () => {
    manualSeed(3);
    for (const shape of [
      [6, 4],
      [3, 5],
      [4, 2, 2],
    ]) {
      const target = init.orthogonal(empty(shape), 2);
      const matrix = target.reshape([shape[0]!, -1]);
      const small = matrix.shape[0]! < matrix.shape[1]! ? matrix.matmul(matrix.t()) : matrix.t().matmul(matrix);
      const size = small.shape[0]!;
      const values = small.dataSync();
      for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) expect(values[i * size + j]!).toBeCloseTo(i === j ? 4 : 0, 4);
    }
    expect(init.constant(empty([2]), 3).toArraySync()).toEqual([3, 3]);
    expect(init.ones(empty([2])).toArraySync()).toEqual([1, 1]);
    expect(init.eye(empty([2, 3])).toArraySync()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
  });

  it('initialisers work on parameters (under noGrad) and skipInit skips them', () => {
    const layer = skipInit(() => new Linear(4, 3));
    expect([...layer.weight.dataSync()].every((value) => value === 0)).toBe(true);
    init.kaimingUniform(layer.weight, { a: Math.sqrt(5) }); // a parameter with requiresGrad: fine, runs under noGrad
    expect([...layer.weight.dataSync()].some((value) => value !== 0)).toBe(true);
    expect(layer.weight.requiresGrad).toBe(true);
  });
});
