import { checkNumber, checkOptions, checkTensorArguments, describeValue, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { checkInterpolation, gridPrecision, sampleGrid, type Fill, type Interpolation } from './grid-sample.js';
import { imageSize } from './transform.js';

/** Options of `affine`. */
export interface AffineOptions {
  /** Default 'nearest'. */
  interpolation?: Interpolation;
  /** Value of pixels from outside the image; default none (they read 0, without torchvision's fill mask). */
  fill?: Fill;
  /** Centre [x, y] of the rotation in pixels; default the image centre. */
  center?: readonly [number, number];
}

/**
 * The inverse of the affine map T·C·R·S·Sh·C⁻¹ as a row-major 2 × 3 matrix [a, b, c, d, e, f]
 * (torchvision's `_get_inverse_affine_matrix`): output point (x, y) reads the input at
 * (a·x + b·y + c, d·x + e·y + f). R rotates by `angle` degrees, Sh shears by [x, y] degrees, S scales,
 * C moves to `center`, T translates; with θ = angle, sx, sy the shear angles,
 *   R·Sh = [[cos(θ − sy)/cos sy, −cos(θ − sy)·tan sx/cos sy − sin θ], [sin(θ − sy)/cos sy, −sin(θ − sy)·tan sx/cos sy + cos θ]]
 * has determinant 1, so its inverse is its adjugate; dividing by `scale` inverts S.
 * Coordinates are relative to the image centre, y pointing down.
 */
/** A point, an offset or a shear of torchvision's affine: two numbers. */
function checkPairOfNumbers(operation: string, name: string, value: unknown): void {
  if (!Array.isArray(value) || value.length !== 2 || !value.every((entry) => typeof entry === 'number'))
    throw new Error(`${operation}: ${name} must be a list of 2 numbers, got ${describeValue(value)}`);
}

export function inverseAffineMatrix(
  center: readonly [number, number],
  angle: number,
  translate: readonly [number, number],
  scale: number,
  shear: readonly [number, number],
  ...extra: never[]
): number[] {
  if (extra.length > 0) refuseExtraArguments('inverseAffineMatrix', ['center', 'angle', 'translate', 'scale', 'shear'], extra);
  checkPairOfNumbers('inverseAffineMatrix', 'center', center);
  checkPairOfNumbers('inverseAffineMatrix', 'translate', translate);
  checkPairOfNumbers('inverseAffineMatrix', 'shear', shear);
  checkNumber('inverseAffineMatrix', 'angle', angle);
  checkNumber('inverseAffineMatrix', 'scale', scale);
  const rotation = (angle * Math.PI) / 180;
  const shearX = (shear[0] * Math.PI) / 180;
  const shearY = (shear[1] * Math.PI) / 180;
  const [centerX, centerY] = center;
  const [translateX, translateY] = translate;
  const a = Math.cos(rotation - shearY) / Math.cos(shearY);
  const b = (-Math.cos(rotation - shearY) * Math.tan(shearX)) / Math.cos(shearY) - Math.sin(rotation);
  const c = Math.sin(rotation - shearY) / Math.cos(shearY);
  const d = (-Math.sin(rotation - shearY) * Math.tan(shearX)) / Math.cos(shearY) + Math.cos(rotation);
  const matrix = [d, -b, 0, -c, a, 0].map((value) => value / scale);
  // RSS⁻¹ · C⁻¹ · T⁻¹, then C · RSS⁻¹ · C⁻¹ · T⁻¹
  matrix[2] = matrix[2]! + matrix[0]! * (-centerX - translateX) + matrix[1]! * (-centerY - translateY) + centerX;
  matrix[5] = matrix[5]! + matrix[3]! * (-centerX - translateX) + matrix[4]! * (-centerY - translateY) + centerY;
  return matrix;
}

/**
 * Normalized source coordinates of every output pixel for an inverse matrix (torchvision's
 * `_gen_affine_grid`): the output pixel (x, y) of an outHeight × outWidth output (default the image's
 * size) has centred coordinates (x − (outWidth − 1)/2, y − (outHeight − 1)/2), which the matrix maps to
 * the source, divided by W/2 and H/2 of the image.
 */
export function affineGrid(image: Tensor, matrix: readonly number[], outputSize?: readonly [number, number]): [Float64Array, Float64Array] {
  const [height, width] = imageSize('affine', image);
  const [outHeight, outWidth] = outputSize ?? [height, width];
  const round = gridPrecision(image);
  // theta in the image dtype, divided by [W/2, H/2] (rescaled_theta)
  const row = (offset: number, half: number) => [0, 1, 2].map((k) => round(round(matrix[offset + k]!) / round(half)));
  const [ax, bx, cx] = row(0, width / 2) as [number, number, number];
  const [ay, by, cy] = row(3, height / 2) as [number, number, number];
  const gridX = new Float64Array(outHeight * outWidth);
  const gridY = new Float64Array(outHeight * outWidth);
  for (let y = 0; y < outHeight; y++)
    for (let x = 0; x < outWidth; x++) {
      const baseX = x - (outWidth - 1) / 2;
      const baseY = y - (outHeight - 1) / 2;
      gridX[y * outWidth + x] = round(round(round(baseX * ax) + round(baseY * bx)) + cx);
      gridY[y * outWidth + x] = round(round(round(baseX * ay) + round(baseY * by)) + cy);
    }
  return [gridX, gridY];
}

/**
 * Rotates by `angle` degrees clockwise, translates by [tx, ty] pixels, scales and shears (by
 * [x, y] degrees, a number for x alone, or [s] for both, as torchvision) every plane of [..., H, W] about the centre, keeping the size
 * (torchvision's `functional.affine` on tensors). Note torchvision's `rotate(angle)` turns the other
 * way: it is `affine(−angle)`.
 * @example
 * affine(image, 30, [2, 0], 1.2, [10, 0], { interpolation: 'bilinear', fill: 0 });
 */
export function affine(
  image: Tensor,
  angle: number,
  translate: readonly [number, number],
  scale: number,
  shear: number | readonly [number] | readonly [number, number],
  options: AffineOptions = {},
  ...extra: never[]
): Tensor {
  if (extra.length > 0) refuseExtraArguments('affine', ['image', 'angle', 'translate', 'scale', 'shear', 'options'], extra);
  checkOptions('affine', options, ['interpolation', 'fill', 'center']);
  checkTensorArguments('affine', { image });
  checkPairOfNumbers('affine', 'translate', translate);
  if (typeof shear !== 'number' && !Array.isArray(shear))
    throw new Error(`affine: shear must be one number or a list of 1 or 2 numbers, got ${describeValue(shear)}`);
  // torchvision: a number shears x only; a list of one number shears both axes by it
  const shearPair: [number, number] =
    typeof shear === 'number' ? [shear, 0] : Array.isArray(shear) && shear.length === 1 ? [shear[0]!, shear[0]!] : [shear[0]!, shear[1]!];
  if (Array.isArray(shear) && shear.length !== 1 && shear.length !== 2)
    throw new Error(`affine: shear must be one number or a list of 1 or 2 numbers, got ${describeValue(shear)}`);
  const numbers = [angle, ...translate, scale, ...shearPair];
  if (translate.length !== 2 || !numbers.every(Number.isFinite))
    throw new Error(
      `affine: angle, translate [x, y], scale and shear must be finite numbers, got ${describeValue(angle)}, ${describeValue(translate)}, ${describeValue(scale)}, ${describeValue(shear)}`,
    );
  if (!(scale > 0)) throw new Error(`affine: scale must be positive, got ${scale}`);
  const [height, width] = imageSize('affine', image);
  // the centre as an offset from the image centre (torchvision's center_f)
  const center: [number, number] = options.center ? [options.center[0] - width * 0.5, options.center[1] - height * 0.5] : [0, 0];
  const matrix = inverseAffineMatrix(center, angle, translate, scale, shearPair);
  const [gridX, gridY] = affineGrid(image, matrix);
  const interpolation = checkInterpolation('affine', options.interpolation ?? 'nearest');
  return sampleGrid('affine', image, gridX, gridY, interpolation, options.fill);
}
