import { where, type Tensor } from '@dl/tensor';

// gridSample's interpolation modes, composed of gathers: `input` is flattened to [N, C, L] (L the
// product of the spatial sizes) and each mode reads it at integer pixel positions computed from the
// grid. Positions are [N, P] float tensors per spatial axis (P output points); the gathers'
// gradient scatters back into the input, and the weights carry the gradient to the grid.

/**
 * input[n, c, p₀, p₁, …] for integer-valued positions (one [N, P] tensor per spatial axis), 0 where
 * any position is outside [0, size − 1] (torch's within_bounds check): [N, C, P].
 */
function readPixels(input: Tensor, positions: readonly Tensor[], sizes: readonly number[]): Tensor {
  let inside: Tensor | null = null;
  let linearIndex: Tensor | null = null;
  positions.forEach((position, axis) => {
    // NaN positions are outside too: both comparisons are false
    const within = position.ge(0).logicalAnd(position.le(sizes[axis]! - 1));
    const index = where(within, position, 0).int();
    inside = inside ? inside.logicalAnd(within) : within;
    // row-major: ((p₀·S₁ + p₁)·S₂ + p₂)
    linearIndex = linearIndex ? linearIndex.mul(sizes[axis]!).add(index) : index;
  });
  const [batch, channels, points] = [input.shape[0]!, input.shape[1]!, positions[0]!.shape[1]!];
  const values = input.gather(2, linearIndex!.unsqueeze(1).expand([batch, channels, points]));
  return where(inside!.unsqueeze(1), values, 0);
}

/**
 * Bilinear (trilinear in 3-D) sampling: Σ over the 2ᵈ corners of the cell around each position of
 * Πₐ wₐ · input[corner], with wₐ = x − ⌊x⌋ towards the upper neighbour and (⌊x⌋ + 1) − x towards the
 * lower one. Corners in torch's order (nw, ne, sw, se: the last spatial axis varies fastest).
 * @example
 * sampleLinear(input.reshape([N, C, -1]), [rows, columns], [H, W]); // [N, C, P]
 */
export function sampleLinear(input: Tensor, positions: readonly Tensor[], sizes: readonly number[]): Tensor {
  const lower = positions.map((position) => position.floor());
  const upper = lower.map((floor) => floor.add(1));
  const towardsUpper = positions.map((position, axis) => position.sub(lower[axis]!));
  const towardsLower = positions.map((position, axis) => upper[axis]!.sub(position));
  const axes = positions.length;
  let result: Tensor | null = null;
  for (let corner = 0; corner < 1 << axes; corner++) {
    // bit k of `corner` picks the upper neighbour along axis axes − 1 − k (x first, as torch multiplies)
    const isUpper = (axis: number) => ((corner >> (axes - 1 - axis)) & 1) === 1;
    let weight: Tensor | null = null;
    for (let axis = axes - 1; axis >= 0; axis--) {
      const factor = isUpper(axis) ? towardsUpper[axis]! : towardsLower[axis]!;
      weight = weight ? weight.mul(factor) : factor;
    }
    const corners = lower.map((floor, axis) => (isUpper(axis) ? upper[axis]! : floor));
    const term = readPixels(input, corners, sizes).mul(weight!.unsqueeze(1));
    result = result ? result.add(term) : term;
  }
  return result!;
}

/**
 * Nearest-neighbour sampling: the pixel at each position rounded half to even (torch's nearbyint).
 * @example
 * sampleNearest(input.reshape([N, C, -1]), [rows, columns], [H, W]); // [N, C, P]
 */
export function sampleNearest(input: Tensor, positions: readonly Tensor[], sizes: readonly number[]): Tensor {
  return readPixels(
    input,
    positions.map((position) => position.round()),
    sizes,
  );
}

/** Keys' cubic convolution parameter, torch's. */
const A = -0.75;

/**
 * The weights of the four taps ⌊x⌋ − 1 … ⌊x⌋ + 2 at t = x − ⌊x⌋ (get_cubic_upsample_coefficients):
 *   W(s) = ((A + 2)·s − (A + 3))·s² + 1 for |s| ≤ 1, ((A·s − 5A)·s + 8A)·s − 4A for 1 < |s| < 2,
 * at the distances s = t + 1, t, 1 − t, 2 − t.
 */
function cubicWeights(t: Tensor): Tensor[] {
  const near = (s: Tensor) =>
    s
      .mul(A + 2)
      .sub(A + 3)
      .mul(s)
      .mul(s)
      .add(1);
  const far = (s: Tensor) =>
    s
      .mul(A)
      .sub(5 * A)
      .mul(s)
      .add(8 * A)
      .mul(s)
      .sub(4 * A);
  const rest = t.neg().add(1);
  return [far(t.add(1)), near(t), near(rest), far(rest.add(1))];
}

/**
 * Bicubic sampling in 2-D: the 4 × 4 taps around (y, x), each read through `pad` (the padding mode
 * applied to the tap's integer position, so zeros padding reads 0 outside), combined by Keys' cubic
 * convolution along x within each row, then along y (torch's cubic_interp1d order).
 * @example
 * sampleBicubic(input.reshape([N, C, -1]), [rows, columns], [H, W], (position) => position); // zeros padding
 */
export function sampleBicubic(
  input: Tensor,
  [y, x]: readonly Tensor[],
  sizes: readonly number[],
  pad: (position: Tensor, axis: number) => Tensor,
): Tensor {
  const [yFloor, xFloor] = [y!.floor(), x!.floor()];
  const [yWeights, xWeights] = [cubicWeights(y!.sub(yFloor)), cubicWeights(x!.sub(xFloor))];
  const columns = [0, 1, 2, 3].map((tap) => pad(xFloor.add(tap - 1), 1));
  let result: Tensor | null = null;
  for (let row = 0; row < 4; row++) {
    const rowPosition = pad(yFloor.add(row - 1), 0);
    let interpolated: Tensor | null = null;
    for (let column = 0; column < 4; column++) {
      const term = readPixels(input, [rowPosition, columns[column]!], sizes).mul(xWeights[column]!.unsqueeze(1));
      interpolated = interpolated ? interpolated.add(term) : term;
    }
    const term = interpolated!.mul(yWeights[row]!.unsqueeze(1));
    result = result ? result.add(term) : term;
  }
  return result!;
}
