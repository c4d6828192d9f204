// torchvision's positional arguments (`T.Resize(4, NEAREST)`, `T.Pad(2, 0, "reflect")`, `T.Normalize(m, s, True)`)
// in every transform: the positional and options forms build the same transform, the deterministic ones
// give torchvision 0.14's values, and too many arguments, a value given twice, an unknown option or an
// interpolation that is not implemented throw, naming the transform. `new Resize(4, 'nearest')` and
// `new Normalize(m, s, true)` used to drop their last argument silently.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CenterCrop,
  ColorJitter,
  Compose,
  FiveCrop,
  GaussianBlur,
  Generator,
  Grayscale,
  Lambda,
  Normalize,
  Pad,
  RandomAffine,
  RandomApply,
  RandomChoice,
  RandomCrop,
  RandomErasing,
  RandomGrayscale,
  RandomHorizontalFlip,
  RandomOrder,
  RandomPerspective,
  RandomResizedCrop,
  RandomRotation,
  RandomVerticalFlip,
  Resize,
  TenCrop,
  ToTensor,
  type Fill,
  type Interpolation,
  type PaddingMode,
  type ResizeInterpolation,
  type Transform,
} from '@dl/data';
import { tensor, type Tensor } from '@dl/tensor';
import { maxDifference } from './reference.js';

/** torchvision 0.14 outputs written by tools/fixtures/data_transforms_positional_reference.py. */
const reference = JSON.parse(readFileSync(new URL('./__fixtures__/data_transforms_positional_reference.json', import.meta.url), 'utf8'));
const images: Record<string, Tensor> = Object.fromEntries(
  Object.entries(reference.images).map(([name, values]) => [name, tensor(values as number[], { dtype: reference.dtypes[name] })]),
);
const image = images.image!; // float32 [3, 5, 7]

/** The transform's state as data: its fields, nested transforms and generators (their seeds as strings), without functions. */
function fields(transform: object): unknown {
  const data = JSON.stringify(transform, (_, value) => (typeof value === 'bigint' ? `${value}n` : value));
  return { type: transform.constructor.name, ...JSON.parse(data) };
}

/** Number of entries of two nested arrays that differ by more than `tolerance`. */
function countDiffering(actual: unknown, expected: unknown, tolerance = 1e-6): number {
  const a = (actual as number[]).flat(4) as number[];
  const b = (expected as number[]).flat(4) as number[];
  expect(a.length).toBe(b.length);
  return a.filter((value, i) => Math.abs(value - b[i]!) > tolerance).length;
}

/** A constructor called as JavaScript may call it: with arguments its types do not allow. */
function loosely<T>(type: unknown): new (...args: unknown[]) => T {
  return type as new (
    ...args: unknown[]
  ) => T;
}

const double = new Lambda((x: Tensor) => x.mul(2));
const shift = new Lambda((x: Tensor) => x.add(0.5));

/** [name, positional form, options form], each built with its own generator of the given seed. */
/** Any of the transforms here: a tensor in, a tensor (or TenCrop's list of them) out. */
type ImageTransform = Pick<Transform<Tensor, Tensor | Tensor[]>, 'forward'>;

