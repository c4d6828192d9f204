// torchvision 0.14's tensor path, third round: Resize's bicubic (plain and antialiased), integer images
// (torchvision computes in float32 and casts back, rounding or truncating), CenterCrop larger than the
// image, the functional rotate's other arguments, affine's one-number shear list, gaussian_blur's
// default sigma, and the argument checks torchvision makes (a negative single angle, reversed ranges,
// Normalize on integers). Values come from tools/fixtures/data_transforms_three_reference.py.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CenterCrop,
  GaussianBlur,
  Normalize,
  RandomAffine,
  RandomErasing,
  RandomHorizontalFlip,
  RandomResizedCrop,
  RandomRotation,
  RandomVerticalFlip,
  Resize,
  adjustBrightness,
  adjustContrast,
  adjustSaturation,
  affine,
  crop,
  gaussianBlur,
  pad,
  padSymmetric,
  rgbToGrayscale,
  rotate,
  type Fill,
  type Interpolation,
  type ResizeInterpolation,
} from '@dl/data';
import { tensor, type DType, type Tensor } from '@dl/tensor';

/** torchvision 0.14 outputs written by tools/fixtures/data_transforms_three_reference.py. */
const reference = JSON.parse(readFileSync(new URL('./__fixtures__/data_transforms_three_reference.json', import.meta.url), 'utf8'));
const images: Record<string, Tensor> = Object.fromEntries(
  Object.entries(reference.images).map(([name, values]) => [name, tensor(values as number[], { dtype: reference.dtypes[name] as DType })]),
);
const image = images.image!; // float32 [3, 5, 7]
const integers = images.integers!; // int32 [3, 6, 8] of byte values

/** Number of entries of two nested arrays that differ by more than `tolerance`. */
function countDiffering(actual: unknown, expected: unknown, tolerance = 1e-5): number {
  const a = (actual as number[]).flat(4) as number[];
  const b = (expected as number[]).flat(4) as number[];
  expect(a.length).toBe(b.length);
  return a.filter((value, i) => !(Math.abs(value - b[i]!) <= tolerance)).length;
}

/** A function called as JavaScript may call it: with arguments its types do not allow. */
function loosely(f: unknown): (...args: unknown[]) => unknown {
  return f as (...args: unknown[]) => unknown;
}

describe("Resize's bicubic, as torchvision's interpolate(mode='bicubic') on tensors", () => {
  it('plain (Keys a = -0.75, border clamped) and antialiased (a = -0.5, widened support), float32, float64 and batched', () => {
    for (const { image: name, size, interpolation, antialias, output } of reference.resize) {
      const source = images[name]!;
      if (source.dtype === 'int32') continue;
      const result = new Resize(size, interpolation as ResizeInterpolation, null, antialias).forward(source);
      expect(result.dtype).toBe(source.dtype);
      expect(countDiffering(result.toArraySync(), output, source.dtype === 'float64' ? 1e-12 : 2e-6)).toBe(0);
    }
  });

  it('integer images stay integers: computed in float, then rounded (half to even) as torchvision', () => {
    for (const { image: name, size, interpolation, antialias, output, before_rounding: beforeRounding } of reference.resize) {
      const source = images[name]!;
      if (source.dtype !== 'int32') continue;
      const result = new Resize(size, { interpolation: interpolation as ResizeInterpolation, antialias: antialias ?? false }).forward(
        source,
      );
      expect(result.dtype).toBe('int32');
      const ours = (result.toArraySync() as number[][][]).flat(2);
      const theirs = (output as number[][][]).flat(2);
      const unrounded = (beforeRounding as number[][][]).flat(2);
      // equal, but where torch's float32 value sits at a tie x.5 (float64 sums may fall on its other side)
      const atTie = (value: number) => Math.abs(value - Math.floor(value) - 0.5) < 1e-3;
      const differing = ours.filter((value, i) => value !== theirs[i] && !(atTie(unrounded[i]!) && Math.abs(value - theirs[i]!) === 1));
      expect(differing).toEqual([]);
      expect(ours.filter((value, i) => value !== theirs[i]).length).toBeLessThanOrEqual(2);
    }
  });

  it('RandomResizedCrop takes bicubic with antialias too', () => {
    const transform = new RandomResizedCrop([4, 6], [1, 1], [7 / 5, 7 / 5], 'bicubic', true);
    expect(countDiffering(transform.forward(image).toArraySync(), reference.resized_crop_bicubic, 2e-6)).toBe(0);
  });

  it("box, hamming and lanczos are PIL-only in torchvision and refused, saying so; antialias needs 'bilinear' or 'bicubic'", () => {
    for (const mode of ['box', 'hamming', 'lanczos'])
      expect(() => new Resize(4, mode as never)).toThrow(
        `Resize: interpolation '${mode}' is not implemented for tensors (torchvision takes it for PIL images only); use 'nearest', 'bilinear' or 'bicubic'`,
      );
    expect(() => new Resize(4, 'nearest-exact' as never)).toThrow(
      "Resize: interpolation must be 'nearest', 'bilinear' or 'bicubic', got 'nearest-exact'",
    );
    expect(() => new Resize(4, 'nearest', null, true)).toThrow(
      "Resize: antialias is supported for 'bilinear' and 'bicubic' interpolation only, got interpolation 'nearest'",
    );
  });
});

