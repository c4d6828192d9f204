import { checkBoolean, checkInteger, checkOptions, describeValue, readArguments, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { resizeBicubic } from './resize-bicubic.js';
import { antialiasedTaps, resampleSeparable, type AxisTaps } from './separable-resample.js';
import { imageSize, mapPlanes, Transform } from './transform.js';

/** How `Resize` and `RandomResizedCrop` resample (torchvision's `InterpolationMode` values for tensors). */
export type ResizeInterpolation = 'nearest' | 'bilinear' | 'bicubic';

/** torchvision's modes that only PIL images take (its tensor path passes them to interpolate, which raises). */
const pilOnly = ['box', 'hamming', 'lanczos'];

/**
 * Checks an interpolation for resizing: 'nearest', 'bilinear' or 'bicubic', torchvision's modes for
 * tensors; its PIL-only modes ('box', 'hamming', 'lanczos') and anything else throw, naming the value.
 */
export function checkResizeInterpolation(owner: string, interpolation: unknown): ResizeInterpolation {
  if (interpolation === 'nearest' || interpolation === 'bilinear' || interpolation === 'bicubic') return interpolation;
  if (typeof interpolation === 'string' && pilOnly.includes(interpolation))
    throw new Error(
      `${owner}: interpolation '${interpolation}' is not implemented for tensors (torchvision takes it for PIL images only); use 'nearest', 'bilinear' or 'bicubic'`,
    );
  throw new Error(`${owner}: interpolation must be 'nearest', 'bilinear' or 'bicubic', got ${describeValue(interpolation)}`);
}

/** Checks that `antialias` goes with an interpolation that has it: 'bilinear' or 'bicubic' (torchvision's rule). */
export function checkAntialias(owner: string, antialias: boolean, interpolation: ResizeInterpolation): void {
  if (antialias && interpolation === 'nearest')
    throw new Error(
      `${owner}: antialias is supported for 'bilinear' and 'bicubic' interpolation only, got interpolation '${interpolation}'`,
    );
}

/** Options of `resizeBilinear`. */
export interface ResizeBilinearOptions {
  /** Low-pass the image when shrinking it (torch's `interpolate(antialias=True)`, as PIL). Default false. */
  antialias?: boolean;
}

/** The triangle filter of antialiased bilinear resampling: max(0, 1 − |x|). */
const triangle = (x: number) => Math.max(0, 1 - Math.abs(x));

/**
 * Bilinear resampling of every plane of [..., H, W] to [..., outHeight, outWidth], as
 * `torch.nn.functional.interpolate(mode='bilinear', align_corners=False)` (no antialiasing, what
 * torchvision 0.14's resize does to tensors by default): an output pixel centre y maps to source
 * y_s = (y + 0.5) · H / outHeight − 0.5 (clamped at 0), and the value blends rows ⌊y_s⌋ and ⌊y_s⌋ + 1
 * (clamped to the last) by the fractional part; columns alike. With `antialias: true`, torch's
 * `interpolate(antialias=True)`: when shrinking, each output pixel averages all the source pixels under
 * a triangle filter widened by the scale (PIL's bilinear filter); when enlarging, the same as without.
 * @example
 * resizeBilinear(image, 14, 14); // [C, 28, 28] → [C, 14, 14]
 * resizeBilinear(image, 14, 14, { antialias: true }); // as torchvision's resize(antialias=True)
 */
export function resizeBilinear(
  image: Tensor,
  outHeight: number,
  outWidth: number,
  options: ResizeBilinearOptions = {},
  ...extra: never[]
): Tensor {
  if (extra.length > 0) refuseExtraArguments('resizeBilinear', ['image', 'outHeight', 'outWidth', 'options'], extra);
  const { antialias = false } = checkOptions('resizeBilinear', options, ['antialias']);
  const [height, width] = imageSize('resize', image);
  const taps = checkBoolean('resizeBilinear', 'antialias', antialias)
    ? (inSize: number, outSize: number) => antialiasedTaps(inSize, outSize, triangle, 1)
    : bilinearTaps;
  return resampleSeparable(image, outHeight, outWidth, taps(height, outHeight), taps(width, outWidth));
}

/**
 * One axis of torch's `upsample_bilinear2d(align_corners=False)`: output index i reads source point
 * x = max(0, s·(i + 0.5) − 0.5) (s = in/out), pixels ⌊x⌋ and ⌊x⌋ + 1 (the last repeated) with
 * weights 1 − t and t, t = x − ⌊x⌋.
 */
function bilinearTaps(inSize: number, outSize: number): AxisTaps {
  const scale = inSize / outSize;
  const indices: Int32Array[] = [];
  const weights: Float64Array[] = [];
  for (let i = 0; i < outSize; i++) {
    const source = Math.max(0, scale * (i + 0.5) - 0.5);
    const low = Math.min(Math.floor(source), inSize - 1);
    const fraction = source - low;
    indices.push(Int32Array.from([low, Math.min(low + 1, inSize - 1)]));
    weights.push(Float64Array.from([1 - fraction, fraction]));
  }
  return { indices, weights };
}

/**
 * Nearest-neighbour resampling of every plane of [..., H, W], as torch's `interpolate(mode='nearest')`
 * (torchvision's `InterpolationMode.NEAREST` on tensors): output index i reads source
 * min(⌊i · s⌋, size − 1), with s = in/out and the product rounded to float32 as torch computes it.
 * @example
 * resizeNearest(image, 2, 3);
 */
export function resizeNearest(image: Tensor, outHeight: number, outWidth: number, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('resizeNearest', ['image', 'outHeight', 'outWidth'], extra);
  const [height, width] = imageSize('resizeNearest', image);
  const axis = (inSize: number, outSize: number) => {
    const scale = Math.fround(inSize / outSize);
    return Int32Array.from({ length: outSize }, (_, i) => Math.min(Math.floor(Math.fround(i * scale)), inSize - 1));
  };
  const rows = axis(height, outHeight);
  const columns = axis(width, outWidth);
  return mapPlanes(image, outHeight, outWidth, (source, target) => {
    for (let y = 0; y < outHeight; y++) {
      const row = rows[y]! * width;
      for (let x = 0; x < outWidth; x++) target[y * outWidth + x] = source[row + columns[x]!]!;
    }
  });
}

/** The size `Resize` takes: [h, w], or one number (or [n]) for the shorter side. */
export type ResizeSize = number | readonly [number] | readonly [number, number];

/**
 * Output size of torchvision's Resize (`_compute_resized_output_size`): a pair is taken as is; one
 * number (or a list of one) is the new length of the shorter side, the longer one scaled to keep the
 * aspect ratio (truncated, as torchvision's int()); with `maxSize`, a longer side above it is set to
 * `maxSize` and the shorter one scaled down alike.
 */
export function resizedSize(height: number, width: number, size: ResizeSize, maxSize?: number): [number, number] {
  if (typeof size !== 'number' && size.length === 2) return [size[0], size[1]];
  const requested = typeof size === 'number' ? size : size[0];
  const [short, long] = width <= height ? [width, height] : [height, width];
  let [newShort, newLong] = [requested, Math.trunc((requested * long) / short)];
  if (maxSize !== undefined && newLong > maxSize) [newShort, newLong] = [Math.trunc((maxSize * newShort) / newLong), maxSize];
  return width <= height ? [newLong, newShort] : [newShort, newLong];
}

/** Options of `Resize`. */
export interface ResizeOptions {
  /** 'bilinear', 'nearest' or 'bicubic' (torchvision's PIL-only modes throw). Default 'bilinear'. */
  interpolation?: ResizeInterpolation;
  /**
   * Largest length of the longer side when `size` is one number: a longer side above it is set to it
   * and the shorter one scaled down alike (so it may end up below `size`). Default none.
   */
  maxSize?: number | null;
  /** Antialias when shrinking (bilinear or bicubic; torchvision's `antialias=True`). Default false (torchvision 0.14's None on tensors). */
  antialias?: boolean | null;
}

const resizeKeys = ['interpolation', 'maxSize', 'antialias'];

/**
 * Resizes images [C, H, W] or [N, C, H, W] (torchvision's `Resize` on tensors): bilinear (default) or
 * bicubic, each with `antialias` false (torchvision 0.14's default on tensors) or true, or nearest; an
 * int32 image is resampled in float and rounded back, as torchvision; `maxSize` caps the longer
 * side when `size` is one number. The result is always a new tensor, as torchvision 0.14's (its check
 * for an image already of the output size compares a tuple with a list, so it never returns the input).
 * @example
 * new Resize([32, 32]).forward(image); // [3, 32, 32]
 * new Resize(256).forward(image);      // shorter side 256
 * new Resize(256, 'nearest', 300);     // torchvision's positional order: size, interpolation, max_size, antialias
 * new Resize(64, 'bicubic', null, true); // torchvision's BICUBIC with antialias=True
 */
export class Resize extends Transform {
  /** The output size [h, w], or the shorter side's length. */
  readonly size: ResizeSize;
  /** Default 'bilinear'. */
  readonly interpolation: ResizeInterpolation;
  /** Default undefined (no cap). */
  readonly maxSize: number | undefined;
  /** Default false. */
  readonly antialias: boolean;

  constructor(size: ResizeSize, options?: ResizeOptions);
  /** torchvision's order: `Resize(size, interpolation, max_size, antialias)`. */
  constructor(size: ResizeSize, interpolation?: ResizeInterpolation, maxSize?: number | null, antialias?: boolean | null);
  constructor(size: ResizeSize, ...rest: unknown[]) {
    super();
    const options = readArguments<ResizeOptions>('Resize', rest, resizeKeys, resizeKeys);
    const single = typeof size === 'number' || (Array.isArray(size) && size.length === 1);
    if (!single && !(Array.isArray(size) && size.length === 2))
      throw new Error(`Resize: size must be one integer or a list of 1 or 2 of them, got ${describeValue(size)}`);
    for (const length of typeof size === 'number' ? [size] : size) checkInteger('Resize', 'size', length);
    this.size = typeof size === 'number' ? size : ([...size] as unknown as ResizeSize);
    this.interpolation = checkResizeInterpolation('Resize', options.interpolation ?? 'bilinear');
    this.maxSize = options.maxSize ?? undefined;
    if (this.maxSize !== undefined) {
      checkInteger('Resize', 'maxSize', this.maxSize);
      if (!single)
        throw new Error(
          `Resize: maxSize is only supported when size is one number (the shorter side), got size ${describeValue(size)} and maxSize ${this.maxSize}`,
        );
      const requested = typeof size === 'number' ? size : size[0]!;
      if (this.maxSize <= requested)
        throw new Error(
          `Resize: maxSize = ${this.maxSize} must be strictly greater than the requested size for the smaller edge size = ${requested}`,
        );
    }
    this.antialias = checkBoolean('Resize', 'antialias', options.antialias ?? false);
    checkAntialias('Resize', this.antialias, this.interpolation);
  }

  forward(image: Tensor): Tensor {
    const [height, width] = imageSize('Resize', image);
    const [outHeight, outWidth] = resizedSize(height, width, this.size, this.maxSize);
    return resizeTo(image, outHeight, outWidth, this.interpolation, this.antialias);
  }
}

/** `image` resampled to outHeight × outWidth by `interpolation` (bilinear or bicubic possibly antialiased). */
export function resizeTo(
  image: Tensor,
  outHeight: number,
  outWidth: number,
  interpolation: ResizeInterpolation,
  antialias: boolean,
): Tensor {
  if (interpolation === 'nearest') return resizeNearest(image, outHeight, outWidth);
  if (interpolation === 'bicubic') return resizeBicubic(image, outHeight, outWidth, { antialias });
  return resizeBilinear(image, outHeight, outWidth, { antialias });
}
