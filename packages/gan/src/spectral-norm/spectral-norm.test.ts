import { readFileSync } from 'node:fs';
import { Conv2d, ConvTranspose2d, deepCopy, LeakyReLU, Linear, parseSafetensors, Sequential, type Module } from '@dl/nn';
import { arange, manualSeed, noGrad, randn, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose, fromFixture, readFixture, stateFromFixture, type FixtureTensor } from '../../test/helpers/fixtures.js';
import { removeSpectralNorm, spectralNorm } from './spectral-norm.js';

interface Snapshot {
  weight: FixtureTensor;
  output: FixtureTensor;
  u: FixtureTensor;
  v: FixtureTensor;
}
interface SpectralCase {
  options: { n_power_iterations?: number };
  stateDictKeys: string[];
  initial: Record<string, FixtureTensor>;
  input: FixtureTensor;
  train: (Snapshot & { weightOrigGrad: FixtureTensor; inputGrad: FixtureTensor })[];
  eval: Snapshot;
}
const fixture = readFixture<Record<'linear' | 'conv' | 'convTranspose', SpectralCase>>('gan_spectral_norm.json');

const layers: Record<keyof typeof fixture, () => Module> = {
  linear: () => new Linear(5, 4),
  conv: () => new Conv2d(2, 3, 3),
  convTranspose: () => new ConvTranspose2d(3, 2, 3, { stride: 2 }),
};

type Normalised = Module & { call(x: Tensor): Tensor; weight: Tensor; weight_orig: Tensor; weight_u: Tensor; weight_v: Tensor };