describe('integer images through the other functions, as torchvision (float32 inside, integers out)', () => {
  const expected = reference.integer_ops;
  it('crop and pad keep the values and the dtype', () => {
    for (const [result, output] of [
      [crop(integers, -1, 2, 4, 9), expected.crop],
      [pad(integers, [1, 2, 1, 2], { fill: 7 }), expected.pad_constant],
      [pad(integers, [2, 1, 0, 3], { mode: 'reflect' }), expected.pad_reflect],
    ] as const) {
      expect(result.dtype).toBe('int32');
      expect(result.toArraySync()).toEqual(output);
    }
    expect(padSymmetric(integers, [1, 1, 1, 1]).dtype).toBe('int32');
  });

  it('affine and rotate round the sampled values', () => {
    const affined = affine(integers, 25, [1, 0], 1.1, [5, 0], { interpolation: 'bilinear' });
    expect(affined.dtype).toBe('int32');
    expect(affined.toArraySync()).toEqual(expected.affine_bilinear);
    const rotated = rotate(integers, 30);
    expect(rotated.dtype).toBe('int32');
    expect(rotated.toArraySync()).toEqual(expected.rotate_nearest);
  });

  it('grayscale and the blends truncate to integers and clamp to [0, 255]', () => {
    for (const [result, output] of [
      [rgbToGrayscale(integers, 3), expected.grayscale],
      [adjustBrightness(integers, 1.7), expected.brightness],
      [adjustContrast(integers, 0.6), expected.contrast],
      [adjustSaturation(integers, 1.8), expected.saturation],
    ] as const) {
      expect(result.dtype).toBe('int32');
      expect(result.toArraySync()).toEqual(output);
    }
  });
});

describe('geometry against torchvision', () => {
  it('CenterCrop larger than the image pads (d // 2) before and (d + 1) // 2 after, as torchvision', () => {
    for (const { size, output } of reference.center_crop) expect(new CenterCrop(size).forward(image).toArraySync()).toEqual(output);
    expect(() => new CenterCrop([2, 3, 4] as never)).toThrow(
      'CenterCrop: size must be one positive integer or a list of 1 or 2 of them, got an array [2, 3, 4]',
    );
  });

  it('crop outside the image reads zeros', () => {
    for (const { box, output } of reference.crop) expect(crop(image, box[0], box[1], box[2], box[3]).toArraySync()).toEqual(output);
  });

  it('rotate(image, angle, interpolation, expand, center, fill), positionally and as options', () => {
    for (const { angle, interpolation, expand, center, fill, output } of reference.rotate) {
      const positional = rotate(image, angle, interpolation as Interpolation, expand, center, fill as Fill | null);
      const options = rotate(image, angle, { interpolation: interpolation as Interpolation, expand, center, fill: fill as Fill | null });
      for (const result of [positional, options]) expect(countDiffering(result.toArraySync(), output)).toBe(0);
    }
    expect(() => loosely(rotate)(image, 30, 'bicubic')).toThrow("rotate: interpolation must be 'nearest' or 'bilinear', got 'bicubic'");
  });

  it('rotate(image, angle) and RandomRotation([a, a]) sample as torchvision at angles where rounding matters', () => {
    for (const { angle, output } of reference.rotate_default) {
      expect(countDiffering(rotate(image, angle).toArraySync(), output, 0)).toBe(0);
      expect(countDiffering(new RandomRotation([angle, angle]).forward(image).toArraySync(), output, 0)).toBe(0);
    }
  });

  it('affine reads a shear list of one number [s] as [s, s]', () => {
    const result = affine(image, 10, [1, 0], 1, [15], { interpolation: 'bilinear' });
    expect(countDiffering(result.toArraySync(), reference.affine_shear_one)).toBe(0);
  });

  it('RandomHorizontalFlip(1), RandomVerticalFlip(1) and Normalize on a batch', () => {
    const batch = images.batch!;
    expect(new RandomHorizontalFlip(1).forward(batch).toArraySync()).toEqual(reference.hflip_batch);
    expect(new RandomVerticalFlip(1).forward(batch).toArraySync()).toEqual(reference.vflip_batch);
    const normalized = new Normalize([0.1, 0.2, 0.3], [0.5, 0.25, 2]).forward(batch);
    expect(countDiffering(normalized.toArraySync(), reference.normalize_batch, 1e-6)).toBe(0);
  });
});

