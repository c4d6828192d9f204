import {
  checkOptions,
  composite,
  describeValue,
  isTensor,
  noGrad,
  rand,
  refuseExtraArguments,
  type Tensor,
  valuesAndIndices,
  type ValuesAndIndices,
} from '@dl/tensor';
import { windowMaxima, windowStarts } from './fractional-windows.js';

/**
 * torch.nn.functional.fractional_max_pool2d/3d's keywords, in camelCase: `outputSize` or `outputRatio`
 * (exactly one), the indices flag and torch's `_random_samples`.
 */
export interface FractionalMaxPoolOptions<Size> {
  /** The output's spatial size: one integer for every pooled dim, or one each. This or `outputRatio` is required. */
  outputSize?: Size | null;
  /** The output's size as a fraction of the input's, ⌊size · ratio⌋ per dim: one number, or one each. This or `outputSize` is required. */
  outputRatio?: Size | null;
  /** Also return the flat positions of the maxima in each input plane or volume (as `[values, indices]`). Default false. */
  returnIndices?: boolean;
  /**
   * torch's `_random_samples`: one sample in [0, 1) per plane and pooled dim, [N, C, 2] for 2-d pooling
   * ([W, H] order, as torch) and [N, C, 3] for 3-d ([T, H, W]), N = 1 for an unbatched input, in the
   * input's dtype. Default: drawn with `rand` from the seeded generator (manualSeed) on every call.
   */
  randomSamples?: Tensor | null;
}

/** The options of 2-d fractional max pooling: sizes and ratios as one number or [height, width]. */
export type FractionalMaxPool2dOptions = FractionalMaxPoolOptions<number | readonly [number, number]>;
/** The options of 3-d fractional max pooling: sizes and ratios as one number or [time, height, width]. */
export type FractionalMaxPool3dOptions = FractionalMaxPoolOptions<number | readonly [number, number, number]>;

/** What differs between the 2-d and the 3-d pooling. */
interface Pooling {
  operation: string;
  names: readonly string[];
  /** The column of the random samples that places the windows of each pooled dim (torch's order). */
  sampleColumns: readonly number[];
  /** torch's 3-d kernel checks outputSize + poolSize − 1 < inputSize, its 2-d kernel ≤. */
  strict: boolean;
}

const planePooling: Pooling = { operation: 'fractionalMaxPool2d', names: ['height', 'width'], sampleColumns: [1, 0], strict: false };
const volumePooling: Pooling = {
  operation: 'fractionalMaxPool3d',
  names: ['time', 'height', 'width'],
  sampleColumns: [0, 1, 2],
  strict: true,
};

/**
 * `value` (one number, or one per pooled dim) as one number per dim, each passing `accept`, or an error
 * naming the operation, the option and `what` each must be.
 * @example
 * perDim('FractionalMaxPool2d', 'kernelSize', 3, 2, Number.isInteger, 'an integer'); // [3, 3]
 */
export function perDim(
  operation: string,
  name: string,
  value: unknown,
  dims: number,
  accept: (entry: number) => boolean,
  what: string,
): number[] {
  const entries = typeof value === 'number' ? Array<number>(dims).fill(value) : Array.isArray(value) ? [...(value as unknown[])] : null;
  if (!entries || entries.length !== dims || !entries.every((entry) => typeof entry === 'number' && accept(entry)))
    throw new Error(`${operation}: ${name} must be ${what} or ${dims} of them, got ${describeValue(value)}`);
  return entries as number[];
}

/**
 * torch's checks of the input and the options, and the kernel and output sizes per dim (from
 * `outputRatio` as torch's int(size · ratio)).
 */
