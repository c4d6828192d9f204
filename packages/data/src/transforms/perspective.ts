import { checkOptions, describeValue, linalg, refuseExtraArguments, tensor, type Tensor, checkTensorArguments } from '@dl/tensor';
import { checkInterpolation, gridPrecision, sampleGrid, type Fill, type Interpolation } from './grid-sample.js';
import { imageSize } from './transform.js';

/** Four corner points [x, y]: top-left, top-right, bottom-right, bottom-left. */
export type Corners = readonly (readonly [number, number])[];

/** Options of `perspective`. */
export interface PerspectiveOptions {
  /** Default 'bilinear'. */
  interpolation?: Interpolation;
  /** Value of pixels from outside the image; default none (they read 0, without torchvision's fill mask). */
  fill?: Fill;
}

function checkCorners(name: string, corners: unknown): Corners {
  if (
    !Array.isArray(corners) ||
    corners.length !== 4 ||
    !corners.every((point) => Array.isArray(point) && point.length === 2 && point.every(Number.isFinite))
  )
    throw new Error(`perspective: ${name} must be 4 points [x, y], got ${describeValue(corners)}`);
  return corners as Corners;
}

/**
 * The 8 coefficients [a, b, c, d, e, f, g, h] of the homography that maps each end point (x, y) to
 * its start point: x_s = (a·x + b·y + c) / (g·x + h·y + 1), y_s = (d·x + e·y + f) / (g·x + h·y + 1)
 * (torchvision's `_get_perspective_coeffs`). Each pair of points gives two linear equations
 * a·x + b·y + c − g·x·x_s − h·y·x_s = x_s (and alike for y_s); the 8 × 8 system is solved in float64
 * (torchvision solves it by least squares in float32).
 */
export function perspectiveCoefficients(startpoints: Corners, endpoints: Corners, ...extra: never[]): number[] {
  if (extra.length > 0) refuseExtraArguments('perspectiveCoefficients', ['startpoints', 'endpoints'], extra);
  checkCorners('startpoints', startpoints);
  checkCorners('endpoints', endpoints);
  const rows: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = endpoints[i]!;
    const [startX, startY] = startpoints[i]!;
    rows.push([x, y, 1, 0, 0, 0, -startX * x, -startX * y], [0, 0, 0, x, y, 1, -startY * x, -startY * y]);
  }
  const system = tensor(rows, { dtype: 'float64' });
  const targets = tensor(startpoints.flat(), { dtype: 'float64' });
  let solution: Tensor;
  try {
    solution = linalg.solve(system, targets);
  } catch (error) {
    for (const made of [system, targets]) made.dispose();
    // a singular system: no homography maps these corners (torchvision's least squares returns a degenerate warp)
    throw new Error(
      `perspective: no perspective transform maps ${JSON.stringify(endpoints)} to ${JSON.stringify(startpoints)}: three of the points lie on one line, or two coincide`,
      { cause: error },
    );
  }
  const coefficients = Array.from(solution.dataSync());
  for (const made of [system, targets, solution]) made.dispose();
  return coefficients;
}

/**
 * Warps every plane of [..., H, W] so that the `startpoints` corners move to `endpoints` (torchvision's
 * `functional.perspective` on tensors): output pixel (x, y) reads the source at the homography of
 * (x + 0.5, y + 0.5), minus 0.5 (torchvision's `_perspective_grid`).
 * @example
 * perspective(image, [[0, 0], [7, 0], [7, 7], [0, 7]], [[1, 1], [6, 0], [7, 7], [0, 6]]);
 */
export function perspective(
  image: Tensor,
  startpoints: Corners,
  endpoints: Corners,
  options: PerspectiveOptions = {},
  ...extra: never[]
): Tensor {
  if (extra.length > 0) refuseExtraArguments('perspective', ['image', 'startpoints', 'endpoints', 'options'], extra);
  checkTensorArguments('perspective', { image });
  checkOptions('perspective', options, ['interpolation', 'fill']);
  const interpolation = checkInterpolation('perspective', options.interpolation ?? 'bilinear');
  const round = gridPrecision(image);
  const [a, b, c, d, e, f, g, h] = perspectiveCoefficients(startpoints, endpoints).map(round) as number[] & { length: 8 };
  const [height, width] = imageSize('perspective', image);
  // theta1 divided by [W/2, H/2] (rescaled_theta1); theta2 = [g, h, 1] gives the denominator
  const halfWidth = round(0.5 * width);
  const halfHeight = round(0.5 * height);
  const [ax, bx, cx] = [a!, b!, c!].map((value) => round(value / halfWidth)) as [number, number, number];
  const [ay, by, cy] = [d!, e!, f!].map((value) => round(value / halfHeight)) as [number, number, number];
  const gridX = new Float64Array(height * width);
  const gridY = new Float64Array(height * width);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const baseX = x + 0.5;
      const baseY = y + 0.5;
      const denominator = round(round(round(baseX * g!) + round(baseY * h!)) + 1);
      const numeratorX = round(round(round(baseX * ax) + round(baseY * bx)) + cx);
      const numeratorY = round(round(round(baseX * ay) + round(baseY * by)) + cy);
      gridX[y * width + x] = round(round(numeratorX / denominator) - 1);
      gridY[y * width + x] = round(round(numeratorY / denominator) - 1);
    }
  return sampleGrid('perspective', image, gridX, gridY, interpolation, options.fill);
}
