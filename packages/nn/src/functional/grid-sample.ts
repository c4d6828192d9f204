import { readArguments, composite, describeValue, type Tensor, checkTensorArguments } from '@dl/tensor';
import { padPositions, unnormalize, zeroWithGradient, type GridSamplePaddingMode } from './grid-sample-coordinates.js';
import { sampleBicubic, sampleLinear, sampleNearest } from './grid-sample-kernels.js';

export type { GridSamplePaddingMode } from './grid-sample-coordinates.js';

/**
 * How gridSample interpolates: 'bilinear' (trilinear on 5-d input), 'nearest', or 'bicubic' (4-d input only).
 * @example
 * const mode: GridSampleMode = 'bicubic';
 */
export type GridSampleMode = 'bilinear' | 'nearest' | 'bicubic';

/**
 * torch.nn.functional.grid_sample's keywords, in camelCase.
 * @example
 * const options: GridSampleOptions = { mode: 'nearest', paddingMode: 'reflection', alignCorners: true };
 */
export interface GridSampleOptions {
  /** Default 'bilinear'. */
  mode?: GridSampleMode;
  /** How positions outside the input read: 'zeros' (0), 'border' (the edge pixel) or 'reflection' (mirrored at the edges). Default 'zeros'. */
  paddingMode?: GridSamplePaddingMode;
  /** Whether −1 and 1 are the centres of the corner pixels (true) or their outer edges (false). Default false (torch 1.13's default, which it warns about when unspecified). */
  alignCorners?: boolean;
}

const modes: readonly string[] = ['bilinear', 'nearest', 'bicubic'];
const paddingModes: readonly string[] = ['zeros', 'border', 'reflection'];

/**
 * Samples `input` at the positions in `grid` (torch.nn.functional.grid_sample, the sampler of a
 * spatial transformer network). 4-d input [N, C, H, W] with grid [N, Hout, Wout, 2] gives
 * [N, C, Hout, Wout]; 5-d input [N, C, D, H, W] with grid [N, Dout, Hout, Wout, 3] gives
 * [N, C, Dout, Hout, Wout]. Each grid entry is (x, y[, z]) in [−1, 1] across the input's width,
 * height (and depth); a value x becomes the pixel position ((x + 1)/2)·(W − 1) with `alignCorners`,
 * ((x + 1)·W − 1)/2 without. Positions outside the input read by `paddingMode`. Gradients flow to
 * the input and (except in the nearest mode, where it is 0) to the grid, as torch's.
 * @example
 * const grid = F.affineGrid(theta, [N, C, 32, 32], { alignCorners: false });
 * const warped = F.gridSample(images, grid, { mode: 'bilinear', paddingMode: 'border', alignCorners: false });
 */
export function gridSample(input: Tensor, grid: Tensor, options?: GridSampleOptions): Tensor;
/** torch's positional order: `F.gridSample(x, grid, 'bilinear', 'border', false)`. */
export function gridSample(
  input: Tensor,
  grid: Tensor,
  mode?: GridSampleMode,
  paddingMode?: GridSamplePaddingMode,
  alignCorners?: boolean,
): Tensor;
export function gridSample(input: Tensor, grid: Tensor, ...rest: unknown[]): Tensor {
  checkTensorArguments('gridSample', { input, grid });
  const names = ['mode', 'paddingMode', 'alignCorners'];
  const options = readArguments<GridSampleOptions>('gridSample', rest, names, names);
  const mode = options.mode ?? 'bilinear';
  const paddingMode = options.paddingMode ?? 'zeros';
  const alignCorners = options.alignCorners ?? false;
  checkArguments(input, grid, mode, paddingMode, alignCorners);
  const [batch, channels] = [input.shape[0]!, input.shape[1]!];
  const sizes = input.shape.slice(2);
  const outputSizes = grid.shape.slice(1, -1);
  const axes = sizes.length;
  const points = outputSizes.reduce((product, size) => product * size, 1);
  return composite(() => {
    const flatGrid = grid.reshape([batch, points, axes]);
    // the grid's last dim is (x, y[, z]): the last spatial axis first
    const positions = sizes.map((size, axis) => unnormalize(flatGrid.select(2, axes - 1 - axis), size, alignCorners));
    const flatInput = input.reshape([batch, channels, -1]);
    const pad = (position: Tensor, axis: number) => padPositions(position, sizes[axis]!, paddingMode, alignCorners);
    let result: Tensor;
    // bicubic pads each tap's integer position; the others pad the sampling position itself
    if (mode === 'bicubic') result = sampleBicubic(flatInput, positions, sizes, pad);
    else if (mode === 'bilinear') result = sampleLinear(flatInput, positions.map(pad), sizes);
    else {
      result = sampleNearest(flatInput, positions.map(pad), sizes);
      // torch's nearest backward gives the grid a zero gradient, not none
      if (grid.requiresGrad) result = result.add(zeroWithGradient(positions[0]!).unsqueeze(1));
    }
    return result.reshape([batch, channels, ...outputSizes]);
  });
}

/** torch's checks (grid_sampler's check_grid_sampler_common and friends), naming the shapes. */
function checkArguments(input: Tensor, grid: Tensor, mode: string, paddingMode: string, alignCorners: unknown): void {
  if (!modes.includes(mode)) throw new Error(`gridSample: mode must be 'bilinear', 'nearest' or 'bicubic', got ${describeValue(mode)}`);
  if (!paddingModes.includes(paddingMode))
    throw new Error(`gridSample: paddingMode must be 'zeros', 'border' or 'reflection', got ${describeValue(paddingMode)}`);
  if (typeof alignCorners !== 'boolean') throw new Error(`gridSample: alignCorners must be a boolean, got ${describeValue(alignCorners)}`);
  const shapes = `input [${input.shape.join(', ')}] and grid [${grid.shape.join(', ')}]`;
  if (input.ndim !== 4 && input.ndim !== 5)
    throw new Error(`gridSample: input must be 4-d [N, C, H, W] or 5-d [N, C, D, H, W], got [${input.shape.join(', ')}]`);
  if (mode === 'bicubic' && input.ndim === 5)
    throw new Error(`gridSample: mode 'bicubic' takes 4-d input only (torch has no tricubic mode), got [${input.shape.join(', ')}]`);
  const axes = input.ndim - 2;
  if (grid.ndim !== input.ndim || grid.shape[grid.ndim - 1] !== axes)
    throw new Error(
      `gridSample: ${axes === 2 ? 'a 4-d input takes a grid [N, Hout, Wout, 2]' : 'a 5-d input takes a grid [N, Dout, Hout, Wout, 3]'}, got ${shapes}`,
    );
  if (grid.shape[0] !== input.shape[0]) throw new Error(`gridSample: input and grid must have the same batch size, got ${shapes}`);
  if (input.shape.slice(2).some((size) => size === 0))
    throw new Error(`gridSample: input must have non-empty spatial dims, got [${input.shape.join(', ')}]`);
  if (input.dtype !== 'float32' && input.dtype !== 'float64' && input.dtype !== 'float16')
    throw new Error(`gridSample: input must be a floating-point tensor, got ${input.dtype}`);
  if (grid.dtype !== input.dtype)
    throw new Error(`gridSample: input and grid must have the same dtype, got ${input.dtype} and ${grid.dtype}`);
  if (grid.device !== input.device)
    throw new Error(`gridSample: input and grid must be on the same device, got '${input.device}' and '${grid.device}'`);
}