const pairs: [string, (generator: Generator) => ImageTransform, (generator: Generator) => ImageTransform][] = [
  [
    'RandomHorizontalFlip',
    (g) => new RandomHorizontalFlip(0.3, { generator: g }),
    (g) => new RandomHorizontalFlip({ p: 0.3, generator: g }),
  ],
  ['RandomVerticalFlip', (g) => new RandomVerticalFlip(0.6, { generator: g }), (g) => new RandomVerticalFlip({ p: 0.6, generator: g })],
  ['RandomGrayscale', (g) => new RandomGrayscale(0.5, { generator: g }), (g) => new RandomGrayscale({ p: 0.5, generator: g })],
  [
    'RandomErasing',
    (g) => new RandomErasing(0.7, [0.1, 0.3], [0.5, 2], [0.1, 0.2, 0.3], false, { generator: g }),
    (g) => new RandomErasing({ p: 0.7, scale: [0.1, 0.3], ratio: [0.5, 2], value: [0.1, 0.2, 0.3], inplace: false, generator: g }),
  ],
  [
    "RandomErasing value 'random'",
    (g) => new RandomErasing(1, undefined, undefined, 'random', undefined, { generator: g }),
    (g) => new RandomErasing({ p: 1, value: 'random', generator: g }),
  ],
  ['RandomApply', (g) => new RandomApply([double], 0.3, { generator: g }), (g) => new RandomApply([double], { p: 0.3, generator: g })],
  [
    'RandomChoice',
    (g) => new RandomChoice([double, shift], [0.7, 0.3], { generator: g }),
    (g) => new RandomChoice([double, shift], { p: [0.7, 0.3], generator: g }),
  ],
  [
    'GaussianBlur',
    (g) => new GaussianBlur(3, [0.5, 1.5], { generator: g }),
    (g) => new GaussianBlur(3, { sigma: [0.5, 1.5], generator: g }),
  ],
  [
    'ColorJitter',
    (g) => new ColorJitter(0.2, 0.3, 0, 0.1, { generator: g }),
    (g) => new ColorJitter({ brightness: 0.2, contrast: 0.3, saturation: 0, hue: 0.1, generator: g }),
  ],
  [
    'RandomRotation',
    (g) => new RandomRotation(30, 'bilinear', true, null, [0.5, 0.25, 0], { generator: g }),
    (g) => new RandomRotation(30, { interpolation: 'bilinear', expand: true, center: null, fill: [0.5, 0.25, 0], generator: g }),
  ],
  [
    'RandomCrop',
    (g) => new RandomCrop(4, [1, 2], false, 0.5, 'symmetric', { generator: g }),
    (g) => new RandomCrop(4, { padding: [1, 2], padIfNeeded: false, fill: 0.5, paddingMode: 'symmetric', generator: g }),
  ],
  [
    'RandomResizedCrop',
    (g) => new RandomResizedCrop(4, [0.5, 1], [0.75, 1.33], 'nearest', false, { generator: g }),
    (g) => new RandomResizedCrop(4, { scale: [0.5, 1], ratio: [0.75, 1.33], interpolation: 'nearest', antialias: false, generator: g }),
  ],
  [
    'RandomAffine',
    (g) => new RandomAffine(10, [0.1, 0.1], [0.9, 1.1], 5, 'bilinear', 0.25, [2, 3], { generator: g }),
    (g) =>
      new RandomAffine(10, {
        translate: [0.1, 0.1],
        scale: [0.9, 1.1],
        shear: 5,
        interpolation: 'bilinear',
        fill: 0.25,
        center: [2, 3],
        generator: g,
      }),
  ],
  [
    'RandomPerspective',
    (g) => new RandomPerspective(0.4, 0.7, 'nearest', 0.5, { generator: g }),
    (g) => new RandomPerspective({ distortionScale: 0.4, p: 0.7, interpolation: 'nearest', fill: 0.5, generator: g }),
  ],
  ['Pad', () => new Pad(2, 0.5, 'reflect'), () => new Pad(2, { fill: 0.5, paddingMode: 'reflect' })],
  [
    'Pad, positionals then an options object',
    () => new Pad(2, 0.5, { paddingMode: 'edge' } as never),
    () => new Pad(2, { fill: 0.5, paddingMode: 'edge' }),
  ],
  ['Grayscale', () => new Grayscale(3), () => new Grayscale({ numOutputChannels: 3 })],
  ['Resize', () => new Resize(4, 'nearest', 6, false), () => new Resize(4, { interpolation: 'nearest', maxSize: 6, antialias: false })],
  ['Resize antialias', () => new Resize([3, 4], 'bilinear', null, true), () => new Resize([3, 4], { antialias: true })],
  ['TenCrop', () => new TenCrop(3, true), () => new TenCrop(3, { verticalFlip: true })],
];

