import { readArguments, withoutNulls, checkTensorArguments, composite, describeValue, indexSelect, tensor, type Tensor } from '@dl/tensor';
import { areaAverage, cubic } from './interpolate-kernels.js';

/**
 * The modes of `interpolate`: nearest neighbour (torch's legacy 'nearest' or the centre-aligned
 * 'nearest-exact') and area (adaptive average pooling) on [N, C, L], [N, C, H, W] or [N, C, D, H, W];
 * linear on [N, C, L]; bilinear and bicubic on [N, C, H, W]; trilinear on [N, C, D, H, W].
 */
export type InterpolationMode = 'nearest' | 'nearest-exact' | 'linear' | 'bilinear' | 'bicubic' | 'trilinear' | 'area';

const interpolating = ['linear', 'bilinear', 'bicubic', 'trilinear'];

/** torch.nn.functional.interpolate's keywords, in camelCase. Give `size` or `scaleFactor`, not both. */
export interface InterpolateOptions {
  /** The output's spatial size: one number for every spatial dim, or one each. No default: this or `scaleFactor` is required. */
  size?: number | readonly number[];
  /** Multiplies each spatial size (the output's is floor(size · factor)): one number, or one each. No default: this or `size` is required. */
  scaleFactor?: number | readonly number[];
  /** Default 'nearest'. */
  mode?: InterpolationMode;
  /** Linear modes: map the corner pixels' centres onto each other (true) or their outer edges (false). Default false. */
  alignCorners?: boolean;
  /** With `scaleFactor`: place the samples by the ratio of the sizes instead of by 1 / factor. Default false. */
  recomputeScaleFactor?: boolean;
}

/**
 * Resizes the spatial dims (torch.nn.functional.interpolate): 'nearest' reads the input pixel at
 * ⌊dst · scale⌋ and 'nearest-exact' the one at ⌊(dst + ½) · scale⌋ (the nearest centre, as PIL and
 * scikit-image); 'linear'/'bilinear'/'trilinear' weigh the two neighbours of the source position
 * scale·(dst + ½) − ½ (clamped at 0), or dst·(in − 1)/(out − 1) with `alignCorners`, one dim after
 * the other; 'bicubic' weighs four neighbours by Keys' cubic convolution (a = −0.75, the position not
 * clamped, edge pixels repeated); 'area' averages each output's window ⌊i·in/out⌋ … ⌈(i + 1)·in/out⌉
 * (adaptive average pooling). scale is in/out, or 1/scaleFactor when that was given. Positions are computed in float32
 * as torch's CPU kernels compute them, and gradients flow back to every pixel read.
 * @example
 * F.interpolate(images, { scaleFactor: 2 }); // [N, C, 2H, 2W], nearest
 * F.interpolate(images, { size: [32, 32], mode: 'bilinear', alignCorners: false });
 */
export function interpolate(input: Tensor, options: InterpolateOptions): Tensor;
/**
 * torch's positional order: `F.interpolate(x, 64)` is a size of 64, `F.interpolate(x, null, 2)` a
 * scale factor of 2, then mode, alignCorners and recomputeScaleFactor.
 */
