import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type Corners,
  Compose,
  FiveCrop,
  GaussianBlur,
  Generator,
  Grayscale,
  Lambda,
  Pad,
  RandomAffine,
  RandomApply,
  RandomChoice,
  RandomGrayscale,
  RandomOrder,
  RandomPerspective,
  TenCrop,
  affine,
  fiveCrop,
  gaussianBlur,
  gaussianKernel1d,
  inverseAffineMatrix,
  padSymmetric,
  perspective,
  perspectiveCoefficients,
  rgbToGrayscale,
  rotate,
  type Fill,
  type Interpolation,
  type PaddingMode,
} from '@dl/data';
import { manualSeed, stack, tensor, type Tensor } from '@dl/tensor';
import { maxDifference } from './reference.js';

/** torchvision 0.14 outputs written by tools/fixtures/data_transforms_two_reference.py. */
const reference = JSON.parse(readFileSync(new URL('./__fixtures__/data_transforms_two_reference.json', import.meta.url), 'utf8'));
const images: Record<string, Tensor> = { image: tensor(reference.image), image64: tensor(reference.image64, { dtype: 'float64' }) };
const image = images.image!; // float32 [3, 5, 7]

/** Number of entries of two nested arrays that differ by more than `tolerance`. */
function countDiffering(actual: unknown, expected: unknown, tolerance = 1e-6): number {
  const a = (actual as number[]).flat(3) as number[];
  const b = (expected as number[]).flat(3) as number[];
  expect(a.length).toBe(b.length);
  return a.filter((value, i) => Math.abs(value - b[i]!) > tolerance).length;
}

/** Mean and variance of samples. */
function moments(samples: readonly number[]): [mean: number, variance: number] {
  const mean = samples.reduce((s, x) => s + x, 0) / samples.length;
  return [mean, samples.reduce((s, x) => s + (x - mean) ** 2, 0) / samples.length];
}

describe('Pad like TF.pad', () => {
  it('symmetric, constant, edge and reflect, with 1, 2 or 4 numbers', () => {
    for (const { padding, mode, fill, output } of reference.pad)
      expect(new Pad(padding, { paddingMode: mode as PaddingMode, fill }).forward(image).toArraySync()).toEqual(output);
    // batched NCHW: every image alike
    const batch = stack([image, image.mul(2)]);
    const padded = padSymmetric(batch, [1, 2, 3, 1]);
    expect(padded.shape).toEqual([2, 3, 8, 11]);
    expect(maxDifference(padded.select(0, 1).toArraySync(), padSymmetric(image.mul(2), [1, 2, 3, 1]).toArraySync())).toBe(0);
  });
  it('rejects bad padding, modes and options, naming the values', () => {
    expect(() => new Pad([1, 2, 3] as never)).toThrow('Pad: padding must be a non-negative integer or a list of 1, 2 or 4 of them');
    expect(() => new Pad(-1)).toThrow('Pad: padding must be a non-negative integer');
    expect(() => new Pad(1, { paddingMode: 'wrap' as never })).toThrow(
      "Pad: paddingMode must be 'constant', 'edge', 'reflect' or 'symmetric', got 'wrap'",
    );
    expect(() => new Pad(1, { padding_mode: 'edge' } as never)).toThrow('Pad: unknown option `padding_mode` (did you mean `paddingMode`?)');
    expect(() => new Pad(5, { paddingMode: 'reflect' }).forward(image)).toThrow(
      'Pad: reflect padding [5, 5, 5, 5] must be smaller than the image (5 × 7)',
    );
    expect(() => new Pad(6, { paddingMode: 'symmetric' }).forward(image)).toThrow(
      'padSymmetric: padding [6, 6, 6, 6] is larger than the image (5 × 7)',
    );
  });
});

