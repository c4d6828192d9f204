import { describe, expect, it } from 'vitest';
import {
  CenterCrop,
  ColorJitter,
  Compose,
  Generator,
  Lambda,
  Normalize,
  RandomCrop,
  RandomErasing,
  RandomHorizontalFlip,
  RandomResizedCrop,
  RandomRotation,
  RandomVerticalFlip,
  Resize,
  ToTensor,
  adjustBrightness,
  adjustContrast,
  adjustHue,
  adjustSaturation,
  crop,
  erase,
  grayscale,
  pad,
  resizeBilinear,
  rotate,
} from '@dl/data';
import { stack, tensor, type Tensor } from '@dl/tensor';
import { maxDifference, reference } from './reference.js';

const image = tensor(reference.image, { dtype: 'float64' }); // [3, 5, 7]
const tv = reference.torchvision;

describe('deterministic transforms against torch / torchvision 0.14 functional ops', () => {
  it('Resize: bilinear like F.interpolate(align_corners=False), shorter side like TF.resize', () => {
    for (const { size, output } of reference.resize)
      expect(maxDifference(resizeBilinear(image, size[0], size[1]).toArraySync(), output)).toBeLessThan(1e-6);
    expect(maxDifference(new Resize(3).forward(image).toArraySync(), tv.resize_short_side)).toBeLessThan(1e-6);
    // batched NCHW: every image alike
    const batch = stack([image, image.mul(2)]);
    const resized = new Resize([3, 4]).forward(batch);
    expect(resized.shape).toEqual([2, 3, 3, 4]);
    expect(maxDifference(resized.select(0, 1).toArraySync(), resizeBilinear(image.mul(2), 3, 4).toArraySync())).toBeLessThan(1e-12);
  });
  it('Normalize, ToTensor, grayscale', () => {
    const { mean, std, output } = reference.normalize;
    expect(maxDifference(new Normalize(mean, std).forward(image).toArraySync(), output)).toBeLessThan(1e-6);
    const hwc: number[][][] = tv.to_tensor.hwc;
    const bytes = hwc.flat(2);
    expect(
      maxDifference(new ToTensor().forward({ data: bytes, height: 2, width: 3, channels: 3 }).toArraySync(), tv.to_tensor.output),
    ).toBeLessThan(1e-7);
    expect(maxDifference(new ToTensor().forward(tensor(hwc, { dtype: 'int32' })).toArraySync(), tv.to_tensor.output)).toBeLessThan(1e-7);
    // a float CHW image in [0, 1] (what MnistDataset yields) is already converted: the identity
    const converted = new ToTensor().forward(tensor(hwc, { dtype: 'int32' }));
    expect(new ToTensor().forward(converted)).toBe(converted);
    // float bytes, or a float tensor that is not CHW, throw instead of being misread
    expect(() => new ToTensor().forward(tensor(hwc))).toThrow(/ToTensor: a float32 tensor \[2, 3, 3\] is neither bytes/);
    expect(() =>
      new ToTensor().forward(
        tensor([
          [
            [0, 255],
            [1, 2],
          ],
        ]),
      ),
    ).toThrow(/already converted \(CHW in \[0, 1\]\), but it holds 255/);
    expect(() => new ToTensor().forward(tensor([[[0.5]], [[0.5]]]))).toThrow(/neither bytes/);
    expect(maxDifference(grayscale(image).squeeze(0).toArraySync(), reference.grayscale)).toBeLessThan(1e-6);
    expect(() => new ToTensor().forward({ data: [1, 2, 3], height: 2, width: 2 })).toThrow(/do not make a 2 × 2 image/);
  });
  it('CenterCrop (with padding when larger), pad modes, crop, erase, hflip', () => {
    for (const { size, output } of tv.center_crop) expect(new CenterCrop(size).forward(image).toArraySync()).toEqual(output);
    for (const { padding, mode, output } of tv.pad)
      expect(pad(image, padding, { mode, fill: mode === 'constant' ? 0.5 : 0 }).toArraySync()).toEqual(output);
    expect(erase(image, 1, 2, 2, 3, 0).toArraySync()).toEqual(tv.erase);
    expect(new RandomHorizontalFlip({ p: 1 }).forward(image).toArraySync()).toEqual(tv.hflip);
    expect(new RandomVerticalFlip({ p: 1 }).forward(image).toArraySync()).toEqual(image.flip(1).toArraySync());
    expect(crop(image, 1, 1, 3, 4).shape).toEqual([3, 3, 4]);
  });
  it('rotate with nearest sampling like TF.rotate', () => {
    const square = tensor(tv.square, { dtype: 'float64' });
    for (const { angle, image: name, output } of tv.rotate) {
      const source = name === 'square' ? square : image;
      const ours = rotate(source, angle).toArraySync() as number[][][];
      // count pixels that differ: only pixels whose source lands on an exact .5 tie may differ by float rounding
      const flat = (x: number[][][]) => x.flat(2);
      const differing = flat(ours).filter((value, i) => value !== flat(output)[i]).length;
      expect(differing).toBeLessThanOrEqual(angle % 90 === 0 ? 0 : Math.ceil(flat(output).length * 0.05));
    }
  });
  it('brightness, contrast, saturation like TF.adjust_*', () => {
    expect(maxDifference(adjustBrightness(image, 1.3).toArraySync(), tv.brightness)).toBeLessThan(1e-6);
    for (const { factor, output } of tv.contrast)
      expect(maxDifference(adjustContrast(image, factor).toArraySync(), output)).toBeLessThan(1e-6);
    expect(maxDifference(adjustSaturation(image, 0.5).toArraySync(), tv.saturation)).toBeLessThan(1e-6);
  });
  it('hue like TF.adjust_hue, in float32 as torchvision computes it: grey, black and tied channels included', () => {
    const images: Record<string, Tensor> = { image: tensor(reference.image), hue_image: tensor(tv.hue_image) };
    let largest = 0; // 0 today: the same float32 operations in the same order as torchvision's
    for (const { image: name, factor, output } of tv.hue)
      largest = Math.max(largest, maxDifference(adjustHue(images[name]!, factor).toArraySync(), output));
    expect(largest).toBeLessThan(1e-6);
    const batch = stack([images.image!.narrow(1, 0, 4).narrow(2, 0, 5), images.hue_image!]);
    expect(maxDifference(adjustHue(batch, 0.2).toArraySync(), tv.hue_batch)).toBeLessThan(1e-6);
  });
  it('hue factors outside [-0.5, 0.5] and images without 1 or 3 channels are errors; one channel is returned as it is', () => {
    expect(() => adjustHue(image, 0.6)).toThrow('adjustHue: hueFactor (0.6) is not in [-0.5, 0.5]');
    expect(() => adjustHue(tensor([[[0.5]], [[0.5]]]), 0.1)).toThrow('adjustHue: expects 1 or 3 channels, got 2');
    const gray = tensor([[[0.25, 0.5]]]);
    expect(adjustHue(gray, 0.3)).toBe(gray); // torchvision returns the image itself, as PIL does
  });
  it('ColorJitter({ hue }) shifts the hue like TF.adjust_hue; its ranges are checked as torchvision checks them', () => {
    const float32 = tensor(reference.image);
    const shifted = new ColorJitter({ hue: [0.25, 0.25], generator: new Generator(0) }).forward(float32);
    const expected = tv.hue.find((entry: { image: string; factor: number }) => entry.image === 'image' && entry.factor === 0.25)!;
    expect(maxDifference(shifted.toArraySync(), expected.output)).toBeLessThan(1e-6);
    expect(() => new ColorJitter({ hue: 0.6 })).toThrow('ColorJitter: hue values must lie in [-0.5, 0.5] with min ≤ max, got [-0.6, 0.6]');
    expect(() => new ColorJitter({ brightness: -0.1 })).toThrow('ColorJitter: brightness as one number must be non-negative, got -0.1');
    expect(() => new ColorJitter({ contrast: [1.5, 0.5] })).toThrow(
      'ColorJitter: contrast values must lie in [0, Infinity] with min ≤ max, got [1.5, 0.5]',
    );
    expect(() => new ColorJitter({ saturation: [0.5] as never })).toThrow(
      'ColorJitter: saturation must be one number or a [min, max] pair',
    );
    // a range of only the identity is no adjustment: the image comes back as it is
    expect(new ColorJitter({ brightness: [1, 1], hue: 0 }).forward(float32)).toBe(float32);
  });
  it('RandomResizedCrop crops then resizes like TF.resized_crop', () => {
    expect(maxDifference(resizeBilinear(crop(image, 1, 1, 3, 4), 6, 6).toArraySync(), tv.resized_crop)).toBeLessThan(1e-6);
  });
});

