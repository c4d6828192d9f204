import { checkBoolean, checkInteger, checkOptions, describeValue, readArguments, type Tensor } from '@dl/tensor';
import { imageSize, mapPlanes, Transform } from './transform.js';

/** How `Resize` and `RandomResizedCrop` resample (torchvision's `InterpolationMode` values they implement). */
export type ResizeInterpolation = 'nearest' | 'bilinear';

/** torchvision's other interpolation modes, named in the error that refuses them. */
const notImplemented = ['bicubic', 'box', 'hamming', 'lanczos', 'nearest-exact'];

/**
 * Checks an interpolation for resizing: 'nearest' or 'bilinear'; torchvision's other modes
 * ('bicubic', …) throw, naming the value.
 */
export function checkResizeInterpolation(owner: string, interpolation: unknown): ResizeInterpolation {
  if (interpolation === 'nearest' || interpolation === 'bilinear') return interpolation;
  if (typeof interpolation === 'string' && notImplemented.includes(interpolation))
    throw new Error(`${owner}: interpolation '${interpolation}' is not implemented; use 'bilinear' or 'nearest'`);
  throw new Error(`${owner}: interpolation must be 'bilinear' or 'nearest', got ${describeValue(interpolation)}`);
}

/** Options of `resizeBilinear`. */
export interface ResizeBilinearOptions {
  /** Low-pass the image when shrinking it (torch's `interpolate(antialias=True)`, as PIL). Default false. */
  antialias?: boolean;
}

/**
 * One axis of torch's antialiased bilinear resampling (`_upsample_bilinear2d_aa`, PIL's filter): output
 * index i is centred on source point c = s·(i + 0.5), s = in/out, and averages the source pixels j in
 * [⌊c − r + 0.5⌋, ⌊c + r + 0.5⌋) (clipped to the image) with the triangle weights
 * max(0, 1 − |(j − c + 0.5)/r|), normalised to sum 1, where r = max(s, 1).
 */
function antialiasedAxis(inSize: number, outSize: number): { start: Int32Array; weights: Float64Array[] } {
  const scale = inSize / outSize;
  const support = Math.max(scale, 1);
  const inverse = 1 / support;
  const start = new Int32Array(outSize);
  const weights: Float64Array[] = [];
  for (let i = 0; i < outSize; i++) {
    const center = scale * (i + 0.5);
    const low = Math.max(Math.trunc(center - support + 0.5), 0);
    const high = Math.min(Math.trunc(center + support + 0.5), inSize);
    const row = new Float64Array(Math.max(0, high - low));
    let total = 0;
    for (let j = 0; j < row.length; j++) {
      row[j] = Math.max(0, 1 - Math.abs((j + low - center + 0.5) * inverse));
      total += row[j]!;
    }
    if (total !== 0) for (let j = 0; j < row.length; j++) row[j] = row[j]! / total;
    start[i] = low;
    weights.push(row);
  }
  return { start, weights };
}