describe('the positional and options forms build the same transform', () => {
  it.each(pairs)('%s: same fields, same outputs under the same seeded generator', (_, positional, options) => {
    expect(fields(positional(new Generator(5)))).toEqual(fields(options(new Generator(5))));
    const [a, b] = [positional(new Generator(7)), options(new Generator(7))];
    for (let call = 0; call < 6; call++) {
      const [x, y] = [a.forward(image), b.forward(image)];
      const values = (result: unknown) =>
        Array.isArray(result) ? result.map((t: Tensor) => t.toArraySync()) : (result as Tensor).toArraySync();
      expect(values(x)).toEqual(values(y));
    }
  });

  it('Normalize(mean, std, true) is Normalize(mean, std, { inplace: true }), and both write into the input', () => {
    const { mean, std } = reference.normalize;
    const positional = new Normalize(mean, std, true);
    expect(fields(positional)).toEqual(fields(new Normalize(mean, std, { inplace: true })));
    expect(positional.inplace).toBe(true);
    expect(new Normalize(mean, std).inplace).toBe(false);
    expect(new Normalize(mean, std, false).inplace).toBe(false);
  });

  it('random transforms taken positionally draw what their options form draws (not a silent default)', () => {
    // p given positionally is honoured: p = 0 never flips, p = 1 always does
    expect(new RandomHorizontalFlip(0).forward(image)).toBe(image);
    expect(new RandomHorizontalFlip(1).forward(image).toArraySync()).toEqual(image.flip(-1).toArraySync());
    expect(new RandomVerticalFlip(1).forward(image).toArraySync()).toEqual(image.flip(-2).toArraySync());
    expect(new RandomGrayscale(0).forward(image)).toBe(image);
    expect(new RandomErasing(0).forward(image)).toBe(image);
    expect(new RandomApply([double], 0).forward(image)).toBe(image);
    expect(new RandomPerspective(0.5, 0).forward(image)).toBe(image);
  });
});