export function interpolate(
  input: Tensor,
  size: InterpolateOptions['size'] | null,
  scaleFactor?: InterpolateOptions['scaleFactor'] | null,
  mode?: InterpolationMode,
  alignCorners?: boolean | null,
  recomputeScaleFactor?: boolean | null,
): Tensor;
export function interpolate(input: Tensor, ...rest: unknown[]): Tensor {
  checkTensorArguments('interpolate', { input });
  // torch needs size or scale_factor: there is no call without arguments (torch's None is null here)
  if (rest.length === 0 || rest[0] === undefined)
    throw new Error(`interpolate: expected the options { size } or { scaleFactor }, got ${describeValue(rest[0])}`);
  const names = ['size', 'scaleFactor', 'mode', 'alignCorners', 'recomputeScaleFactor'];
  // torch's None for the size or the factor not given (`F.interpolate(x, None, 2)`)
  const options = withoutNulls(readArguments<InterpolateOptions>('interpolate', rest, names, names));
  const mode = options.mode ?? 'nearest';
  const spatial = checkInput(mode, input, options);
  const inputSizes = input.shape.slice(2);
  const factors = options.scaleFactor === undefined ? null : perDim('scaleFactor', options.scaleFactor, spatial);
  const outputSizes =
    options.size === undefined
      ? inputSizes.map((size, index) => Math.floor(size * factors![index]!))
      : perDim('size', options.size, spatial);
  for (const [index, size] of outputSizes.entries())
    if (!(Number.isInteger(size) && size > 0))
      throw new Error(
        `interpolate: the output size must be positive integers, got ${size} for spatial dim ${index} of [${input.shape.join(', ')}]`,
      );
  const alignCorners = options.alignCorners ?? false;
  // torch computes positions in the input's precision: float32 (Math.fround) unless it is float64
  const round = input.dtype === 'float64' ? (value: number) => value : Math.fround;
  return composite(() => {
    let result = input;
    // last spatial dim first, so that bilinear sums h₀·(w₀·x₀₀ + w₁·x₀₁) + h₁·(…) in torch's order
    for (let index = spatial - 1; index >= 0; index--) {
      const axis = 2 + index;
      const [inSize, outSize] = [inputSizes[index]!, outputSizes[index]!];
      if (copiesAxis(mode, spatial, inSize, outSize)) continue;
      const factor = factors && !options.recomputeScaleFactor ? factors[index]! : null;
      const scale = round(sourceScale(inSize, outSize, factor, alignCorners && interpolating.includes(mode)));
      if (mode === 'nearest' && spatial > 1 && outSize === 2 * inSize) result = doubled(result, axis, outSize);
      else if (mode === 'nearest' || mode === 'nearest-exact')
        result = nearest(result, axis, inSize, outSize, scale, round, mode === 'nearest-exact');
      else if (mode === 'area') result = areaAverage(result, axis, inSize, outSize);
      else if (mode === 'bicubic') result = cubic(result, axis, inSize, outSize, scale, alignCorners, round);
      else result = linear(result, axis, inSize, outSize, scale, alignCorners, round);
    }
    return result === input ? input.clone() : result;
  });
}

/** torch's checks: one of size and scaleFactor, alignCorners only for the linear modes, the rank each mode takes. Returns the spatial rank. */
function checkInput(mode: InterpolationMode, input: Tensor, options: InterpolateOptions): number {
  if (!['nearest', 'nearest-exact', 'area', ...interpolating].includes(mode))
    throw new Error(
      `interpolate: mode must be 'nearest', 'linear', 'bilinear', 'bicubic', 'trilinear' or 'area', got ${describeValue(mode)} (or 'nearest-exact', the centre-aligned nearest)`,
    );
  if ((options.size === undefined) === (options.scaleFactor === undefined))
    throw new Error('interpolate: give exactly one of size and scaleFactor');
  if (options.alignCorners !== undefined && !interpolating.includes(mode))
    throw new Error(
      "interpolate: alignCorners can only be set with the interpolating modes 'linear', 'bilinear', 'bicubic' and 'trilinear'",
    );
  const rank = {
    nearest: [3, 4, 5],
    'nearest-exact': [3, 4, 5],
    area: [3, 4, 5],
    linear: [3],
    bilinear: [4],
    bicubic: [4],
    trilinear: [5],
  }[mode];
  if (!rank.includes(input.ndim))
    throw new Error(
      `interpolate: mode '${mode}' takes ${rank.map((r) => `${r}-d`).join(' or ')} input (${rank.map((r) => layouts[r]).join(' or ')}), got [${input.shape.join(', ')}]`,
    );
  return input.ndim - 2;
}

const layouts: Record<number, string> = { 3: '[N, C, L]', 4: '[N, C, H, W]', 5: '[N, C, D, H, W]' };

/** Rounds a position computation to the input's precision. */
export type Rounding = (value: number) => number;