/** Antialiased bilinear resampling: the width pass then the height pass, as torch's separable kernel. */
function resizeAntialiased(image: Tensor, outHeight: number, outWidth: number): Tensor {
  const [height, width] = imageSize('resize', image);
  const columns = antialiasedAxis(width, outWidth);
  const rows = antialiasedAxis(height, outHeight);
  const between = new Float64Array(height * outWidth);
  return mapPlanes(image, outHeight, outWidth, (source, target) => {
    for (let y = 0; y < height; y++)
      for (let x = 0; x < outWidth; x++) {
        const first = columns.start[x]!;
        const row = columns.weights[x]!;
        let sum = 0;
        for (let j = 0; j < row.length; j++) sum += source[y * width + first + j]! * row[j]!;
        between[y * outWidth + x] = sum;
      }
    for (let y = 0; y < outHeight; y++) {
      const first = rows.start[y]!;
      const column = rows.weights[y]!;
      for (let x = 0; x < outWidth; x++) {
        let sum = 0;
        for (let j = 0; j < column.length; j++) sum += between[(first + j) * outWidth + x]! * column[j]!;
        target[y * outWidth + x] = sum;
      }
    }
  });
}

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
export function resizeBilinear(image: Tensor, outHeight: number, outWidth: number, options: ResizeBilinearOptions = {}): Tensor {
  const { antialias = false } = checkOptions('resizeBilinear', options, ['antialias']);
  if (checkBoolean('resizeBilinear', 'antialias', antialias)) return resizeAntialiased(image, outHeight, outWidth);
  const [height, width] = imageSize('resize', image);
  const axis = (outSize: number, inSize: number) => {
    const scale = inSize / outSize;
    const low = new Int32Array(outSize);
    const high = new Int32Array(outSize);
    const weight = new Float64Array(outSize);
    for (let i = 0; i < outSize; i++) {
      const source = Math.max(0, (i + 0.5) * scale - 0.5);
      low[i] = Math.min(Math.floor(source), inSize - 1);
      high[i] = Math.min(low[i]! + 1, inSize - 1);
      weight[i] = source - low[i]!;
    }
    return { low, high, weight };
  };
  const rows = axis(outHeight, height);
  const columns = axis(outWidth, width);
  return mapPlanes(image, outHeight, outWidth, (source, target) => {
    for (let y = 0; y < outHeight; y++) {
      const top = rows.low[y]! * width;
      const bottom = rows.high[y]! * width;
      const wy = rows.weight[y]!;
      for (let x = 0; x < outWidth; x++) {
        const left = columns.low[x]!;
        const right = columns.high[x]!;
        const wx = columns.weight[x]!;
        const upper = source[top + left]! * (1 - wx) + source[top + right]! * wx;
        const lower = source[bottom + left]! * (1 - wx) + source[bottom + right]! * wx;
        target[y * outWidth + x] = upper * (1 - wy) + lower * wy;
      }
    }
  });
}

/**
 * Nearest-neighbour resampling of every plane of [..., H, W], as torch's `interpolate(mode='nearest')`
 * (torchvision's `InterpolationMode.NEAREST` on tensors): output index i reads source
 * min(⌊i · s⌋, size − 1), with s = in/out and the product rounded to float32 as torch computes it.
 * @example
 * resizeNearest(image, 2, 3);
 */
export function resizeNearest(image: Tensor, outHeight: number, outWidth: number): Tensor {
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
  /** 'bilinear' or 'nearest' (torchvision's other modes throw). Default 'bilinear'. */
  interpolation?: ResizeInterpolation;
  /**
   * Largest length of the longer side when `size` is one number: a longer side above it is set to it
   * and the shorter one scaled down alike (so it may end up below `size`). Default none.
   */
  maxSize?: number | null;
  /** Antialias when shrinking (bilinear only; torchvision's `antialias=True`). Default false (torchvision 0.14's None on tensors). */
  antialias?: boolean | null;
}

const resizeKeys = ['interpolation', 'maxSize', 'antialias'];

/**
 * Resizes images [C, H, W] or [N, C, H, W] (torchvision's `Resize` on tensors): bilinear (default,
 * `antialias` false as torchvision 0.14 on tensors, or true) or nearest; `maxSize` caps the longer
 * side when `size` is one number. The result is always a new tensor, as torchvision 0.14's (its check
 * for an image already of the output size compares a tuple with a list, so it never returns the input).
 * @example
 * new Resize([32, 32]).forward(image); // [3, 32, 32]
 * new Resize(256).forward(image);      // shorter side 256
 * new Resize(256, 'nearest', 300);     // torchvision's positional order: size, interpolation, max_size, antialias
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
    if (this.antialias && this.interpolation !== 'bilinear')
      throw new Error(`Resize: antialias is supported for 'bilinear' interpolation only, got interpolation '${this.interpolation}'`);
  }

  forward(image: Tensor): Tensor {
    const [height, width] = imageSize('Resize', image);
    const [outHeight, outWidth] = resizedSize(height, width, this.size, this.maxSize);
    return resizeTo(image, outHeight, outWidth, this.interpolation, this.antialias);
  }
}

/** `image` resampled to outHeight × outWidth by `interpolation` (bilinear possibly antialiased). */
export function resizeTo(
  image: Tensor,
  outHeight: number,
  outWidth: number,
  interpolation: ResizeInterpolation,
  antialias: boolean,
): Tensor {
  return interpolation === 'nearest'
    ? resizeNearest(image, outHeight, outWidth)
    : resizeBilinear(image, outHeight, outWidth, { antialias });
}