describe('Grayscale and RandomGrayscale like TF.rgb_to_grayscale', () => {
  it('1 or 3 output channels; one channel stays one', () => {
    const { one, three, single_channel_three } = reference.grayscale;
    expect(maxDifference(new Grayscale().forward(image).toArraySync(), one)).toBeLessThan(1e-6);
    const gray3 = new Grayscale({ numOutputChannels: 3 }).forward(image);
    expect(gray3.shape).toEqual([3, 5, 7]);
    expect(maxDifference(gray3.toArraySync(), three)).toBeLessThan(1e-6);
    // the expanded view outlives the luma image that Compose releases
    expect(maxDifference(new Compose([new Grayscale({ numOutputChannels: 3 })]).forward(image).toArraySync(), three)).toBeLessThan(1e-6);
    expect(rgbToGrayscale(image.narrow(0, 0, 1), 3).toArraySync()).toEqual(single_channel_three);
    expect(() => new Grayscale({ numOutputChannels: 2 as never })).toThrow('Grayscale: numOutputChannels must be 1 or 3, got 2');
    expect(() => rgbToGrayscale(image.narrow(0, 0, 2))).toThrow('rgbToGrayscale: expects 1 or 3 channels, got 2');
  });
  it('RandomGrayscale keeps the channel count, applies with probability p, reproducibly', () => {
    const gray = new RandomGrayscale({ p: 1 }).forward(image);
    expect(maxDifference(gray.toArraySync(), reference.grayscale.three)).toBeLessThan(1e-6);
    expect(new RandomGrayscale({ p: 0 }).forward(image)).toBe(image);
    const transform = new RandomGrayscale({ p: 0.3, generator: new Generator(4) });
    let applied = 0;
    for (let i = 0; i < 2000; i++) if (transform.forward(image) !== image) applied++;
    // binomial(2000, 0.3): sd ≈ 20.5, so 5 sd is ±103
    expect(Math.abs(applied - 600)).toBeLessThan(103);
    expect(() => new RandomGrayscale({ p: 2 })).toThrow('RandomGrayscale: p must be in [0, 1], got 2');
  });
});

describe('GaussianBlur like TF.gaussian_blur', () => {
  it("torchvision's float32 kernel and reflect-padded blur", () => {
    for (const { size, sigma, kernel } of reference.gaussian_kernel1d)
      expect(maxDifference(gaussianKernel1d(size, sigma), kernel)).toBeLessThan(1e-7);
    for (const { image: name, kernel_size, sigma, output } of reference.gaussian_blur) {
      const blurred = gaussianBlur(images[name]!, kernel_size, sigma);
      // torch's vectorized float32 exp may differ from the correctly rounded one by an ulp, so the
      // kernel (float32 for every dtype) does too: 1e-6, not float64 precision, for image64 as well
      expect(maxDifference(blurred.toArraySync(), output)).toBeLessThan(1e-6);
    }
  });
  it('GaussianBlur draws σ uniformly in its range; the output is the blur with the drawn σ', () => {
    const params = new GaussianBlur(3, { sigma: [0.5, 1.5], generator: new Generator(9) });
    const sigma = params.getParams();
    const blurred = new GaussianBlur(3, { sigma: [0.5, 1.5], generator: new Generator(9) }).forward(image);
    expect(blurred.toArraySync()).toEqual(gaussianBlur(image, 3, sigma).toArraySync());
    const draws = Array.from({ length: 4000 }, () => params.getParams());
    const [mean, variance] = moments(draws);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0.5);
    expect(Math.max(...draws)).toBeLessThan(1.5);
    expect(Math.abs(mean - 1)).toBeLessThan(0.03); // sd of the mean: 0.29 / √4000 ≈ 0.0046
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.008);
  });
  it('checks kernel sizes and σ', () => {
    expect(() => new GaussianBlur(4)).toThrow('GaussianBlur: kernelSize must be an odd positive integer or a pair [x, y] of them, got 4');
    expect(() => new GaussianBlur(3, { sigma: [2, 1] })).toThrow(
      'GaussianBlur: sigma values should be positive and of the form [min, max], got an array [2, 1]',
    );
    expect(() => new GaussianBlur(3, { sigma: 0 })).toThrow('GaussianBlur: if sigma is a single number, it must be positive, got 0');
    expect(() => gaussianBlur(image, 11, 1)).toThrow(
      'gaussianBlur: kernelSize [11, 11] needs reflect padding [5, 5], which must be smaller than the image (5 × 7)',
    );
    expect(() => gaussianBlur(tensor([[[1, 2]]], { dtype: 'int32' }), 1, 1)).toThrow(
      'gaussianBlur: expects a floating-point image, got int32',
    );
  });
});