describe("torchvision 0.14's values for the deterministic transforms built positionally", () => {
  it('Resize(size, interpolation, maxSize, antialias): nearest, bilinear with maxSize, antialiased bilinear', () => {
    for (const { image: name, size, interpolation, max_size: maxSize, antialias, output } of reference.resize) {
      const source = images[name]!;
      const result = new Resize(size, interpolation as ResizeInterpolation, maxSize, antialias).forward(source);
      expect(result).not.toBe(source); // torchvision 0.14 always returns a new tensor
      expect(result.dtype).toBe(source.dtype);
      const ours = result.toArraySync();
      if (interpolation === 'nearest') expect(ours).toEqual(output);
      else expect(maxDifference(ours, output)).toBeLessThan(source.dtype === 'float64' ? 1e-12 : 1e-6);
    }
  });

  it("Resize(4, 'nearest') and Resize(4, { antialias: true }) no longer resize bilinearly without antialiasing", () => {
    const wide = images.wide!;
    const plain = new Resize(4).forward(wide).toArraySync();
    expect(maxDifference(new Resize(4, 'nearest').forward(wide).toArraySync(), plain)).toBeGreaterThan(0.01);
    expect(maxDifference(new Resize(4, { antialias: true }).forward(wide).toArraySync(), plain)).toBeGreaterThan(0.01);
  });

  it('Pad(padding, fill, paddingMode)', () => {
    for (const { padding, fill, mode, output } of reference.pad)
      expect(new Pad(padding, fill, mode as PaddingMode).forward(image).toArraySync()).toEqual(output);
  });

  it('Grayscale(numOutputChannels)', () => {
    for (const channels of [1, 3] as const)
      expect(maxDifference(new Grayscale(channels).forward(image).toArraySync(), reference.grayscale[channels])).toBeLessThan(1e-6);
  });

  it('Normalize(mean, std, true) overwrites the input and returns it', () => {
    const { mean, std, same_object: sameObject, output, input_after: inputAfter } = reference.normalize;
    const input = image.clone();
    const result = new Normalize(mean, std, true).forward(input);
    expect(sameObject).toBe(true);
    expect(result).toBe(input);
    expect(maxDifference(input.toArraySync(), inputAfter)).toBeLessThan(1e-6);
    expect(maxDifference(result.toArraySync(), output)).toBeLessThan(1e-6);
    // float64 stays float64, in place
    const input64 = images.tall64!.clone();
    const result64 = new Normalize(reference.normalize64.mean, reference.normalize64.std, true).forward(input64);
    expect(result64).toBe(input64);
    expect(result64.dtype).toBe('float64');
    expect(maxDifference(result64.toArraySync(), reference.normalize64.output)).toBeLessThan(1e-15);
    // out of place (the default) leaves the input as it was
    const kept = image.clone();
    new Normalize(mean, std).forward(kept);
    expect(kept.toArraySync()).toEqual(image.toArraySync());
  });

  it('GaussianBlur(kernelSize, sigma) with a fixed sigma', () => {
    for (const { kernel_size: kernelSize, sigma, output } of reference.gaussian_blur)
      expect(maxDifference(new GaussianBlur(kernelSize, sigma).forward(image).toArraySync(), output)).toBeLessThan(1e-6);
  });

  it('CenterCrop(size), a list of one size included', () => {
    for (const { size, output } of reference.center_crop) expect(new CenterCrop(size).forward(image).toArraySync()).toEqual(output);
  });

  it('RandomRotation(degrees, interpolation, expand, center, fill) with a one-angle range', () => {
    for (const { angle, interpolation, expand, center, fill, output } of reference.rotation) {
      const ours = new RandomRotation([angle, angle], interpolation as Interpolation, expand, center, fill as Fill).forward(image);
      if (interpolation === 'bilinear') expect(maxDifference(ours.toArraySync(), output)).toBeLessThan(1e-5);
      else expect(countDiffering(ours.toArraySync(), output)).toBe(0);
    }
  });

  it('RandomAffine(degrees, translate, scale, shear, interpolation, fill, center) with one-value ranges', () => {
    for (const { angle, translate, scale, shear, interpolation, fill, center, output } of reference.affine) {
      const transform = new RandomAffine([angle, angle], translate, scale, shear, interpolation as Interpolation, fill, center);
      expect(maxDifference(transform.forward(image).toArraySync(), output)).toBeLessThan(1e-5);
    }
  });

  it("RandomCrop(size, padding, padIfNeeded, fill, 'symmetric') mirrors the edge (it used to pad with the constant)", () => {
    // a crop the size of the padded image is the padded image itself
    const whole = new RandomCrop([7, 11], [2, 1], false, 0, 'symmetric').forward(image);
    expect(whole.toArraySync()).toEqual(new Pad([2, 1], 0, 'symmetric').forward(image).toArraySync());
    // padIfNeeded pads each side by the shortfall (torchvision's [size − W, 0] then [0, size − H]), then crops at random
    const needed = new RandomCrop([7, 9], undefined, true, 0, 'symmetric', { generator: new Generator(2) }).forward(image);
    expect(needed.shape).toEqual([3, 7, 9]);
  });

  it('RandomResizedCrop(size, scale, ratio, interpolation, antialias) cropping the whole image', () => {
    for (const { size, interpolation, antialias, output } of reference.resized_crop) {
      const transform = new RandomResizedCrop(size, [1, 1], [7 / 5, 7 / 5], interpolation as ResizeInterpolation, antialias);
      const ours = transform.forward(image).toArraySync();
      if (interpolation === 'nearest') expect(ours).toEqual(output);
      else expect(maxDifference(ours, output)).toBeLessThan(1e-6);
    }
  });
});