function checkedGeometry(pooling: Pooling, input: Tensor, kernelSize: unknown, options: FractionalMaxPoolOptions<unknown>) {
  const { operation, names } = pooling;
  const dims = names.length;
  checkOptions(operation, options, ['outputSize', 'outputRatio', 'returnIndices', 'randomSamples']);
  const shape = `[${input.shape.join(', ')}]`;
  if (input.ndim !== dims + 1 && input.ndim !== dims + 2)
    throw new Error(
      `${operation}: expected a ${dims + 1}-D [C, ${spatialLetters(dims)}] or ${dims + 2}-D [N, C, ${spatialLetters(dims)}] input, got ${shape}`,
    );
  if (input.shape.slice(input.ndim - dims - 1).some((extent) => extent === 0))
    throw new Error(`${operation}: expected non-zero sizes except for the batch dim, got ${shape}`);
  if (input.dtype !== 'float32' && input.dtype !== 'float64')
    throw new Error(`${operation}: expected a float32 or float64 input, got ${input.dtype}`);
  const kernel = perDim(operation, 'kernelSize', kernelSize, dims, (entry) => Number.isInteger(entry) && entry >= 1, 'an integer ≥ 1');
  const { outputSize, outputRatio } = options;
  if ((outputSize == null) === (outputRatio == null))
    throw new Error(`${operation}: give exactly one of outputSize and outputRatio, got ${outputSize == null ? 'neither' : 'both'}`);
  const spatial = input.shape.slice(-dims);
  const outputs =
    outputSize != null
      ? perDim(operation, 'outputSize', outputSize, dims, (entry) => Number.isInteger(entry) && entry >= 0, 'an integer ≥ 0')
      : perDim(operation, 'outputRatio', outputRatio, dims, (entry) => Number.isFinite(entry) && entry >= 0, 'a finite number ≥ 0').map(
          (ratio, axis) => Math.trunc(spatial[axis]! * ratio),
        );
  outputs.forEach((output, axis) => {
    // every window must fit: the last starts at inputSize − poolSize, the others before it
    const reach = output + kernel[axis]! - 1;
    if (pooling.strict ? reach >= spatial[axis]! : reach > spatial[axis]!)
      throw new Error(
        `${operation}: pool ${names[axis]} ${kernel[axis]} too large relative to input ${names[axis]} ${spatial[axis]} (output ${names[axis]} ${output}; input ${shape})`,
      );
  });
  return { kernel, outputs };
}

/** H, W or T, H, W, for the messages. */
function spatialLetters(dims: number): string {
  return dims === 2 ? 'H, W' : 'T, H, W';
}

/** The given samples after torch's implied checks (shape, dtype) and a range check where they are readable (the CPU), or fresh ones. */
function samplesFor(pooling: Pooling, batched: Tensor, given: Tensor | null | undefined): Tensor {
  const { operation, names } = pooling;
  const expected = [batched.shape[0]!, batched.shape[1]!, names.length];
  if (given == null) return rand(expected, { dtype: batched.dtype as 'float32' | 'float64', device: batched.device });
  if (!isTensor(given)) throw new Error(`${operation}: randomSamples must be a tensor, got ${describeValue(given)}`);
  if (given.ndim !== 3 || given.shape.some((extent, axis) => extent !== expected[axis]))
    throw new Error(
      `${operation}: randomSamples must have shape [${expected.join(', ')}] ([N, C, ${names.length}] of the batched input), got [${given.shape.join(', ')}]`,
    );
  if (given.dtype !== batched.dtype)
    throw new Error(`${operation}: randomSamples must have the input's dtype ${batched.dtype}, got ${given.dtype}`);
  if (given.device === 'cpu') {
    const outside = given.dataSync().find((sample) => !(sample >= 0 && sample < 1));
    if (outside !== undefined) throw new Error(`${operation}: randomSamples must lie in [0, 1), got ${outside}`);
  }
  return given;
}

function fractionalMaxPool(
  pooling: Pooling,
  input: Tensor,
  kernelSize: unknown,
  given: FractionalMaxPoolOptions<unknown> | undefined,
): Tensor | ValuesAndIndices {
  // no options at all reads as neither outputSize nor outputRatio, torch's first error
  const options = given ?? {};
  const { kernel, outputs } = checkedGeometry(pooling, input, kernelSize, options);
  const dims = kernel.length;
  return composite(() => {
    const batched = input.ndim === dims + 2 ? input : input.unsqueeze(0);
    const samples = samplesFor(pooling, batched, options.randomSamples);
    const spatial = batched.shape.slice(2);
    const starts = noGrad(() =>
      pooling.sampleColumns.map((column, axis) =>
        windowStarts(samples.narrow(2, column, 1), spatial[axis]!, outputs[axis]!, kernel[axis]!),
      ),
    );
    const pooled = windowMaxima(batched, starts, kernel);
    const [values, indices] = batched === input ? pooled : [pooled.values.squeeze(0), pooled.indices.squeeze(0)];
    return options.returnIndices ? valuesAndIndices(values, indices) : values;
  });
}

/**
 * Fractional max pooling over [N, C, H, W] or [C, H, W] (torch.nn.functional.fractional_max_pool2d,
 * Graham 2014): windows of kernelSize cells at pseudo-random starts, ⌊(i + u)·α⌋ − ⌊u·α⌋ with
 * α = (n − k)/(n' − 1) and one sample u per plane and dim, the last window at the input's end, so the
 * output has exactly `outputSize` (or ⌊n · outputRatio⌋) cells per dim. With `returnIndices`, also the
 * flat positions h·W + w of the maxima, as torch's. The gradient goes to each chosen maximum.
 * @example
 * F.fractionalMaxPool2d(randn([2, 3, 32, 32]), 2, { outputRatio: 0.7 }).shape; // [2, 3, 22, 22]
 */