describe('affine and RandomAffine like TF.affine', () => {
  it("torchvision's inverse affine matrix", () => {
    for (const { center, angle, translate, scale, shear, matrix } of reference.inverse_affine_matrix)
      expect(maxDifference(inverseAffineMatrix(center, angle, translate, scale, shear), matrix)).toBeLessThan(1e-12);
  });
  it('nearest and bilinear, with and without fill, about the centre or a given point', () => {
    for (const entry of reference.affine) {
      const { image: name, angle, translate, scale, shear, interpolation, fill, center, output } = entry;
      const options = {
        interpolation: interpolation as Interpolation,
        ...(fill ? { fill: fill as Fill } : {}),
        ...(center ? { center } : {}),
      };
      const ours = affine(images[name]!, angle, translate, scale, shear, options).toArraySync();
      // bilinear: float rounding only; nearest: a pixel whose source lies on a .5 tie may round the other way
      if (interpolation === 'bilinear') expect(maxDifference(ours, output)).toBeLessThan(name === 'image64' ? 1e-12 : 1e-5);
      else expect(countDiffering(ours, output)).toBe(0);
    }
  });
  it("torchvision's rotate(θ) is affine(−θ); batches share one map", () => {
    for (const angle of [90, 180, -90])
      expect(affine(image, -angle, [0, 0], 1, 0).toArraySync()).toEqual(rotate(image, angle).toArraySync());
    const batch = stack([image, image.mul(3)]);
    const warped = affine(batch, 25, [1, 0], 1.1, 5, { interpolation: 'bilinear', fill: 0.5 });
    expect(
      maxDifference(
        warped.select(0, 1).toArraySync(),
        affine(image.mul(3), 25, [1, 0], 1.1, 5, { interpolation: 'bilinear', fill: 0.5 }).toArraySync(),
      ),
    ).toBeLessThan(1e-6);
  });
  it('RandomAffine applies the parameters it draws, with fill 0 by default', () => {
    const options = { translate: [0.2, 0.3], scale: [0.8, 1.2], shear: [-5, 5, -10, 10], interpolation: 'bilinear' } as const;
    const params = new RandomAffine(20, { ...options, generator: new Generator(3) }).getParams(5, 7);
    const output = new RandomAffine(20, { ...options, generator: new Generator(3) }).forward(image);
    const { angle, translate, scale, shear } = params;
    expect(output.toArraySync()).toEqual(
      affine(image, angle, translate, scale, shear, { interpolation: 'bilinear', fill: 0 }).toArraySync(),
    );
    // fill 0 is torchvision's mask path: bilinear borders fade, unlike fill none
    const maskless = affine(image, angle, translate, scale, shear, { interpolation: 'bilinear' });
    expect(maxDifference(output.toArraySync(), maskless.toArraySync())).toBeGreaterThan(1e-3);
  });
  it("RandomAffine's parameters follow torchvision's law", () => {
    const transform = new RandomAffine([-10, 30], {
      translate: [0.3, 0.1],
      scale: [0.5, 1.5],
      shear: [5, 15],
      generator: new Generator(1),
    });
    const draws = Array.from({ length: 4000 }, () => transform.getParams(20, 40));
    const [angleMean, angleVariance] = moments(draws.map((d) => d.angle));
    expect(Math.abs(angleMean - 10)).toBeLessThan(0.6); // sd of the mean 11.5 / √4000 ≈ 0.18
    expect(Math.abs(angleVariance - 40 ** 2 / 12) / (40 ** 2 / 12)).toBeLessThan(0.05);
    // tx = round(U(−0.3·40, 0.3·40)): integers in [−12, 12], the end values half as likely
    const tx = draws.map((d) => d.translate[0]);
    expect(tx.every(Number.isInteger)).toBe(true);
    expect(Math.min(...tx)).toBe(-12);
    expect(Math.max(...tx)).toBe(12);
    const endShare = tx.filter((t) => t === 12).length / tx.length;
    expect(Math.abs(endShare - 0.5 / 24)).toBeLessThan(0.008);
    const ty = draws.map((d) => d.translate[1]);
    expect(new Set(ty)).toEqual(new Set([-2, -1, 0, 1, 2]));
    const [scaleMean] = moments(draws.map((d) => d.scale));
    expect(Math.abs(scaleMean - 1)).toBeLessThan(0.015);
    expect(draws.every((d) => d.shear[0] >= 5 && d.shear[0] < 15 && d.shear[1] === 0)).toBe(true);
    // reproducible from the seed
    const again = new RandomAffine([-10, 30], { translate: [0.3, 0.1], scale: [0.5, 1.5], shear: [5, 15], generator: new Generator(1) });
    expect(again.getParams(20, 40)).toEqual(draws[0]);
  });
  it('the global generator is seeded by manualSeed', () => {
    const transform = new RandomAffine(45, { interpolation: 'bilinear' });
    manualSeed(7);
    const a = transform.forward(image).toArraySync();
    manualSeed(7);
    expect(transform.forward(image).toArraySync()).toEqual(a);
  });
  it('checks its arguments, naming them', () => {
    expect(() => new RandomAffine(-5)).toThrow('RandomAffine: if degrees is a single number, it must be non-negative, got -5');
    expect(() => new RandomAffine(5, { translate: [0.2, 1.5] })).toThrow(
      'RandomAffine: translate must be a pair of numbers in [0, 1], got an array [0.2, 1.5]',
    );
    expect(() => new RandomAffine(5, { scale: [0, 1] })).toThrow('RandomAffine: scale must be a pair of numbers that are positive');
    expect(() => new RandomAffine(5, { shear: [1, 2, 3] as never })).toThrow(
      'RandomAffine: shear must be one number or a list of 2 or 4 numbers',
    );
    expect(() => new RandomAffine(5, { interpolation: 'bicubic' as never })).toThrow(
      "RandomAffine: interpolation must be 'nearest' or 'bilinear', got 'bicubic'",
    );
    expect(() => new RandomAffine(5, { resample: 0 } as never)).toThrow('RandomAffine: unknown option `resample`');
    expect(() => affine(image, 0, [0, 0], 0, 0)).toThrow('affine: scale must be positive, got 0');
    expect(() => new RandomAffine(5, { fill: [1, 2] }).forward(image)).toThrow(
      'affine: fill must be one number or 3 numbers (one per channel), got an array [1, 2]',
    );
  });
});

