import { cat, composite, describeValue, readArguments, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { pad } from './crop.js';
import { type Padding, paddingSides } from './padding-sides.js';

export { type Padding, paddingSides };
import { imageSize, Transform } from './transform.js';

/** How `Pad` fills the border (torchvision's `padding_mode`). */
export type PaddingMode = 'constant' | 'edge' | 'reflect' | 'symmetric';

/**
 * Mirrors `before` and `after` entries of `dim` around the image including the edge entry (numpy's
 * 'symmetric': a b c → b a | a b c | c b), by concatenating flipped slices.
 */
function mirrorSymmetric(image: Tensor, dim: number, before: number, after: number): Tensor {
  if (before === 0 && after === 0) return image;
  const size = image.shape[dim]!;
  const parts = [image];
  if (before > 0) parts.unshift(image.narrow(dim, 0, before).flip(dim));
  if (after > 0) parts.push(image.narrow(dim, size - after, after).flip(dim));
  return cat(parts, dim);
}

/**
 * Pads the last two dims by [left, top, right, bottom] with a mirror that repeats the edge
 * (torchvision's `padding_mode='symmetric'`); each padding must be at most the size of its dim.
 * Tensor ops only, so it runs on the image's device.
 * @example
 * padSymmetric(image, [2, 2, 2, 2]); // [C, H + 4, W + 4]
 */
export function padSymmetric(image: Tensor, padding: Padding, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('padSymmetric', ['image', 'padding'], extra);
  const [left, top, right, bottom] = paddingSides('padSymmetric', padding);
  const [height, width] = imageSize('padSymmetric', image);
  if (Math.max(left, right) > width || Math.max(top, bottom) > height)
    throw new Error(
      `padSymmetric: padding [${[left, top, right, bottom].join(', ')}] is larger than the image (${height} × ${width}) it mirrors`,
    );
  return composite(() => mirrorSymmetric(mirrorSymmetric(image, image.ndim - 1, left, right), image.ndim - 2, top, bottom));
}

/** Options of `Pad`. */
export interface PadOptions {
  /** Value of the constant padding; default 0. */
  fill?: number;
  /** Default 'constant'. */
  paddingMode?: PaddingMode;
}

/**
 * Pads every image [..., H, W] on its four sides (torchvision's `Pad`): with `fill` (constant), the
 * edge value (edge), a mirror without the edge (reflect: padding must be smaller than the size, as
 * torch.nn.functional.pad requires) or a mirror with it (symmetric).
 * @example
 * new Pad(4, { paddingMode: 'reflect' }).forward(image); // [C, H + 8, W + 8]
 * new Pad(2, 0, 'reflect'); // torchvision's positional order: padding, fill, padding_mode
 */
export class Pad extends Transform {
  /** The padding [left, top, right, bottom]. */
  readonly padding: [number, number, number, number];
  /** Default 'constant'. */
  readonly paddingMode: PaddingMode;
  /** The options as given (positionally or as an object). */
  readonly options: PadOptions;

  constructor(padding: Padding, options?: PadOptions);
  /** torchvision's order: `Pad(padding, fill, padding_mode)`. */
  constructor(padding: Padding, fill?: number, paddingMode?: PaddingMode);
  constructor(padding: Padding, ...rest: unknown[]) {
    super();
    const options = readArguments<PadOptions>('Pad', rest, ['fill', 'paddingMode'], ['fill', 'paddingMode']);
    this.options = options;
    this.padding = paddingSides('Pad', padding);
    const mode = options.paddingMode ?? 'constant';
    if (!['constant', 'edge', 'reflect', 'symmetric'].includes(mode))
      throw new Error(`Pad: paddingMode must be 'constant', 'edge', 'reflect' or 'symmetric', got ${describeValue(mode)}`);
    if (typeof (options.fill ?? 0) !== 'number') throw new Error(`Pad: fill must be a number, got ${describeValue(options.fill)}`);
    this.paddingMode = mode;
  }

  forward(image: Tensor): Tensor {
    if (this.paddingMode === 'symmetric') return padSymmetric(image, this.padding);
    const [left, top, right, bottom] = this.padding;
    const [height, width] = imageSize('Pad', image);
    if (this.paddingMode === 'reflect' && (Math.max(left, right) >= width || Math.max(top, bottom) >= height))
      throw new Error(`Pad: reflect padding [${this.padding.join(', ')}] must be smaller than the image (${height} × ${width})`);
    return pad(image, this.padding, { fill: this.options.fill ?? 0, mode: this.paddingMode });
  }
}