export function fractionalMaxPool2d(
  input: Tensor,
  kernelSize: number | readonly [number, number],
  options: FractionalMaxPool2dOptions & { returnIndices?: false },
): Tensor;
export function fractionalMaxPool2d(
  input: Tensor,
  kernelSize: number | readonly [number, number],
  options: FractionalMaxPool2dOptions & { returnIndices: true },
): ValuesAndIndices;
export function fractionalMaxPool2d(
  input: Tensor,
  kernelSize: number | readonly [number, number],
  options: FractionalMaxPool2dOptions,
  ...extra: unknown[]
): Tensor | ValuesAndIndices {
  if (extra.length > 0) refuseExtraArguments('fractionalMaxPool2d', ['input', 'kernelSize', 'options'], extra);
  return fractionalMaxPool(planePooling, input, kernelSize, options);
}

/**
 * Fractional max pooling over [N, C, T, H, W] or [C, T, H, W] (torch.nn.functional.fractional_max_pool3d):
 * as fractionalMaxPool2d per dim, with the flat positions t·H·W + h·W + w as indices. As torch's, every
 * dim needs outputSize + kernelSize − 1 < inputSize (strictly).
 * @example
 * F.fractionalMaxPool3d(randn([1, 2, 9, 9, 9]), 2, { outputSize: [4, 5, 6] }).shape; // [1, 2, 4, 5, 6]
 */
export function fractionalMaxPool3d(
  input: Tensor,
  kernelSize: number | readonly [number, number, number],
  options: FractionalMaxPool3dOptions & { returnIndices?: false },
): Tensor;
export function fractionalMaxPool3d(
  input: Tensor,
  kernelSize: number | readonly [number, number, number],
  options: FractionalMaxPool3dOptions & { returnIndices: true },
): ValuesAndIndices;
export function fractionalMaxPool3d(
  input: Tensor,
  kernelSize: number | readonly [number, number, number],
  options: FractionalMaxPool3dOptions,
  ...extra: unknown[]
): Tensor | ValuesAndIndices {
  if (extra.length > 0) refuseExtraArguments('fractionalMaxPool3d', ['input', 'kernelSize', 'options'], extra);
  return fractionalMaxPool(volumePooling, input, kernelSize, options);
}

/**
 * fractionalMaxPool2d's maxima and their flat h·W + w positions (torch.nn.functional.fractional_max_pool2d_with_indices).
 * @example
 * const { values, indices } = F.fractionalMaxPool2dWithIndices(x, 2, { outputSize: 5 });
 */
export function fractionalMaxPool2dWithIndices(
  input: Tensor,
  kernelSize: number | readonly [number, number],
  options: Omit<FractionalMaxPool2dOptions, 'returnIndices'>,
  ...extra: never[]
): ValuesAndIndices {
  if (extra.length > 0) refuseExtraArguments('fractionalMaxPool2dWithIndices', ['input', 'kernelSize', 'options'], extra);
  checkOptions('fractionalMaxPool2dWithIndices', options, ['outputSize', 'outputRatio', 'randomSamples']);
  return fractionalMaxPool(planePooling, input, kernelSize, { ...options, returnIndices: true }) as ValuesAndIndices;
}

/**
 * fractionalMaxPool3d's maxima and their flat t·H·W + h·W + w positions (torch.nn.functional.fractional_max_pool3d_with_indices).
 * @example
 * const { values, indices } = F.fractionalMaxPool3dWithIndices(x, 2, { outputRatio: 0.5 });
 */
export function fractionalMaxPool3dWithIndices(
  input: Tensor,
  kernelSize: number | readonly [number, number, number],
  options: Omit<FractionalMaxPool3dOptions, 'returnIndices'>,
  ...extra: never[]
): ValuesAndIndices {
  if (extra.length > 0) refuseExtraArguments('fractionalMaxPool3dWithIndices', ['input', 'kernelSize', 'options'], extra);
  checkOptions('fractionalMaxPool3dWithIndices', options, ['outputSize', 'outputRatio', 'randomSamples']);
  return fractionalMaxPool(volumePooling, input, kernelSize, { ...options, returnIndices: true }) as ValuesAndIndices;
}