describe('perspective and RandomPerspective like TF.perspective', () => {
  it('the homography coefficients and the warped image', () => {
    for (const { startpoints, endpoints, interpolation, fill, coefficients, ties, output } of reference.perspective) {
      // torchvision solves in float32 by least squares, we in float64
      expect(maxDifference(perspectiveCoefficients(startpoints, endpoints), coefficients)).toBeLessThan(1e-5);
      const ours = perspective(image, startpoints, endpoints, { interpolation, ...(fill ? { fill } : {}) }).toArraySync();
      if (interpolation === 'bilinear') expect(maxDifference(ours, output)).toBeLessThan(1e-4);
      else {
        // only pixels whose source lies on a .5 tie (integer corners map to integer points) may round
        // the other way, as float32 and float64 coefficients differ in the last bits
        const differing = new Set<string>();
        (ours as number[][][]).forEach((plane, channel) =>
          plane.forEach((row, y) => row.forEach((value, x) => value !== output[channel][y][x] && differing.add(`${y},${x}`))),
        );
        const tied = new Set(ties.map(([y, x]: [number, number]) => `${y},${x}`));
        expect([...differing].filter((pixel) => !tied.has(pixel))).toEqual([]);
        expect(differing.size).toBeLessThanOrEqual(tied.size);
      }
    }
  });
  it('RandomPerspective applies the corners it draws; corners follow the law', () => {
    const make = () => new RandomPerspective({ distortionScale: 0.6, p: 1, generator: new Generator(5) });
    const transform = make();
    const output = transform.forward(image);
    const replay = make();
    replay.options.generator!.random(); // the p draw comes first
    const { startpoints, endpoints } = replay.getParams(5, 7);
    expect(startpoints).toEqual([
      [0, 0],
      [6, 0],
      [6, 4],
      [0, 4],
    ]);
    expect(output.toArraySync()).toEqual(perspective(image, startpoints, endpoints, { fill: 0 }).toArraySync());
    // 40 × 30 image, scale 0.6: spreadX = ⌊0.6·20⌋ = 12, spreadY = ⌊0.6·15⌋ = 9
    const corners = Array.from({ length: 3000 }, () => transform.getParams(30, 40).endpoints);
    const topLeftX = corners.map((c) => c[0]![0]);
    const topRightX = corners.map((c) => c[1]![0]);
    const bottomRightY = corners.map((c) => c[2]![1]);
    expect(new Set(topLeftX)).toEqual(new Set(Array.from({ length: 13 }, (_, i) => i)));
    expect(new Set(topRightX)).toEqual(new Set(Array.from({ length: 13 }, (_, i) => 27 + i)));
    expect(new Set(bottomRightY)).toEqual(new Set(Array.from({ length: 10 }, (_, i) => 20 + i)));
    expect(Math.abs(moments(topLeftX)[0] - 6)).toBeLessThan(0.3); // sd of the mean 3.7 / √3000 ≈ 0.07
  });
  it('p decides whether to warp; arguments are checked', () => {
    const transform = new RandomPerspective({ p: 0.25, generator: new Generator(2) });
    let warped = 0;
    for (let i = 0; i < 2000; i++) if (transform.forward(image) !== image) warped++;
    expect(Math.abs(warped - 500)).toBeLessThan(97); // binomial sd ≈ 19.4
    expect(() => new RandomPerspective({ distortionScale: 1.5 })).toThrow('RandomPerspective: distortionScale must be in [0, 1], got 1.5');
    expect(() => perspective(image, [[0, 0]], [[0, 0]])).toThrow('perspective: startpoints must be 4 points [x, y]');
    // two end points that coincide leave no homography: the error names perspective, not linalg.solve
    const corners: Corners = [
      [0, 0],
      [7, 0],
      [7, 7],
      [0, 7],
    ];
    expect(() =>
      perspective(image, corners, [
        [1, 1],
        [1, 1],
        [7, 7],
        [0, 7],
      ]),
    ).toThrow(/^perspective: no perspective transform maps .* three of the points lie on one line, or two coincide$/);
  });
});

