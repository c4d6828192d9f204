import { eye, linalg, tensor, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import {
  Conv2d,
  ConvTranspose1d,
  ConvTranspose2d,
  ConvTranspose3d,
  Linear,
  Module,
  parametrizations,
  parametrize,
  SGD,
} from '../src/index.js';
import { SpectralNorm } from '../src/parametrize/spectral-norm.js';
import { expectClose, type FixtureTensor, fromFixture, readFixture } from './helpers/nn-fixtures.js';

// torch.nn.utils.parametrizations (orthogonal, spectral_norm) against torch 1.13
// (tools/fixtures/nn_parametrizations_reference.py), on layers built from the fixture's values: state
// dicts (names and values), parametrized weights, outputs, gradients and one SGD step, to 1e-9 relative
// and 1e-11 absolute in float64 (1e-4 and 1e-5 in float32), and torch's error messages.

type State = Record<string, FixtureTensor>;
type DType = 'float32' | 'float64';
interface OrthogonalCase {
  name: string;
  dtype: DType;
  map: 'matrix_exp' | 'cayley' | 'householder' | null;
  useTrivialization: boolean;
  randomBase: boolean;
  plain: State;
  keys: string[];
  parameterNames: string[];
  registeredState: State;
  registeredWeight: FixtureTensor;
  input: FixtureTensor;
  output: FixtureTensor;
  upstream: FixtureTensor;
  gradients: State;
  steppedOriginal: FixtureTensor;
  steppedWeight: FixtureTensor;
}
interface SpectralCase {
  name: string;
  module: 'Linear' | 'Conv2d' | 'ConvTranspose2d';
  tensorName: 'weight' | 'bias';
  options: { n_power_iterations?: number; dim?: number; eps?: number };
  plain: State;
  keys: string[];
  loadedState: State;
  input: FixtureTensor;
  output: FixtureTensor;
  buffersAfter: State;
  upstream: FixtureTensor;
  gradients: State;
  readWeight: FixtureTensor;
  stateAfterRead: State;
  evalOutput: FixtureTensor;
  evalWeight: FixtureTensor;
}
interface Reference {
  orthogonal: OrthogonalCase[];
  orthogonalAssign: { state: State; value: FixtureTensor; stateAfter: State; weight: FixtureTensor };
  spectralNorm: SpectralCase[];
  powerMethod: Record<'matrix' | 'u' | 'v' | 'uAfter' | 'vAfter', FixtureTensor>;
  converged: { weight: FixtureTensor; evalWeight: FixtureTensor; sigma: number };
  errors: Record<string, string>;
}
const reference = readFixture<Reference>('nn_parametrizations.json');

const tolerances: Record<DType, [number, number]> = { float64: [1e-9, 1e-11], float32: [1e-4, 1e-5] };
const stateOf = (state: State, dtype: DType = 'float64') =>
  Object.fromEntries(Object.entries(state).map(([key, value]) => [key, fromFixture(value, dtype)]));
const asFixture = (value: Tensor): FixtureTensor => ({ shape: [...value.shape], data: Array.from(value.dataSync()) });
const fieldOf = (module: Module, name: string) => (module as unknown as Record<string, Tensor>)[name]!;
const originalOf = (module: Module, name = 'weight') =>
  (module as unknown as { parametrizations: { get(name: string): { original: Tensor } } }).parametrizations.get(name).original;

/** A module holding a batch of matrices as the buffer `matrices`. */
class Stack extends Module {
  constructor(matrices: Tensor) {
    super();
    this.registerBuffer('matrices', matrices);
  }
  forward(x: Tensor): Tensor {
    return x.matmul(this.getField('matrices') as Tensor);
  }
}

/** max |QᵀQ − I| for a tall or square Q, max |QQᵀ − I| for a wide one. */
function orthogonalityError(q: Tensor): number {
  const [rows, columns] = q.shape.slice(-2) as [number, number];
  const tall = rows >= columns ? q : q.transpose(-2, -1);
  const size = Math.min(rows, columns);
  return tall
    .transpose(-2, -1)
    .matmul(tall)
    .sub(eye(size, size, { dtype: q.dtype }))
    .abs()
    .max()
    .itemSync() as number;
}

describe('parametrizations.orthogonal against torch', () => {
  const mapOf = (entry: OrthogonalCase): parametrizations.OrthogonalMap | undefined =>
    entry.map === 'matrix_exp' ? 'matrixExp' : (entry.map ?? undefined);

  function registered(entry: OrthogonalCase): Linear {
    const [rows, columns] = entry.plain.weight!.shape as [number, number];
    const layer = new Linear(columns, rows, { dtype: entry.dtype });
    layer.loadStateDict(stateOf(entry.plain, entry.dtype));
    const options =
      entry.map === null
        ? { useTrivialization: entry.useTrivialization }
        : { orthogonalMap: mapOf(entry), useTrivialization: entry.useTrivialization };
    return parametrizations.orthogonal(layer, 'weight', options);
  }

  it.each(reference.orthogonal.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const [rtol, atol] = tolerances[entry.dtype];
    const layer = registered(entry);
    expect(parametrize.isParametrized(layer, 'weight')).toBe(true);
    expect(Object.keys(layer.stateDict())).toEqual(entry.keys);
    expect([...layer.namedParameters()].map(([key]) => key)).toEqual(entry.parameterNames);
    for (const [key, value] of Object.entries(layer.stateDict())) {
      const expected = entry.registeredState[key]!;
      if (entry.randomBase && key.endsWith('.base')) {
        // the columns past the weight's come from torch's random numbers: only the first k are torch's
        const [rows, columns] = entry.plain.weight!.shape as [number, number];
        const kept = Math.min(rows, columns);
        const torchColumns = fromFixture(expected, entry.dtype).narrow(-1, 0, kept);
        expectClose(value.narrow(-1, 0, kept), asFixture(torchColumns), `${name}: ${key}, first ${kept} columns`, rtol, atol);
        expect(orthogonalityError(value), `${name}: ${key} orthogonal`).toBeLessThan(entry.dtype === 'float64' ? 1e-13 : 1e-5);
      } else expectClose(value, expected, `${name}: ${key}`, rtol, atol);
    }
    expectClose(layer.weight, entry.registeredWeight, `${name}: weight`, rtol, atol);
    if (entry.randomBase) layer.loadStateDict(stateOf(entry.registeredState, entry.dtype));

    const output = layer.call(fromFixture(entry.input, entry.dtype));
    expectClose(output, entry.output, `${name}: output`, rtol, atol);
    output.mul(fromFixture(entry.upstream, entry.dtype)).sum().backward();
    for (const [key, value] of layer.namedParameters())
      expectClose(value.grad, entry.gradients[key]!, `${name}: gradient of ${key}`, rtol, atol);
    new SGD(layer.parameters(), { lr: 0.1 }).step();
    expectClose(originalOf(layer), entry.steppedOriginal, `${name}: original after one SGD step`, rtol, atol);
    expectClose(layer.weight, entry.steppedWeight, `${name}: weight after one SGD step`, rtol, atol);
    expect(orthogonalityError(layer.weight), `${name}: orthogonal after the step`).toBeLessThan(entry.dtype === 'float64' ? 1e-12 : 1e-5);
  });

  it("accepts torch's spelling 'matrix_exp' and chooses torch's default map", () => {
    const entry = reference.orthogonal.find((candidate) => candidate.name === 'matrix_exp, no trivialization, square')!;
    const layer = new Linear(4, 4, { dtype: 'float64' });
    layer.loadStateDict(stateOf(entry.plain));
    parametrizations.orthogonal(layer, 'weight', { orthogonalMap: 'matrix_exp', useTrivialization: false });
    expectClose(layer.weight, entry.registeredWeight, 'matrix_exp spelling', ...tolerances.float64);
    // square: matrixExp; tall: householder (the fixture's default-map cases check the values)
    const square = parametrizations.orthogonal(new Linear(3, 3));
    const tall = parametrizations.orthogonal(new Linear(2, 3));
    const mapOfLayer = (module: Module) =>
      (
        module as unknown as { parametrizations: { get(name: string): { parametrizations(): { orthogonalMap: string }[] } } }
      ).parametrizations
        .get('weight')
        .parametrizations()[0]!.orthogonalMap;
    expect(mapOfLayer(square)).toBe('matrixExp');
    expect(mapOfLayer(tall)).toBe('householder');
  });

  it('assigning an orthogonal weight puts it in the base and −I in the original (trivialization)', () => {
    const { state, value, stateAfter, weight } = reference.orthogonalAssign;
    const layer = new Linear(3, 4, { dtype: 'float64' });
    parametrizations.orthogonal(layer, 'weight', { orthogonalMap: 'cayley' });
    layer.loadStateDict(stateOf(state));
    const original = originalOf(layer);
    layer.weight = fromFixture(value, 'float64');
    expect(originalOf(layer)).toBe(original);
    expectClose(original, stateAfter['parametrizations.weight.original']!, 'original after the assignment', ...tolerances.float64);
    const base = layer.stateDict()['parametrizations.weight.0.base']!;
    const torchBase = fromFixture(stateAfter['parametrizations.weight.0.base']!, 'float64').narrow(-1, 0, 3);
    expectClose(base.narrow(-1, 0, 3), asFixture(torchBase), 'base after the assignment, first 3 columns', ...tolerances.float64);
    expectClose(layer.weight, weight, 'weight after the assignment', ...tolerances.float64);
  });

  it('removeParametrizations leaves the orthogonal weight as a plain parameter', () => {
    const layer = parametrizations.orthogonal(new Linear(5, 3, { dtype: 'float64' }), 'weight', { orthogonalMap: 'householder' });
    const weight = layer.weight.detach().clone();
    parametrize.removeParametrizations(layer, 'weight');
    expect(Object.keys(layer.stateDict())).toEqual(['bias', 'weight']);
    expectClose(layer.weight, asFixture(weight), 'weight after removal', 0, 0);
    expect(orthogonalityError(layer.weight)).toBeLessThan(1e-13);
  });

  it('works on a batch of matrices (a buffer [2, 4, 3])', () => {
    const matrices = tensor(
      Array.from({ length: 24 }, (_, index) => Math.sin(index + 1)),
      { dtype: 'float64' },
    ).reshape([2, 4, 3]);
    for (const orthogonalMap of ['matrixExp', 'cayley', 'householder'] as const) {
      const module = parametrizations.orthogonal(new Stack(matrices.clone()), 'matrices', { orthogonalMap });
      const value = fieldOf(module, 'matrices');
      expect([...value.shape]).toEqual([2, 4, 3]);
      expect(orthogonalityError(value), orthogonalMap).toBeLessThan(1e-13);
      // the initial matrices orthonormalised: the same column spaces (Q·Qᵀ·A = A)
      const projected = value.matmul(value.transpose(-2, -1)).matmul(matrices);
      expect(projected.sub(matrices).abs().max().itemSync(), orthogonalMap).toBeLessThan(1e-12);
    }
  });
});

