import { checkOptions, type Tensor } from '@dl/tensor';
import { resolveGenerator, type Generator } from '../random/generator.js';
import { Transform } from './transform.js';

/** Luma of RGB as torchvision's rgb_to_grayscale: 0.2989 R + 0.587 G + 0.114 B; one channel is itself. */
export function grayscale(image: Tensor): Tensor {
  const channels = image.shape[image.ndim - 3]!;
  if (channels === 1) return image;
  if (channels !== 3) throw new Error(`grayscale: expects 1 or 3 channels, got ${channels}`);
  const [red, green, blue] = image.split(1, -3);
  return red!.mul(0.2989).add(green!.mul(0.587)).add(blue!.mul(0.114));
}

/** factor · image + (1 − factor) · other, clamped to [0, 1] (torchvision's _blend for float images). */
function blend(image: Tensor, other: Tensor | number, factor: number): Tensor {
  return image
    .mul(factor)
    .add(typeof other === 'number' ? other * (1 - factor) : other.mul(1 - factor))
    .clamp(0, 1);
}

/** Brightness: image · factor, clamped (torchvision's adjust_brightness). */
export function adjustBrightness(image: Tensor, factor: number): Tensor {
  return blend(image, 0, factor);
}

/** Contrast: blend with the mean grey level of each image (torchvision's adjust_contrast). */
export function adjustContrast(image: Tensor, factor: number): Tensor {
  const dims = [image.ndim - 3, image.ndim - 2, image.ndim - 1];
  return blend(image, grayscale(image).mean(dims, true), factor);
}

/** Saturation: blend with the grayscale image (torchvision's adjust_saturation). */
export function adjustSaturation(image: Tensor, factor: number): Tensor {
  return blend(image, grayscale(image), factor);
}

type Range = number | [number, number];

/**
 * Random brightness, contrast and saturation (torchvision's `ColorJitter` without hue): each factor is
 * uniform in [max(0, 1 − v), 1 + v] (or the given [min, max]), applied in a random order.
 * @example
 * new ColorJitter({ brightness: 0.4, contrast: 0.4, generator: new Generator(0) }).forward(image);
 */
export class ColorJitter extends Transform {
  constructor(readonly options: { brightness?: Range; contrast?: Range; saturation?: Range; generator?: Generator } = {}) {
    super();
    checkOptions('ColorJitter', options, ['brightness', 'contrast', 'saturation', 'generator']);
  }

  forward(image: Tensor): Tensor {
    const generator = resolveGenerator(this.options.generator);
    const range = (value: Range | undefined): [number, number] | null =>
      value === undefined || value === 0 ? null : typeof value === 'number' ? [Math.max(0, 1 - value), 1 + value] : value;
    const adjustments = [
      [range(this.options.brightness), adjustBrightness],
      [range(this.options.contrast), adjustContrast],
      [range(this.options.saturation), adjustSaturation],
    ] as const;
    let result = image;
    for (const index of generator.permutation(adjustments.length)) {
      const [bounds, adjust] = adjustments[index]!;
      if (bounds) result = adjust(result, generator.random(bounds[0], bounds[1]));
    }
    return result;
  }
}