describe('random transforms are seeded, reproducible and within their ranges', () => {
  const big = tensor(
    Array.from({ length: 3 * 32 * 32 }, (_, i) => (i % 97) / 97),
    { shape: [3, 32, 32] },
  );
  it('RandomCrop with padding: a window of the padded image, reproducible', () => {
    const transform = () => new RandomCrop(32, { padding: 4, generator: new Generator(2) });
    const a = transform().forward(big);
    expect(a.shape).toEqual([3, 32, 32]);
    expect(a.toArraySync()).toEqual(transform().forward(big).toArraySync());
    // every output is one of the 81 windows of the padded image
    const padded = pad(big, [4, 4, 4, 4]);
    let found = false;
    for (let top = 0; top <= 8 && !found; top++)
      for (let left = 0; left <= 8 && !found; left++)
        found = maxDifference(crop(padded, top, left, 32, 32).toArraySync(), a.toArraySync()) === 0;
    expect(found).toBe(true);
    expect(() => new RandomCrop(40).forward(big)).toThrow(/larger than input image size/);
  });
  it('RandomResizedCrop parameters follow the scale and ratio ranges', () => {
    const transform = new RandomResizedCrop(16, { generator: new Generator(0) });
    for (let k = 0; k < 200; k++) {
      const [top, left, height, width] = transform.parameters(100, 120);
      expect(top + height).toBeLessThanOrEqual(100);
      expect(left + width).toBeLessThanOrEqual(120);
      const area = (height * width) / 12000;
      expect(area).toBeGreaterThan(0.07);
      expect(area).toBeLessThanOrEqual(1);
    }
    expect(transform.forward(big).shape).toEqual([3, 16, 16]);
  });
  it('flips with probability p; rotation, jitter and erasing reproducible', () => {
    const flip = new RandomHorizontalFlip({ generator: new Generator(1) });
    let flipped = 0;
    for (let k = 0; k < 400; k++)
      if ((flip.forward(image).toArraySync() as number[][][])[0]![0]![0] !== reference.image[0]![0]![0]) flipped++;
    expect(flipped / 400).toBeGreaterThan(0.4);
    expect(flipped / 400).toBeLessThan(0.6);
    const rotation = (seed: number) => new RandomRotation(30, { generator: new Generator(seed) }).forward(big).toArraySync();
    expect(rotation(3)).toEqual(rotation(3));
    expect(rotation(3)).not.toEqual(rotation(4));
    const jitter = new ColorJitter({ brightness: 0.5, contrast: 0.5, saturation: 0.5, generator: new Generator(0) }).forward(big);
    expect(jitter.min().itemSync()).toBeGreaterThanOrEqual(0);
    expect(jitter.max().itemSync()).toBeLessThanOrEqual(1);
    const erased = new RandomErasing({ p: 1, value: -1, generator: new Generator(0) }).forward(big);
    const count = Array.from(erased.dataSync()).filter((value) => value === -1).length / 3;
    expect(count).toBeGreaterThanOrEqual(0.02 * 1024 - 2);
    expect(count).toBeLessThanOrEqual(0.33 * 1024 + 40);
    expect(new RandomErasing({ p: 0 }).forward(big)).toBe(big);
  });
  it('Compose and Lambda chain transforms', () => {
    const pipeline = new Compose([new ToTensor(), new Normalize([0.5], [0.5]), new Lambda((x: any) => x.mul(2))]);
    const out = pipeline.forward({ data: [0, 255], height: 1, width: 2, channels: 1 });
    expect(out.toArraySync()).toEqual([[[-2, 2]]]);
    expect(pipeline.call({ data: [255], height: 1, width: 1 }).toArraySync()).toEqual([[[2]]]);
  });
});