/** One value for every spatial dim, or one each. */
function perDim(name: string, value: number | readonly number[], spatial: number): number[] {
  const values = typeof value === 'number' ? new Array<number>(spatial).fill(value) : [...value];
  if (values.length !== spatial || !values.every((entry) => typeof entry === 'number' && entry > 0))
    throw new Error(`interpolate: ${name} must be a positive number or ${spatial} of them, got ${describeValue(value)}`);
  return values;
}

/** Source positions per output step, as torch's area_pixel_compute_scale: in/out, 1/factor, or (in − 1)/(out − 1) aligned. */
function sourceScale(inSize: number, outSize: number, factor: number | null, alignCorners: boolean): number {
  if (alignCorners) return outSize > 1 ? (inSize - 1) / (outSize - 1) : 0;
  return factor !== null ? 1 / factor : inSize / outSize;
}

/**
 * Whether an axis whose size does not change is a copy, as in torch 1.13's CPU kernels whatever the scale
 * factor: for 'area' and the linear modes always, for 'nearest' on 2-d and 3-d inputs (UpSample.h's
 * nearest_idx); 1-d 'nearest', 'nearest-exact' and 'bicubic' still sample at 1/scaleFactor
 * (F.interpolate(x, scale_factor=1.3) of a length-3 signal reads [x₀, x₀, x₁] in 'nearest').
 */
function copiesAxis(mode: InterpolationMode, spatial: number, inSize: number, outSize: number): boolean {
  if (inSize !== outSize) return false;
  return mode === 'area' || mode === 'linear' || mode === 'bilinear' || mode === 'trilinear' || (mode === 'nearest' && spatial > 1);
}

/** torch's other shortcut in 2-d and 3-d 'nearest': an axis that doubles reads i >> 1, whatever the scale factor. */
function doubled(x: Tensor, axis: number, outSize: number): Tensor {
  const sources = Int32Array.from({ length: outSize }, (_, output) => output >> 1);
  return indexSelect(x, axis, tensor(sources, { dtype: 'int32', device: x.device }));
}

/**
 * Nearest neighbour along `axis`: output i reads ⌊i · scale⌋ ('nearest'), or ⌊(i + ½) · scale⌋ with
 * `exact` ('nearest-exact', the source pixel whose centre is nearest), at most the last index.
 */
function nearest(x: Tensor, axis: number, inSize: number, outSize: number, scale: number, round: Rounding, exact: boolean): Tensor {
  const sources = new Int32Array(outSize);
  const offset = exact ? 0.5 : 0;
  for (let output = 0; output < outSize; output++) sources[output] = Math.min(Math.floor(round((output + offset) * scale)), inSize - 1);
  return indexSelect(x, axis, tensor(sources, { dtype: 'int32', device: x.device }));
}

/** Linear interpolation along `axis`: λ₀·x[i₀] + λ₁·x[i₁], the weights broadcast over the other dims. */
function linear(x: Tensor, axis: number, inSize: number, outSize: number, scale: number, alignCorners: boolean, round: Rounding): Tensor {
  const [lower, upper] = [new Int32Array(outSize), new Int32Array(outSize)];
  const [lowerWeight, upperWeight] = [new Float64Array(outSize), new Float64Array(outSize)];
  for (let output = 0; output < outSize; output++) {
    const position = alignCorners ? round(scale * output) : Math.max(0, round(round(scale * round(output + 0.5)) - 0.5));
    const index = Math.floor(position);
    lower[output] = index;
    upper[output] = index < inSize - 1 ? index + 1 : index;
    upperWeight[output] = round(position - index);
    lowerWeight[output] = round(1 - upperWeight[output]!);
  }
  const shape = x.shape.map((_, dim) => (dim === axis ? outSize : 1));
  const options = { dtype: x.dtype, device: x.device } as const;
  const indices = { dtype: 'int32', device: x.device } as const;
  return indexSelect(x, axis, tensor(lower, indices))
    .mul(tensor(lowerWeight, options).reshape(shape))
    .add(indexSelect(x, axis, tensor(upper, indices)).mul(tensor(upperWeight, options).reshape(shape)));
}