describe('blur and colour against torchvision', () => {
  it('gaussianBlur without sigma uses 0.3·((k − 1)/2 − 1) + 0.8; a sigma list of one is both axes', () => {
    for (const { kernel_size: kernelSize, output } of reference.gaussian_blur_default_sigma)
      expect(countDiffering(gaussianBlur(image, kernelSize).toArraySync(), output, 1e-6)).toBe(0);
    expect(countDiffering(gaussianBlur(image, [3, 5], [0.8]).toArraySync(), reference.gaussian_blur_sigma_one, 1e-6)).toBe(0);
    expect(countDiffering(new GaussianBlur([3], 0.7).forward(image).toArraySync(), reference.gaussian_blur_class_kernel_one, 1e-6)).toBe(0);
  });

  it('adjustSaturation returns a one-channel image unchanged (no clamp), as torchvision', () => {
    expect(adjustSaturation(images.single!, 1.5).toArraySync()).toEqual(reference.saturation_single);
  });

  it('negative factors are errors, naming the function and the value', () => {
    expect(() => adjustBrightness(image, -1)).toThrow('adjustBrightness: brightnessFactor (-1) is not non-negative');
    expect(() => adjustContrast(image, -0.5)).toThrow('adjustContrast: contrastFactor (-0.5) is not non-negative');
    expect(() => adjustSaturation(image, -2)).toThrow('adjustSaturation: saturationFactor (-2) is not non-negative');
  });
});

describe("torchvision's argument checks", () => {
  it.each([
    [
      'RandomRotation one negative number',
      () => new RandomRotation(-30),
      'RandomRotation: if degrees is a single number, it must be non-negative, got -30',
    ],
    [
      'RandomRotation reversed range',
      () => new RandomRotation([30, -30]),
      'RandomRotation: degrees must be [min, max] with min ≤ max, got [30, -30]',
    ],
    [
      'RandomAffine reversed degrees',
      () => new RandomAffine([10, -10]),
      'RandomAffine: degrees must be [min, max] with min ≤ max, got [10, -10]',
    ],
    [
      'RandomAffine reversed scale',
      () => new RandomAffine(0, null, [1.2, 0.8]),
      'RandomAffine: scale must be [min, max] with min ≤ max, got [1.2, 0.8]',
    ],
    [
      'RandomAffine reversed shear',
      () => new RandomAffine(0, null, null, [5, -5]),
      'RandomAffine: shear must be [min, max] with min ≤ max, got [5, -5]',
    ],
    [
      'RandomAffine reversed y shear',
      () => new RandomAffine(0, null, null, [0, 1, 4, 2]),
      'RandomAffine: shear must be [min, max] with min ≤ max, got [4, 2]',
    ],
    [
      'RandomResizedCrop reversed scale',
      () => new RandomResizedCrop(4, [1, 0.5]),
      'RandomResizedCrop: scale must be [min, max] with min ≤ max, got [1, 0.5]',
    ],
    [
      'RandomResizedCrop reversed ratio',
      () => new RandomResizedCrop(4, [0.5, 1], [2, 0.5]),
      'RandomResizedCrop: ratio must be [min, max] with min ≤ max, got [2, 0.5]',
    ],
    [
      'RandomErasing reversed scale',
      () => new RandomErasing(0.5, [0.3, 0.1]),
      'RandomErasing: scale must be [min, max] with min ≤ max, got [0.3, 0.1]',
    ],
    [
      'RandomErasing reversed ratio',
      () => new RandomErasing(0.5, [0.1, 0.3], [3, 0.3]),
      'RandomErasing: ratio must be [min, max] with min ≤ max, got [3, 0.3]',
    ],
    ['Normalize on integers', () => new Normalize([0.5], [0.5]).forward(integers), 'Normalize: expects a float tensor, got int32'],
    [
      'Normalize std zero in float32',
      () => new Normalize([0], [1e-50]).forward(image),
      'Normalize: std evaluated to zero after conversion to float32',
    ],
  ])('%s', (_, make, message) => {
    expect(make).toThrow(message);
  });

  it('a single non-negative angle and a float64 std that float32 would lose are still fine', () => {
    expect(new RandomRotation(0).forward(image).toArraySync()).toEqual(image.toArraySync());
    expect(new Normalize([0], [1e-50]).forward(images.image64!).dtype).toBe('float64');
  });
});
