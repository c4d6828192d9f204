import { full, where, type Tensor } from '@dl/tensor';

// gridSample's coordinate maths, as torch's GridSampler.h: grid values in [−1, 1] → pixel positions,
// then the padding mode's clipping or reflection. Every step is a differentiable tensor op, so the
// gradient with respect to the grid is the chain of these steps' derivatives, as torch's
// *_set_grad helpers compute it.

/**
 * How gridSample reads positions outside the input: as 0, as the nearest edge pixel, or mirrored at the edges.
 * @example
 * F.gridSample(images, grid, { paddingMode: 'border' });
 */
export type GridSamplePaddingMode = 'zeros' | 'border' | 'reflection';

/**
 * A grid coordinate → a pixel position along an axis of `size` pixels (grid_sampler_unnormalize):
 * with `alignCorners`, −1 and 1 are the centres of the corner pixels, ((x + 1)/2)·(size − 1);
 * otherwise their outer edges, ((x + 1)·size − 1)/2.
 * @example
 * unnormalize(tensor([-1, 0, 1]), 4, false); // [-0.5, 1.5, 3.5]
 */
export function unnormalize(coordinate: Tensor, size: number, alignCorners: boolean): Tensor {
  return alignCorners
    ? coordinate
        .add(1)
        .div(2)
        .mul(size - 1)
    : coordinate.add(1).mul(size).sub(1).div(2);
}

/**
 * The padding mode applied to positions along an axis of `size` pixels (torch's compute_coordinates).
 * @example
 * padPositions(tensor([-1.2, 4.7]), 4, 'reflection', false); // [0.2, 2.3]
 */
export function padPositions(position: Tensor, size: number, paddingMode: GridSamplePaddingMode, alignCorners: boolean): Tensor {
  if (paddingMode === 'zeros') return position;
  if (paddingMode === 'border') return clip(position, size);
  return clip(reflect(position, size, alignCorners), size);
}

/**
 * Clips into [0, size − 1]. The derivative is 1 strictly inside and 0 on the limits and beyond
 * (clip_coordinates_set_grad counts the limits as outside), hence `where` rather than clamp.
 */
function clip(position: Tensor, size: number): Tensor {
  return where(position.le(0), 0, where(position.ge(size - 1), size - 1, position));
}

/**
 * Mirrors at the edges of [0, size − 1] (aligned: the corner pixels' centres) or [−½, size − ½] (their
 * outer edges): with d = |x − low| and period 2·span, e = d mod 2·span, the position is
 * low + min(e, 2·span − e); its derivative is ±1 by the number of mirrorings. With one aligned
 * pixel there is nothing to mirror over: torch returns 0 with a zero gradient.
 */
function reflect(position: Tensor, size: number, alignCorners: boolean): Tensor {
  const low = alignCorners ? 0 : -0.5;
  const period = 2 * (alignCorners ? size - 1 : size);
  if (period === 0) return zeroWithGradient(position);
  const distance = position.sub(low).abs();
  // the multiple of the period is a constant (floor has a zero derivative): e has derivative 1
  const extra = distance.sub(distance.div(period).floor().mul(period));
  const mirrored = extra.neg().add(period);
  return where(extra.gt(mirrored), mirrored, extra).add(low);
}

/**
 * Zeros shaped as `position` whose gradient with respect to it is 0 rather than absent: torch's
 * backward kernels return a zero gradient for the grid where a value does not depend on it (the
 * nearest mode, one aligned pixel to reflect over), and `grid.grad` must then be zeros, not null.
 * @example
 * output.add(zeroWithGradient(position)); // the same values, a zero gradient for `position`
 */
export function zeroWithGradient(position: Tensor): Tensor {
  return where(full([], 1, { dtype: 'bool', device: position.device }), 0, position);
}