describe('RandomErasing: value per channel or random, and inplace', () => {
  it('one value per channel fills the rectangle of each channel', () => {
    const erased = new RandomErasing(1, [0.2, 0.3], [1, 1], [7, 8, 9], false, { generator: new Generator(3) }).forward(image);
    const values = erased.toArraySync() as number[][][];
    const original = image.toArraySync() as number[][][];
    for (const [channel, fill] of [7, 8, 9].entries()) {
      const changed = values[channel]!.flat().filter((value, i) => value !== original[channel]!.flat()[i]);
      expect(changed.length).toBeGreaterThan(0);
      expect(new Set(changed)).toEqual(new Set([fill]));
    }
  });

  it("'random' writes standard normal noise, drawn from the generator", () => {
    const big = tensor(
      Array.from({ length: 3 * 40 * 40 }, () => 0),
      { shape: [3, 40, 40] },
    );
    const noise = new RandomErasing(1, [0.3, 0.3], [1, 1], 'random', false, { generator: new Generator(4) })
      .forward(big)
      .toArraySync() as number[][][];
    const drawn = noise.flat(2).filter((value) => value !== 0);
    expect(drawn.length).toBeGreaterThan(1000);
    const mean = drawn.reduce((sum, x) => sum + x, 0) / drawn.length;
    const variance = drawn.reduce((sum, x) => sum + (x - mean) ** 2, 0) / drawn.length;
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(Math.abs(variance - 1)).toBeLessThan(0.15);
  });

  it('inplace writes into the input and returns it; not inplace leaves the input alone', () => {
    const input = image.clone();
    const expected = new RandomErasing(1, [0.2, 0.3], undefined, 0, false, { generator: new Generator(9) }).forward(input);
    expect(input.toArraySync()).toEqual(image.toArraySync());
    const result = new RandomErasing(1, [0.2, 0.3], undefined, 0, true, { generator: new Generator(9) }).forward(input);
    expect(result).toBe(input);
    expect(input.toArraySync()).toEqual(expected.toArraySync());
    expect(input.toArraySync()).not.toEqual(image.toArraySync());
  });
});