describe('RandomApply, RandomChoice, RandomOrder', () => {
  const addOne = new Lambda((x: Tensor) => x.add(1));
  const double = new Lambda((x: Tensor) => x.mul(2));
  const x = tensor([1]);
  it('RandomApply applies the list in order with probability p', () => {
    const transform = new RandomApply([addOne, double], { p: 0.7, generator: new Generator(0) });
    const results = Array.from({ length: 2000 }, () => transform.forward(x).itemSync() as number);
    expect(new Set(results)).toEqual(new Set([1, 4])); // (1 + 1) · 2, or untouched
    const applied = results.filter((value) => value === 4).length;
    expect(Math.abs(applied - 1400)).toBeLessThan(103); // binomial sd ≈ 20.5
    expect(new RandomApply([addOne], { p: 0 }).forward(x)).toBe(x);
    expect(() => new RandomApply([1] as never)).toThrow(
      'RandomApply: transforms must be a list of transforms or functions, got an array [1]',
    );
  });
  it('RandomChoice picks one transform with weights p', () => {
    const triple = (t: Tensor) => t.mul(3);
    const transform = new RandomChoice([addOne, double, triple], { p: [1, 0, 3], generator: new Generator(1) });
    const results = Array.from({ length: 4000 }, () => transform.forward(x).itemSync() as number);
    expect(new Set(results)).toEqual(new Set([2, 3]));
    expect(Math.abs(results.filter((value) => value === 3).length / 4000 - 0.75)).toBeLessThan(0.035);
    expect(() => new RandomChoice([addOne], { p: [1, 2] })).toThrow('RandomChoice: p must be 1 non-negative weights, one per transform');
    expect(() => new RandomChoice([addOne, double], { p: [0, 0] })).toThrow('RandomChoice: the weights p must not all be zero');
  });
  it('RandomChoice without p is uniform', () => {
    const pick = [0, 1, 2].map((k) => new Lambda(() => k));
    const transform = new RandomChoice<Tensor, number>(pick, { generator: new Generator(3) });
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[transform.forward(x) as number]!++;
    for (const count of counts) expect(Math.abs(count - 1000)).toBeLessThan(130); // sd ≈ 25.8
  });
  it('RandomOrder applies every transform once, in a uniform order', () => {
    const transform = new RandomOrder([addOne, double], { generator: new Generator(4) });
    const results = Array.from({ length: 2000 }, () => transform.forward(x).itemSync() as number);
    expect(new Set(results)).toEqual(new Set([4, 3])); // (1 + 1)·2 or 1·2 + 1
    expect(Math.abs(results.filter((value) => value === 4).length - 1000)).toBeLessThan(112);
    // inside a Compose, reproducibly
    const pipeline = () =>
      new Compose([new RandomOrder([new Grayscale({ numOutputChannels: 3 }), new Pad(1)], { generator: new Generator(8) })]);
    expect(pipeline().forward(image).toArraySync()).toEqual(pipeline().forward(image).toArraySync());
  });
});

describe('FiveCrop and TenCrop like TF.five_crop / TF.ten_crop', () => {
  it('corner and centre crops, then those of the mirror', () => {
    expect(new FiveCrop([3, 4]).forward(image).map((c) => c.toArraySync())).toEqual(reference.five_crop);
    expect(new TenCrop([4, 5], { verticalFlip: true }).forward(image).map((c) => c.toArraySync())).toEqual(reference.ten_crop);
    expect(new TenCrop(2).forward(image).map((c) => c.toArraySync())).toEqual(reference.ten_crop_horizontal);
    expect(stack(new FiveCrop(2).forward(image)).shape).toEqual([5, 3, 2, 2]);
    expect(() => fiveCrop(image, [6, 2])).toThrow('fiveCrop: requested crop size [6, 2] is bigger than input size [5, 7]');
    expect(() => new TenCrop(2, { vertical: true } as never)).toThrow('TenCrop: unknown option `vertical`');
  });
});