describe('spectralNorm against torch.nn.utils.spectral_norm (float64)', () => {
  for (const kind of ['linear', 'conv', 'convTranspose'] as const) {
    const data = fixture[kind];
    it(`${kind}: state-dict names, loads PyTorch's state, 3 training forwards then eval`, () => {
      const layer = spectralNorm(layers[kind]().to('float64'), { nPowerIterations: data.options.n_power_iterations ?? 1 }) as Normalised;
      expect(Object.keys(layer.stateDict())).toEqual(data.stateDictKeys);
      layer.loadStateDict(stateFromFixture(data.initial));
      const input = fromFixture(data.input);
      data.train.forEach((expected, call) => {
        const x = input.detach().requiresGrad_();
        const output = layer.call(x);
        layer.zeroGrad();
        // the fixture's upstream gradient: cos(0), cos(1), … over the output's elements
        output
          .mul(
            arange(0, output.numel(), 1, { dtype: 'float64' })
              .reshape([...output.shape])
              .cos(),
          )
          .sum()
          .backward();
        const label = `${kind} training forward ${call + 1}`;
        expectClose(layer.weight_u, expected.u, `${label}: u`);
        expectClose(layer.weight_v, expected.v, `${label}: v`);
        expectClose(layer.weight, expected.weight, `${label}: weight`);
        expectClose(output, expected.output, `${label}: output`);
        expectClose(layer.weight_orig.grad, expected.weightOrigGrad, `${label}: d/d weight_orig (u, v constant)`);
        expectClose(x.grad, expected.inputGrad, `${label}: d/d input`);
      });
      layer.eval();
      const output = noGrad(() => layer.call(input));
      expectClose(layer.weight_u, data.eval.u, `${kind} eval: u unchanged`);
      expectClose(output, data.eval.output, `${kind} eval: output`);
      expectClose(layer.weight, data.eval.weight, `${kind} eval: weight`);
    });
  }

  it("loads a spectral-normalised PyTorch model's safetensors file and gives its eval output", () => {
    const bytes = readFileSync(new URL('../../test/__fixtures__/gan_spectral_norm_torch.safetensors', import.meta.url));
    const { tensors, metadata } = parseSafetensors(new Uint8Array(bytes));
    const model = new Sequential(spectralNorm(new Linear(6, 5)), new LeakyReLU(0.2), spectralNorm(new Linear(5, 1)));
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(model.stateDict()).sort()); // 0.weight_orig, 0.weight_u, …
    model.loadStateDict(tensors);
    model.eval();
    const output = noGrad(() => model.call(fromFixture(JSON.parse(metadata.input!) as FixtureTensor, 'float32')));
    expectClose(output, JSON.parse(metadata.evalOutput!) as FixtureTensor, 'eval output of the PyTorch model', 1e-5, 1e-6);
  });

  it('the normalised weight has spectral norm ≈ 1 after enough power iterations', () => {
    manualSeed(5);
    const layer = spectralNorm(new Linear(6, 4), { nPowerIterations: 50 }) as unknown as Normalised;
    noGrad(() => layer.call(randn([2, 6])));
    // largest singular value of W/σ: iterate ‖Wᵀ W x‖ on a fresh vector
    const weight = layer.weight;
    let vector = randn([6]);
    for (let step = 0; step < 200; step++) vector = weight.t().matmul(weight.matmul(vector)).div(vector.norm());
    expect(Math.sqrt(vector.norm().itemSync())).toBeCloseTo(1, 3);
  });

  it('removeSpectralNorm gives back a plain weight parameter', () => {
    manualSeed(6);
    const layer = spectralNorm(new Linear(3, 2)) as unknown as Normalised;
    noGrad(() => layer.call(randn([1, 3])));
    const normalised = [...layer.weight.dataSync()];
    removeSpectralNorm(layer);
    expect(Object.keys(layer.stateDict())).toEqual(['bias', 'weight']);
    [...layer.weight.dataSync()].forEach((value, index) => expect(value).toBeCloseTo(normalised[index]!, 6));
  });

  it('a deepCopy is independent: its forward, power iteration and weight use its own weight_orig, u and v', () => {
    manualSeed(7);
    const original = spectralNorm(new Linear(4, 3)) as unknown as Normalised & { bias: Tensor };
    const copy = deepCopy(original);
    noGrad(() => copy.weight_orig.copy_(randn([3, 4])));
    const input = randn([2, 4]);
    // eval mode (no power iteration): output = x (W / uᵀWv)ᵀ + b with the module's own W, u, v and b
    const expected = (layer: typeof original) =>
      noGrad(() => {
        const sigma = layer.weight_u.dot(layer.weight_orig.matmul(layer.weight_v));
        return [...input.matmul(layer.weight_orig.div(sigma).t()).add(layer.bias).dataSync()];
      });
    for (const layer of [original, copy]) {
      layer.eval();
      const output = [...noGrad(() => layer.call(input)).dataSync()];
      expected(layer).forEach((value, index) => expect(output[index]).toBeCloseTo(value, 5));
    }
    // a training forward of the copy runs the power iteration on the copy's u only
    const originalU = [...original.weight_u.dataSync()];
    const copyU = [...copy.weight_u.dataSync()];
    copy.train();
    noGrad(() => copy.call(input));
    expect([...original.weight_u.dataSync()]).toEqual(originalU);
    expect([...copy.weight_u.dataSync()]).not.toEqual(copyU);
  });

  it('rejects bad arguments with clear errors', () => {
    expect(() => spectralNorm(new Linear(2, 2), { name: 'kernel' })).toThrow(/spectralNorm: Linear has no parameter named 'kernel'/);
    expect(() => spectralNorm(new Linear(2, 2), { power: 2 } as never)).toThrow(
      /unknown option `power`. Accepted options: name, nPowerIterations, eps, dim/,
    );
    expect(() => spectralNorm(new Linear(2, 2), { dim: 2 })).toThrow(/dim 2 is out of range for 'weight' of shape \[2, 2\]/);
    const twice = spectralNorm(new Linear(2, 2));
    expect(() => spectralNorm(twice)).toThrow(/cannot register two spectral_norm hooks/);
  });
});
