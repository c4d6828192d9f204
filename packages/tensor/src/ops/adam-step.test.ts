import { describe, expect, it } from 'vitest';
import { adamStep, manualSeed, randn, tensor, zerosLike, type Tensor } from '../index.js';
import type { AdamStepOptions } from '../core/backend.js';

const base: AdamStepOptions = {
  lr: 0.01,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weightDecay: 0,
  decoupledWeightDecay: false,
  maximize: false,
  step: 1,
};

/** Runs three steps from the same start: float64 takes the composite, float32 the fused CPU kernel. */
function run(dtype: 'float32' | 'float64', options: Partial<AdamStepOptions>, amsgrad: boolean): number[] {
  manualSeed(5);
  const parameter = randn([7, 3]).to(dtype);
  const state: Tensor[] = [zerosLike(parameter), zerosLike(parameter), zerosLike(parameter)];
  for (let step = 1; step <= 3; step++) {
    const gradient = parameter.mul(parameter).add(randn([7, 3]).to(dtype)); // any gradient will do
    adamStep(parameter, gradient, state[0]!, state[1]!, amsgrad ? state[2]! : null, { ...base, ...options, step });
  }
  return Array.from(parameter.dataSync());
}

describe('adamStep', () => {
  const variants: [string, Partial<AdamStepOptions>, boolean][] = [
    ['plain', {}, false],
    ['L2 weight decay, maximize', { weightDecay: 0.1, maximize: true }, false],
    ['decoupled weight decay (AdamW)', { weightDecay: 0.1, decoupledWeightDecay: true }, false],
    ['amsgrad', {}, true],
  ];
  for (const [name, options, amsgrad] of variants)
    it(`the fused float32 kernel agrees with the composite (float64): ${name}`, () => {
      const fused = run('float32', options, amsgrad);
      const composite = run('float64', options, amsgrad);
      fused.forEach((value, index) => expect(value).toBeCloseTo(composite[index]!, 5));
    });

  for (const amsgrad of [false, true])
    it(`reads a transposed gradient in place, as its dense copy and as the composite (amsgrad ${amsgrad})`, () => {
      // [37, 45] is not a multiple of the 32-element tiles; the gradient is the transpose of a dense [45, 37]
      const runs = ['transposed', 'dense', 'composite'] as const;
      const results = runs.map((layout) => {
        manualSeed(6);
        const dtype = layout === 'composite' ? 'float64' : 'float32'; // float64 takes the composite
        const parameter = randn([37, 45]).to(dtype);
        const state = [zerosLike(parameter), zerosLike(parameter), zerosLike(parameter)];
        const stored = randn([45, 37]).to(dtype);
        const gradient = layout === 'dense' ? stored.t().contiguous() : stored.t();
        expect(gradient.isContiguous()).toBe(layout === 'dense');
        for (let step = 1; step <= 2; step++)
          adamStep(parameter, gradient, state[0]!, state[1]!, amsgrad ? state[2]! : null, { ...base, weightDecay: 0.01, step });
        return [parameter, ...state].flatMap((tensor) => Array.from(tensor.dataSync()));
      });
      expect(results[0]).toEqual(results[1]);
      results[0]!.forEach((value, index) => expect(value).toBeCloseTo(results[2]![index]!, 5));
    });

  it('first step moves each parameter by lr·sign(g) (bias-corrected Adam), a closed form', () => {
    const parameter = tensor([1, -2, 3]);
    const gradient = tensor([0.5, -4, 0]);
    adamStep(parameter, gradient, zerosLike(parameter), zerosLike(parameter), null, { ...base, eps: 0 });
    // m̂ = g, v̂ = g², step = lr·g/|g| (and 0/0 → NaN where g = 0, as torch with eps = 0)
    const values = Array.from(parameter.dataSync());
    expect(values[0]).toBeCloseTo(1 - 0.01, 6);
    expect(values[1]).toBeCloseTo(-2 + 0.01, 6);
    expect(values[2]).toBeNaN();
  });

  it('a moment held in a transposed view is updated where it lies (the fused kernel writes dense states only)', () => {
    const parameter = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const gradient = tensor([
      [0.5, -1, 2],
      [-3, 4, 0.25],
    ]);
    const expAvg = zerosLike(parameter.t()).t(); // [2, 3] with strides [1, 2]
    expect(expAvg.isContiguous()).toBe(false);
    adamStep(parameter, gradient, expAvg, zerosLike(parameter), null, { ...base, eps: 0 });
    // first step: m = (1 − β₁)g in g's own positions, θ moves by lr·sign(g)
    const g = [0.5, -1, 2, -3, 4, 0.25];
    Array.from(expAvg.contiguous().dataSync()).forEach((value, index) => expect(value).toBeCloseTo(0.1 * g[index]!, 6));
    Array.from(parameter.dataSync()).forEach((value, index) => expect(value).toBeCloseTo(index + 1 - 0.01 * Math.sign(g[index]!), 6));
  });

  it('two moments sharing one storage are updated one after the other, as the composite reads them', () => {
    const parameter = tensor([1, -2, 3]);
    const gradient = tensor([0.5, 2, 4]);
    const shared = zerosLike(parameter);
    adamStep(parameter, gradient, shared, shared, null, base);
    // m ← (1 − β₁)g lands in the shared buffer; then v ← β₂·m + (1 − β₂)g² overwrites it, and the update
    // divides that by √v/√(1 − β₂) + ε with the bias corrections of step 1
    const expected = [0.5, 2, 4].map((g, index) => {
      const value = 0.999 * 0.1 * g + 0.001 * g * g;
      const update = ((0.01 / 0.1) * value) / (Math.sqrt(value) / Math.sqrt(0.001) + 1e-8);
      return { value, parameter: [1, -2, 3][index]! - update };
    });
    Array.from(shared.dataSync()).forEach((value, index) => expect(value).toBeCloseTo(expected[index]!.value, 6));
    Array.from(parameter.dataSync()).forEach((value, index) => expect(value).toBeCloseTo(expected[index]!.parameter, 5));
  });

  it('rejects tensors of other shapes', () => {
    const parameter = tensor([1, 2]);
    expect(() => adamStep(parameter, tensor([1]), zerosLike(parameter), zerosLike(parameter), null, base)).toThrow(
      /adamStep: every tensor must match/,
    );
  });
});