describe('parametrizations.spectralNorm against torch', () => {
  function build(entry: SpectralCase): Module {
    const shape = entry.plain.weight!.shape;
    const dtype = 'float64';
    const module =
      entry.module === 'Linear'
        ? new Linear(shape[1]!, shape[0]!, { dtype })
        : entry.module === 'Conv2d'
          ? new Conv2d(shape[1]!, shape[0]!, shape[2]!, { dtype })
          : new ConvTranspose2d(shape[0]!, shape[1]!, shape[2]!, { dtype });
    module.loadStateDict(stateOf(entry.plain));
    const { n_power_iterations: nPowerIterations, dim, eps } = entry.options;
    const options = Object.fromEntries(Object.entries({ nPowerIterations, dim, eps }).filter(([, value]) => value !== undefined));
    return parametrizations.spectralNorm(module, entry.tensorName, options);
  }

  it.each(reference.spectralNorm.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const tolerance = tolerances.float64;
    const module = build(entry) as Linear;
    expect(Object.keys(module.stateDict())).toEqual(entry.keys);
    // torch's u and v come from its random numbers: the fixture's fixed ones are loaded
    module.loadStateDict(stateOf(entry.loadedState));
    const input = fromFixture(entry.input, 'float64');
    const output = module.call(input);
    expectClose(output, entry.output, `${name}: train-mode output`, ...tolerance);
    const state = module.stateDict();
    for (const [key, value] of Object.entries(entry.buffersAfter))
      expectClose(state[key], value, `${name}: ${key} after the forward`, ...tolerance);
    output.mul(fromFixture(entry.upstream, 'float64')).sum().backward();
    for (const [key, value] of module.namedParameters())
      expectClose(value.grad, entry.gradients[key]!, `${name}: gradient of ${key}`, ...tolerance);
    // a read in training mode runs the power method again
    expectClose(fieldOf(module, entry.tensorName), entry.readWeight, `${name}: ${entry.tensorName} read in train mode`, ...tolerance);
    for (const [key, value] of Object.entries(module.stateDict()))
      expectClose(value, entry.stateAfterRead[key]!, `${name}: ${key} after the read`, ...tolerance);
    module.eval();
    expectClose(module.call(input), entry.evalOutput, `${name}: eval-mode output`, ...tolerance);
    expectClose(fieldOf(module, entry.tensorName), entry.evalWeight, `${name}: eval-mode ${entry.tensorName}`, ...tolerance);
    // eval mode leaves u and v alone
    for (const [key, value] of Object.entries(module.stateDict()))
      expectClose(value, entry.stateAfterRead[key]!, `${name}: ${key} after eval-mode reads`, ...tolerance);
  });

  it('takes dim 1 by default for every transposed convolution (its output channels), 0 otherwise', () => {
    for (const module of [new ConvTranspose1d(2, 3, 2), new ConvTranspose2d(2, 3, 2), new ConvTranspose3d(2, 3, 2), new Conv2d(2, 3, 2)]) {
      const size = module.weight.numel();
      const rows = module.weight.shape[module instanceof Conv2d ? 0 : 1]!;
      parametrizations.spectralNorm(module);
      const state = module.stateDict();
      expect([...state['parametrizations.weight.0._u']!.shape], module.constructor.name).toEqual([rows]);
      expect([...state['parametrizations.weight.0._v']!.shape], module.constructor.name).toEqual([size / rows]);
    }
  });

  it('runs 15 power iterations u ← normalize(W·v), v ← normalize(Wᵀ·u) from given u and v', () => {
    const { matrix, u, v, uAfter, vAfter } = reference.powerMethod;
    const weight = fromFixture(matrix, 'float64');
    const parametrization = new SpectralNorm(weight, 1, 0, 1e-12);
    parametrization.loadStateDict({ _u: fromFixture(u, 'float64'), _v: fromFixture(v, 'float64') });
    parametrization.powerMethod(weight, 15);
    const state = parametrization.stateDict();
    expectClose(state._u, uAfter, '_u after 15 iterations', ...tolerances.float64);
    expectClose(state._v, vAfter, '_v after 15 iterations', ...tolerances.float64);
  });

  it('estimates σ at registration: a weight with singular values 3, 1, 0.5 is divided by 3', () => {
    const { weight, evalWeight, sigma } = reference.converged;
    const layer = new Linear(3, 4, { dtype: 'float64' });
    layer.loadStateDict({ weight: fromFixture(weight, 'float64'), bias: layer.bias!.detach().clone() });
    parametrizations.spectralNorm(layer);
    layer.eval();
    expectClose(layer.weight, evalWeight, 'normalised weight', ...tolerances.float64);
    const scaled = fromFixture(weight, 'float64').div(sigma);
    expectClose(layer.weight, asFixture(scaled), 'W / σ_max', ...tolerances.float64);
    expect(linalg.matrixNorm(layer.weight, 2).itemSync()).toBeCloseTo(1, 12);
  });

  it('keeps each forward’s u and v for its backward (two forwards, one backward, as a GAN critic)', () => {
    const layer = parametrizations.spectralNorm(new Linear(3, 4, { dtype: 'float64' }));
    const input = tensor([[1, -2, 0.5]], { dtype: 'float64' });
    const vectors = () => ['_u', '_v'].map((name) => layer.stateDict()[`parametrizations.weight.0.${name}`]!.clone());
    const first = layer.call(input);
    const [u1, v1] = vectors() as Tensor[];
    const second = layer.call(input.mul(2));
    const [u2, v2] = vectors() as Tensor[];
    expect(u1!.sub(u2!).abs().max().itemSync()).toBeGreaterThan(0); // the second forward moved u in place
    first.sub(second).sum().backward();
    // the same loss by hand: each output divides W by uᵀWv with its own forward's u and v
    const weight = originalOf(layer).detach().clone().requiresGrad_();
    const bias = layer.bias!.detach();
    const output = (x: Tensor, u: Tensor, v: Tensor) => x.matmul(weight.div(u.dot(weight.mv(v))).t()).add(bias);
    output(input, u1!, v1!)
      .sub(output(input.mul(2), u2!, v2!))
      .sum()
      .backward();
    expectClose(originalOf(layer).grad, asFixture(weight.grad!), 'gradient of the original', ...tolerances.float64);
  });
});