describe('errors name the transform', () => {
  it.each([
    [
      'RandomHorizontalFlip',
      () => new RandomHorizontalFlip(0.3, 0.4 as never),
      'RandomHorizontalFlip: too many positional arguments: got 2',
    ],
    [
      'Resize',
      () => new (loosely<Resize>(Resize))(4, 'nearest', 6, false, true),
      'Resize: too many positional arguments: got 4 after the required ones, expected at most 3 (interpolation, maxSize, antialias)',
    ],
    ['Normalize', () => new (loosely<Normalize>(Normalize))([0.5], [0.5], true, 1), 'Normalize: too many positional arguments'],
    [
      'ToTensor',
      () => new (loosely<ToTensor>(ToTensor))(1),
      'ToTensor: too many positional arguments: got 1 after the required ones, expected none',
    ],
    ['CenterCrop', () => new (loosely<CenterCrop>(CenterCrop))(3, 4), 'CenterCrop: too many positional arguments'],
    ['FiveCrop', () => new (loosely<FiveCrop>(FiveCrop))(3, true), 'FiveCrop: too many positional arguments'],
    ['Compose', () => new (loosely<Compose>(Compose))([double], 1), 'Compose: too many positional arguments'],
    ['Lambda', () => new (loosely<Lambda>(Lambda))((x: Tensor) => x, 1), 'Lambda: too many positional arguments'],
    ['RandomOrder', () => new RandomOrder([double], 0.5 as never), 'RandomOrder: too many positional arguments'],
    ['ColorJitter', () => new ColorJitter(0.1, 0.1, 0.1, 0.1, 0.1 as never), 'ColorJitter: too many positional arguments'],
    ['Pad given twice', () => new Pad(2, 0, { fill: 1 } as never), 'Pad: `fill` given both as a positional argument and as an option'],
    ['Resize given twice', () => new Resize(4, 'nearest', { interpolation: 'bilinear' } as never), 'Resize: `interpolation` given both'],
    ['Resize unknown', () => new Resize(4, { max_size: 6 } as never), 'Resize: unknown option `max_size` (did you mean `maxSize`?)'],
    [
      'Normalize unknown',
      () => new Normalize([0.5], [0.5], { in_place: true } as never),
      'Normalize: unknown option `in_place` (did you mean `inplace`?)',
    ],
    ['GaussianBlur unknown', () => new GaussianBlur(3, 1.0, { sigmaRange: 1 } as never), 'GaussianBlur: unknown option `sigmaRange`'],
    [
      'RandomRotation unknown',
      () => new RandomRotation(30, { resample: 'bilinear' } as never),
      'RandomRotation: unknown option `resample`',
    ],
    [
      'TenCrop unknown',
      () => new TenCrop(3, { vertical_flip: true } as never),
      'TenCrop: unknown option `vertical_flip` (did you mean `verticalFlip`?)',
    ],
    ['Lambda not a function', () => new Lambda(3 as never), 'Lambda: expects a function, got 3'],
  ])('%s', (_, make, message) => {
    expect(make).toThrow(message);
  });

  it.each([
    [
      'Resize lanczos as an option',
      () => new Resize(4, { interpolation: 'lanczos' as never }),
      "Resize: interpolation 'lanczos' is not implemented for tensors (torchvision takes it for PIL images only)",
    ],
    [
      'Resize unknown mode',
      () => new Resize(4, 'cubic' as never),
      "Resize: interpolation must be 'nearest', 'bilinear' or 'bicubic', got 'cubic'",
    ],
    [
      'RandomRotation bicubic',
      () => new RandomRotation(30, 'bicubic' as never),
      "RandomRotation: interpolation must be 'nearest' or 'bilinear', got 'bicubic'",
    ],
    [
      'RandomAffine bicubic',
      () => new RandomAffine(30, null, null, null, 'bicubic' as never),
      "RandomAffine: interpolation must be 'nearest' or 'bilinear', got 'bicubic'",
    ],
    [
      'Resize antialias with nearest',
      () => new Resize(4, 'nearest', null, true),
      "Resize: antialias is supported for 'bilinear' and 'bicubic' interpolation only, got interpolation 'nearest'",
    ],
    [
      'RandomResizedCrop antialias with nearest',
      () => new RandomResizedCrop(4, undefined, undefined, 'nearest', true),
      "RandomResizedCrop: antialias is supported for 'bilinear' and 'bicubic' interpolation only",
    ],
    [
      'Resize antialias not a flag',
      () => new Resize(4, 'bilinear', null, 'yes' as never),
      "Resize: antialias must be true or false, got 'yes'",
    ],
    [
      'Resize maxSize with a pair',
      () => new Resize([4, 5], 'bilinear', 8),
      'Resize: maxSize is only supported when size is one number (the shorter side)',
    ],
    [
      'Resize maxSize not above size',
      () => new Resize(4, 'bilinear', 4),
      'Resize: maxSize = 4 must be strictly greater than the requested size for the smaller edge size = 4',
    ],
    ['Resize size', () => new Resize([4, 5, 6] as never), 'Resize: size must be one integer or a list of 1 or 2 of them'],
    [
      'Normalize inplace not a flag',
      () => new Normalize([0.5], [0.5], 'yes' as never),
      "Normalize: inplace must be true or false, got 'yes'",
    ],
    [
      'Normalize inplace on integers',
      () => new Normalize([0.5], [0.5], true).forward(tensor([[[1, 2]]], { dtype: 'int32' })),
      'Normalize: inplace needs a float tensor to write into, got int32',
    ],
    [
      'RandomErasing value',
      () => new RandomErasing(0.5, undefined, undefined, 'noise' as never),
      "RandomErasing: value must be a number, a list of numbers (one per channel) or 'random', got 'noise'",
    ],
    [
      'RandomErasing value per channel',
      () => new RandomErasing(1, undefined, undefined, [1, 2]).forward(image),
      "RandomErasing: value has 2 numbers for 3 channels; give one, 3 or 'random'",
    ],
    ['RandomErasing p', () => new RandomErasing(1.5), 'RandomErasing: p (the probability of erasing) must be in [0, 1], got 1.5'],
    [
      'RandomCrop paddingMode',
      () => new RandomCrop(4, 1, false, 0, 'wrap' as never),
      "RandomCrop: paddingMode must be 'constant', 'edge', 'reflect' or 'symmetric', got 'wrap'",
    ],
    [
      'RandomCrop padding',
      () => new RandomCrop(4, [1, 2, 3] as never),
      'RandomCrop: padding must be a non-negative integer or a list of 1, 2 or 4 of them',
    ],
    ['RandomRotation expand', () => new RandomRotation(30, 'nearest', 1 as never), 'RandomRotation: expand must be true or false, got 1'],
    [
      'RandomRotation center',
      () => new RandomRotation(30, 'nearest', false, [1] as never),
      'RandomRotation: center must be a pair [x, y] of numbers',
    ],
    ['TenCrop verticalFlip', () => new TenCrop(3, 'yes' as never), "TenCrop: verticalFlip must be true or false, got 'yes'"],
  ])('%s', (_, make, message) => {
    expect(make).toThrow(message);
  });
});
