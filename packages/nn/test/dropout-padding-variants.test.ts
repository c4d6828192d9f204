import { getRngState, manualSeed, ones, philoxUniform, randn, tensor, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import {
  AlphaDropout,
  ConstantPad3d,
  Dropout,
  Dropout1d,
  Dropout2d,
  Dropout3d,
  F,
  FeatureAlphaDropout,
  type PaddingLayer,
  ReflectionPad3d,
  ReplicationPad3d,
  ZeroPad1d,
  ZeroPad2d,
  ZeroPad3d,
} from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// Dropout1d, Dropout3d, AlphaDropout, FeatureAlphaDropout and the 3-D / ZeroPad1d padding layers against
// torch 1.13 (tools/fixtures/nn_dropout_padding_variants_reference.py; ZeroPad1d and ZeroPad3d, from
// torch 2.1, against ConstantPad1d / ConstantPad3d with value 0).
interface PaddingCase {
  name: string;
  padding: number | number[];
  value: number | null;
  input: FixtureTensor;
  output: FixtureTensor;
  weights: FixtureTensor;
  gradient: FixtureTensor;
}
interface AlphaCase {
  name: string;
  function: 'alpha_dropout' | 'feature_alpha_dropout';
  p: number;
  training: boolean;
  input: FixtureTensor;
  output: FixtureTensor;
  gradient: FixtureTensor;
}
const reference = readFixture<{ padding: PaddingCase[]; alpha: AlphaCase[]; reprs: Record<string, string> }>(
  'nn_dropout_padding_variants.json',
);

/** SELU's λα; alpha dropout drops to a = −λα. */
const negativeSaturation = 1.7580993408473766;
/** A and B of alpha dropout's affine correction, as the brief of torch's _dropout_impl. */
function affine(p: number): { A: number; B: number; dropped: number } {
  const a = -negativeSaturation;
  const A = ((1 - p) * (1 + p * a * a)) ** -0.5;
  const B = -A * a * p;
  return { A, B, dropped: A * a + B };
}

const paddingLayers: Record<string, (entry: PaddingCase) => PaddingLayer> = {
  ZeroPad1d: (entry) => new ZeroPad1d(entry.padding as [number, number]),
  ZeroPad3d: (entry) => new ZeroPad3d(entry.padding as never),
  ConstantPad3d: (entry) => new ConstantPad3d(entry.padding as never, entry.value!),
  ReflectionPad3d: (entry) => new ReflectionPad3d(entry.padding as never),
  ReplicationPad3d: (entry) => new ReplicationPad3d(entry.padding as never),
};

describe('ZeroPad1d and the 3-D padding layers against torch', () => {
  it.each(reference.padding.map((entry) => [entry.name, entry] as const))('%s: output and gradient', (name, entry) => {
    const layer = paddingLayers[name.split(' ')[0]!]!(entry);
    const input = fromFixture(entry.input).requiresGrad_();
    const output = layer.call(input);
    expectClose(output, entry.output, `${name}: output`, 0, 0); // copies of the input and the fill: exact
    output.mul(fromFixture(entry.weights)).sum().backward();
    expectClose(input.grad, entry.gradient, `${name}: gradient`, 1e-5, 1e-6);
  });

  it('print as torch prints them, have no parameters and check their padding', () => {
    expect(String(new ZeroPad1d(2))).toBe(reference.reprs['ZeroPad1d(2)']);
    expect(String(new ZeroPad2d([1, 2, 0, 3]))).toBe(reference.reprs['ZeroPad2d((1, 2, 0, 3))']);
    expect(String(new ZeroPad3d([1, 2, 3, 4, 5, 6]))).toBe(reference.reprs['ZeroPad3d((1, 2, 3, 4, 5, 6))']);
    expect(String(new ConstantPad3d(1, 3.5))).toBe(reference.reprs['ConstantPad3d(1, 3.5)']);
    expect(String(new ReflectionPad3d(2))).toBe(reference.reprs['ReflectionPad3d(2)']);
    expect(String(new ReplicationPad3d([1, 0, 2, 3, 0, 1]))).toBe(reference.reprs['ReplicationPad3d((1, 0, 2, 3, 0, 1))']);
    expect(new ReflectionPad3d(1).parameters()).toEqual([]);
    expect(Object.keys(new ZeroPad3d(1).stateDict())).toEqual([]);
    expect(() => new ReflectionPad3d([1, 2, 3, 4] as never)).toThrow(
      'ReflectionPad3d: padding must be an integer or 6 integers (left, right, top, bottom, front, back), got an array [1, 2, 3, 4]',
    );
    expect(() => new ZeroPad1d(1.5)).toThrow('ZeroPad1d: padding must be an integer or 2 integers (left, right), got 1.5');
    expect(() => new ReflectionPad3d(3).call(randn([1, 1, 3, 4, 4]))).toThrow(
      'pad: reflect padding must be smaller than the dim it pads: 3 for dim 2 of size 3 in [1, 1, 3, 4, 4]',
    );
    expect(() => new ReplicationPad3d(1).call(randn([4, 4]))).toThrow("pad: mode 'replicate' pads the last 1, 2 or 3 dims");
  });
});

describe('Dropout1d and Dropout3d', () => {
  it('drop whole channels of batched and unbatched inputs, about p of them, scaling the rest by 1/(1 − p)', () => {
    manualSeed(3);
    const cases: [Tensor, Tensor, number][] = [
      [new Dropout1d(0.3).call(ones([40, 50, 6])), ones([40, 50, 6]), 6],
      [new Dropout1d(0.3).call(ones([2000, 5])), ones([2000, 5]), 5],
      [new Dropout3d(0.3).call(ones([40, 50, 2, 2, 2])), ones([40, 50, 2, 2, 2]), 8],
      [new Dropout3d(0.3).call(ones([2000, 2, 1, 3])), ones([2000, 2, 1, 3]), 6],
    ];
    for (const [output, input, perChannel] of cases) {
      const values = Array.from(output.dataSync());
      expect(values.length).toBe(input.numel());
      const channels = values.length / perChannel;
      let dropped = 0;
      for (let channel = 0; channel < channels; channel++) {
        const block = values.slice(channel * perChannel, (channel + 1) * perChannel);
        expect(block.every((value) => value === block[0])).toBe(true);
        if (block[0] === 0) dropped++;
        else expect(block[0]).toBe(Math.fround(1 / Math.fround(0.7)));
      }
      expect(Math.abs(dropped / channels - 0.3)).toBeLessThan(0.03);
    }
  });

  it('draw one keep-or-drop per (n, c) from the same Philox stream as dropout2d, with gradient the mask', () => {
    for (const [fn, shape, planes, perPlane] of [
      [F.dropout1d, [3, 4, 5], 12, 5],
      [F.dropout1d, [4, 5], 4, 5],
      [F.dropout3d, [2, 3, 2, 2, 2], 6, 8],
      [F.dropout3d, [3, 2, 1, 2], 3, 4],
    ] as const) {
      manualSeed(9);
      const input = randn([...shape], { requiresGrad: true });
      const { seed, offset } = getRngState();
      const output = fn(input, 0.4);
      const draws = new Float32Array(planes);
      philoxUniform(draws, seed, offset);
      const mask = Array.from(draws, (u) => (u < Math.fround(0.6) ? Math.fround(1 / Math.fround(0.6)) : 0)).flatMap((value) =>
        new Array<number>(perPlane).fill(value),
      );
      const x = Array.from(input.dataSync());
      expect(Array.from(output.dataSync())).toEqual(x.map((value, i) => Math.fround(value * mask[i]!)));
      output.sum().backward();
      expect(Array.from(input.grad!.dataSync())).toEqual(mask);
    }
  });

  it('are the identity in eval mode, when not training and at p = 0, zeros at p = 1, and check their input', () => {
    const x = randn([2, 3, 4]);
    const layer = new Dropout1d(0.5);
    layer.eval();
    expect(layer.call(x)).toBe(x);
    expect(F.dropout1d(x, 0.5, false)).toBe(x);
    expect(F.dropout1d(x, { p: 0 })).toBe(x);
    expect(Array.from(F.dropout1d(x, 1).dataSync()).every((value) => value === 0)).toBe(true);
    const volumes = randn([1, 2, 2, 2, 2]);
    const layer3 = new Dropout3d({ p: 0.2 });
    layer3.eval();
    expect(layer3.call(volumes)).toBe(volumes);
    expect(Array.from(F.dropout3d(volumes, { p: 1, training: true }).dataSync()).every((value) => value === 0)).toBe(true);
    expect(() => F.dropout1d(randn([1, 2, 3, 4]), 0.5)).toThrow(
      'dropout1d: expected a 2-D [C, L] or 3-D [N, C, L] input, got [1, 2, 3, 4]',
    );
    expect(() => F.dropout3d(randn([2, 3, 4]), 0.5)).toThrow(
      'dropout3d: expected a 4-D [C, D, H, W] or 5-D [N, C, D, H, W] input, got [2, 3, 4]',
    );
    expect(() => new Dropout3d(1.5)).toThrow('Dropout3d: dropout probability has to be between 0 and 1, but got 1.5');
    expect(() => new Dropout1d({ q: 0.1 } as never)).toThrow(/Dropout1d: unknown option `q`/);
    expect(() => F.dropout3d(volumes, -0.1)).toThrow('dropout3d: probability has to be between 0 and 1, but got -0.1');
  });
});

describe('AlphaDropout and FeatureAlphaDropout', () => {
  it.each(reference.alpha.map((entry) => [entry.name, entry] as const))(
    'torch’s %s is A·x + B where kept and A·a + B where dropped, our A and B',
    (_, entry) => {
      const { A, B, dropped } = affine(entry.p);
      const x = entry.input.data;
      entry.output.data.forEach((y, i) => {
        const gradient = entry.gradient.data[i]!;
        if (!entry.training || entry.p === 0) expect([y, gradient]).toEqual([x[i], 1]);
        else if (entry.p === 1) expect([Math.abs(y), Math.abs(gradient)]).toEqual([0, 0]);
        else if (gradient === 0) expect(Math.abs(y - dropped)).toBeLessThan(1e-10);
        else {
          expect(Math.abs(gradient - A)).toBeLessThan(1e-12);
          expect(Math.abs(y - (A * x[i]! + B))).toBeLessThan(1e-10);
        }
      });
    },
  );

  it('matches torch where the mask is fixed: p = 0, p = 1 and eval (float64, outputs and gradients)', () => {
    for (const entry of reference.alpha.filter((candidate) => candidate.p === 0 || candidate.p === 1 || !candidate.training)) {
      const input = fromFixture(entry.input, 'float64').requiresGrad_();
      const fn = entry.function === 'alpha_dropout' ? F.alphaDropout : F.featureAlphaDropout;
      const output = fn(input, entry.p, entry.training);
      expectClose(output, entry.output, `${entry.name}: output`, 0, 0);
      output.sum().backward();
      expectClose(input.grad, entry.gradient, `${entry.name}: gradient`, 0, 0);
    }
  });

  for (const dtype of ['float32', 'float64'] as const)
    for (const [name, fn, shape, perDraw] of [
      ['alphaDropout', F.alphaDropout, [6, 50], 1],
      ['featureAlphaDropout', F.featureAlphaDropout, [5, 6, 2, 3], 6],
    ] as const)
      it(`${name} keeps x where the Philox uniform is below 1 − p, giving A·x + B there and A·a + B elsewhere (${dtype})`, () => {
        const p = 0.3;
        const { A, B, dropped } = affine(p);
        manualSeed(12);
        const input = randn([...shape], { dtype, requiresGrad: true });
        const { seed, offset } = getRngState();
        const output = fn(input, p, true);
        const count = input.numel() / perDraw;
        const draws = new Float32Array(count);
        philoxUniform(draws, seed, offset);
        const kept = Array.from(draws, (u) => u < Math.fround(1 - p)).flatMap((keep) => new Array<boolean>(perDraw).fill(keep));
        expect(kept.some((keep) => !keep) && kept.some((keep) => keep)).toBe(true);
        const x = Array.from(input.dataSync());
        const y = Array.from(output.dataSync());
        const tolerance = dtype === 'float64' ? 1e-12 : 1e-5;
        y.forEach((value, i) => expect(Math.abs(value - (kept[i] ? A * x[i]! + B : dropped))).toBeLessThan(tolerance));
        output.sum().backward();
        Array.from(input.grad!.dataSync()).forEach((gradient, i) => expect(Math.abs(gradient - (kept[i] ? A : 0))).toBeLessThan(tolerance));
      });

  it('keeps mean 0 and variance 1 of standard normal inputs and drops about p of them', () => {
    manualSeed(5);
    for (const p of [0.1, 0.5]) {
      const { dropped } = affine(p);
      const input = randn([400, 500], { dtype: 'float64' });
      const y = Array.from(new AlphaDropout(p).call(input).dataSync());
      const mean = y.reduce((sum, value) => sum + value, 0) / y.length;
      const variance = y.reduce((sum, value) => sum + (value - mean) ** 2, 0) / y.length;
      expect(Math.abs(mean)).toBeLessThan(0.01);
      expect(Math.abs(variance - 1)).toBeLessThan(0.01);
      const fraction = y.filter((value) => Math.abs(value - dropped) < 1e-12).length / y.length;
      expect(Math.abs(fraction - p)).toBeLessThan(0.005);
      const features = Array.from(new FeatureAlphaDropout(p).call(randn([200, 100, 10], { dtype: 'float64' })).dataSync());
      const featureMean = features.reduce((sum, value) => sum + value, 0) / features.length;
      const featureVariance = features.reduce((sum, value) => sum + (value - featureMean) ** 2, 0) / features.length;
      expect(Math.abs(featureMean)).toBeLessThan(0.03);
      expect(Math.abs(featureVariance - 1)).toBeLessThan(0.03);
      const droppedChannels = Array.from({ length: 200 * 100 }, (_, channel) =>
        features.slice(channel * 10, channel * 10 + 10).every((value) => Math.abs(value - dropped) < 1e-12),
      ).filter(Boolean).length;
      expect(Math.abs(droppedChannels / 20000 - p)).toBeLessThan(0.015);
    }
  });

  it('are the identity in eval mode and by default in F (training false, as torch), and check p and the input', () => {
    const x = randn([3, 4]);
    const layer = new AlphaDropout(0.2);
    layer.eval();
    expect(layer.call(x)).toBe(x);
    const features = new FeatureAlphaDropout({ p: 0.2 });
    features.eval();
    expect(features.call(x)).toBe(x);
    expect(F.alphaDropout(x, 0.5)).toBe(x);
    expect(F.featureAlphaDropout(x)).toBe(x);
    expect(new AlphaDropout().training).toBe(true);
    expect(new AlphaDropout(0.2).call(x)).not.toBe(x);
    expect(() => F.featureAlphaDropout(tensor([1, 2, 3]), 0.5, true)).toThrow(
      'featureAlphaDropout: feature dropout requires at least 2 dims in the input, got [3]',
    );
    expect(() => new AlphaDropout(-0.5)).toThrow('AlphaDropout: dropout probability has to be between 0 and 1, but got -0.5');
    expect(() => new FeatureAlphaDropout(0.5, 'yes' as never)).toThrow('FeatureAlphaDropout: inplace must be true or false');
    expect(() => new Dropout(0.5, 'yes' as never)).toThrow('Dropout: inplace must be true or false');
    expect(() => new Dropout2d(1.5)).toThrow('Dropout2d: dropout probability has to be between 0 and 1, but got 1.5');
    expect(() => new Dropout({ p: 0.5, train: true } as never)).toThrow(/Dropout: unknown option `train`/);
    expect(() => F.alphaDropout(x, { p: 0.2, train: true } as never)).toThrow(/alphaDropout: unknown option `train`/);
  });

  it('print as torch prints them (its True / False as true / false) and have no state', () => {
    const python = (repr: string) => repr.replace('False', 'false').replace('True', 'true');
    expect(String(new Dropout())).toBe(python(reference.reprs['Dropout()']!));
    expect(String(new Dropout2d(0.25, true))).toBe(python(reference.reprs['Dropout2d(0.25, True)']!));
    expect(String(new Dropout2d({ p: 0.25, inplace: true }))).toBe(python(reference.reprs['Dropout2d(0.25, True)']!));
    expect(String(new Dropout1d(0.3))).toBe(python(reference.reprs['Dropout1d(0.3)']!));
    expect(String(new Dropout3d())).toBe(python(reference.reprs['Dropout3d()']!));
    expect(String(new AlphaDropout(0.2))).toBe(python(reference.reprs['AlphaDropout(0.2)']!));
    expect(String(new FeatureAlphaDropout(0.1, true))).toBe(python(reference.reprs['FeatureAlphaDropout(0.1, True)']!));
    expect(Object.keys(new AlphaDropout().stateDict())).toEqual([]);
  });
});