describe('parametrizations errors', () => {
  const linear = () => new Linear(3, 4);
  const calls: Record<string, () => unknown> = {
    'orthogonal: no such tensor': () => parametrizations.orthogonal(linear(), 'missing'),
    'orthogonal: vector': () => parametrizations.orthogonal(linear(), 'bias'),
    'orthogonal: map': () => parametrizations.orthogonal(linear(), 'weight', { orthogonalMap: 'qr' as never }),
    'orthogonal: assign shape': () => {
      parametrizations.orthogonal(linear()).weight = tensor([
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ]);
    },
    'orthogonal: assign without trivialization': () => {
      parametrizations.orthogonal(linear(), 'weight', { orthogonalMap: 'cayley', useTrivialization: false }).weight =
        linear().weight.detach();
    },
    'spectral_norm: no such tensor': () => parametrizations.spectralNorm(linear(), 'missing'),
    'spectral_norm: dim': () => parametrizations.spectralNorm(linear(), 'weight', { dim: 2 }),
    'spectral_norm: negative dim': () => parametrizations.spectralNorm(linear(), 'weight', { dim: -3 }),
    'spectral_norm: iterations': () => parametrizations.spectralNorm(linear(), 'weight', { nPowerIterations: 0 }),
  };
  /** torch's message in our terms: the module's class name for its repr, shapes as [a, b], camelCase options. */
  const inOurTerms = (message: string) =>
    message
      .replace(/Module '(\w+)\([^']*\)'/, "Module '$1'")
      .replace(/torch\.Size\((\[[^\]]*\])\)/g, '$1')
      .replace(/n_power_iterations/g, 'nPowerIterations')
      .replace('orthogonal_map', 'orthogonalMap')
      .replace('use_trivialization=False', 'useTrivialization=false');

  it('covers every torch error of the fixture', () => {
    expect(Object.keys(reference.errors).sort()).toEqual(Object.keys(calls).sort());
  });

  it.each(Object.entries(reference.errors))('%s', (name, torchMessage) => {
    const owner = name.startsWith('orthogonal') ? 'parametrizations.orthogonal: ' : 'parametrizations.spectralNorm: ';
    expect(calls[name]!).toThrow(owner + inOurTerms(torchMessage));
  });

  it('refuses unknown options by name, and bad option values', () => {
    expect(() => parametrizations.orthogonal(linear(), 'weight', { orthogonal_map: 'cayley' } as never)).toThrow(
      'parametrizations.orthogonal: unknown option `orthogonal_map`',
    );
    expect(() => parametrizations.spectralNorm(linear(), 'weight', { n_power_iterations: 2 } as never)).toThrow(
      'parametrizations.spectralNorm: unknown option `n_power_iterations`',
    );
    expect(() => parametrizations.spectralNorm(linear(), 'weight', { nPowerIterations: 1.5 })).toThrow(
      'parametrizations.spectralNorm: nPowerIterations must be an integer, got 1.5',
    );
    expect(() => parametrizations.orthogonal(linear(), 'weight', { useTrivialization: 1 as never })).toThrow(
      'parametrizations.orthogonal: useTrivialization must be true or false, got 1',
    );
  });

  it('a failed registration leaves the module as it was', () => {
    const layer = linear();
    expect(() => parametrizations.spectralNorm(layer, 'weight', { dim: 2 })).toThrow();
    expect(parametrize.isParametrized(layer)).toBe(false);
    expect(Object.keys(layer.stateDict())).toEqual(['weight', 'bias']);
  });
});
