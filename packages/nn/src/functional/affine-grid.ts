import { readArguments, composite, type CreationOptions, describeValue, full, linspace, stack, type Tensor } from '@dl/tensor';

/**
 * torch.nn.functional.affine_grid's keywords, in camelCase.
 * @example
 * const options: AffineGridOptions = { alignCorners: true };
 */
export interface AffineGridOptions {
  /** Whether −1 and 1 are the centres of the corner pixels (true) or their outer edges (false), as gridSample takes it. Default false (torch 1.13's default, which it warns about when unspecified). */
  alignCorners?: boolean;
}

/**
 * The sampling grid of a batch of affine maps (torch.nn.functional.affine_grid), for gridSample: with
 * theta [N, 2, 3] and size [N, C, H, W], grid[n, i, j] = θₙ · (xⱼ, yᵢ, 1) of shape [N, H, W, 2];
 * with theta [N, 3, 4] and size [N, C, D, H, W], θₙ · (xₖ, yⱼ, zᵢ, 1) of shape [N, D, H, W, 3]. The
 * base coordinates run evenly from −1 to 1 over each spatial dim (a dim of 1 is 0); without
 * `alignCorners` they are scaled by (size − 1)/size, so they fall on pixel centres. Differentiable
 * with respect to theta.
 * @example
 * const theta = tensor([[[1, 0, 0.25], [0, 1, 0]]]); // shift right by an eighth of the width
 * const grid = F.affineGrid(theta, [1, 3, 32, 32], { alignCorners: false }); // [1, 32, 32, 2]
 * const shifted = F.gridSample(images, grid, { alignCorners: false });
 */
export function affineGrid(theta: Tensor, size: readonly number[], options?: AffineGridOptions): Tensor;
/** torch's positional order: `F.affineGrid(theta, size, false)`. */
export function affineGrid(theta: Tensor, size: readonly number[], alignCorners?: boolean): Tensor;
export function affineGrid(theta: Tensor, size: readonly number[], ...rest: unknown[]): Tensor {
  const { alignCorners = false } = readArguments<AffineGridOptions>('affineGrid', rest, ['alignCorners'], ['alignCorners']);
  if (typeof alignCorners !== 'boolean') throw new Error(`affineGrid: alignCorners must be a boolean, got ${describeValue(alignCorners)}`);
  checkArguments(theta, size);
  const spatial = size.slice(2);
  const axes = spatial.length;
  return composite(() => {
    const creation = { dtype: theta.dtype, device: theta.device } as const;
    // column k of the base grid is the coordinate along spatial dim axes − 1 − k (x the last), then 1s
    const columns = spatial.map((_, column) => {
      const axis = axes - 1 - column;
      const ramp = baseCoordinates(spatial[axis]!, alignCorners, creation);
      return ramp.reshape(spatial.map((_, dim) => (dim === axis ? ramp.shape[0]! : 1))).expand(spatial);
    });
    const base = stack([...columns, full(spatial, 1, creation)], -1).reshape([1, -1, axes + 1]);
    // [1, P, axes + 1] · θᵀ [N, axes + 1, axes] → [N, P, axes]
    return base.matmul(theta.transpose(1, 2)).reshape([size[0]!, ...spatial, axes]);
  });
}

/**
 * torch's linspace_from_neg_one: `steps` points from −1 to 1, times (steps − 1)/steps without
 * alignCorners; [0] for one step.
 */
function baseCoordinates(steps: number, alignCorners: boolean, creation: CreationOptions): Tensor {
  if (steps === 1) return full([1], 0, creation);
  const ramp = linspace(-1, 1, steps, creation);
  return alignCorners ? ramp : ramp.mul(steps - 1).div(steps);
}

/** torch's checks: a floating theta of [N, 2, 3] for a 4-d size or [N, 3, 4] for a 5-d one, sizes positive. */
function checkArguments(theta: Tensor, size: readonly number[]): void {
  if (theta.dtype !== 'float32' && theta.dtype !== 'float64' && theta.dtype !== 'float16')
    throw new Error(`affineGrid: theta must be a floating-point tensor, got ${theta.dtype}`);
  if (!Array.isArray(size) || (size.length !== 4 && size.length !== 5))
    throw new Error(
      `affineGrid: size must be 4-d [N, C, H, W] or 5-d [N, C, D, H, W] (2-d and 3-d affine maps), got ${describeValue(size)}`,
    );
  if (!size.every((extent) => Number.isInteger(extent) && extent > 0))
    throw new Error(`affineGrid: size must be positive integers, got [${size.join(', ')}]`);
  const [rows, columns] = size.length === 4 ? [2, 3] : [3, 4];
  if (theta.ndim !== 3 || theta.shape[1] !== rows || theta.shape[2] !== columns)
    throw new Error(
      `affineGrid: a ${size.length}-d size [${size.join(', ')}] takes theta [N, ${rows}, ${columns}] (a batch of ${size.length - 2}-d affine maps), got [${theta.shape.join(', ')}]`,
    );
  if (theta.shape[0] !== size[0])
    throw new Error(
      `affineGrid: theta [${theta.shape.join(', ')}] has a batch of ${theta.shape[0]}, size [${size.join(', ')}] one of ${size[0]}`,
    );
}
