import { checkBoolean, describeValue, readArguments, type Tensor } from '@dl/tensor';
import { angleRange } from './parameter-ranges.js';
import { resolveGenerator, type Generator } from '../random/generator.js';
import { affineGrid, inverseAffineMatrix } from './affine.js';
import { checkInterpolation, sampleGrid, type Fill, type Interpolation } from './grid-sample.js';
import { imageSize, mapPlanes, roundHalfEven, Transform } from './transform.js';

/**
 * Rotates every plane counter-clockwise by `degrees` about the image centre, keeping the size, with
 * nearest-neighbour sampling (torchvision's `rotate` default): output pixel offset (dx, dy) from the
 * centre reads the input at (dx cos θ − dy sin θ, dx sin θ + dy cos θ) (y pointing down); pixels from
 * outside read `fill`.
 */
function rotateNearest(image: Tensor, degrees: number, fill: number): Tensor {
  const [height, width] = imageSize('rotate', image);
  const angle = (degrees * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const centreX = (width - 1) / 2;
  const centreY = (height - 1) / 2;
  return mapPlanes(image, height, width, (source, target) => {
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const dx = x - centreX;
        const dy = y - centreY;
        // round half to even, as grid_sample's nearest mode (nearbyint)
        const sourceX = roundHalfEven(centreX + dx * cos - dy * sin);
        const sourceY = roundHalfEven(centreY + dx * sin + dy * cos);
        const inside = sourceX >= 0 && sourceX < width && sourceY >= 0 && sourceY < height;
        target[y * width + x] = inside ? source[sourceY * width + sourceX]! : fill;
      }
  });
}

/**
 * The output [h, w] of a rotation with `expand` (torchvision's `_compute_affine_output_size`, in
 * float32 as torchvision): the image's corners, centred, mapped by the inverse matrix; the size of
 * their bounding box, its bounds truncated to 1e-4 before the ceiling and floor.
 */
function expandedSize(matrix: readonly number[], height: number, width: number): [number, number] {
  const f = Math.fround;
  const theta = matrix.map(f);
  const corners = [
    [-0.5 * width, -0.5 * height],
    [-0.5 * width, 0.5 * height],
    [0.5 * width, 0.5 * height],
    [0.5 * width, -0.5 * height],
  ] as const;
  const tolerance = f(1e-4);
  const extent = (row: number, half: number): number => {
    const mapped = corners.map(([x, y]) => f(f(f(x * theta[row]!) + f(y * theta[row + 1]!)) + theta[row + 2]!));
    const high = f(Math.max(...mapped) + half);
    const low = f(Math.min(...mapped) + half);
    return Math.ceil(f(Math.trunc(f(high / tolerance)) * tolerance)) - Math.floor(f(Math.trunc(f(low / tolerance)) * tolerance));
  };
  return [extent(3, f(height * 0.5)), extent(0, f(width * 0.5))];
}

/**
 * torchvision's `F.rotate` on tensors with its other arguments: counter-clockwise by `degrees` about
 * `center` (pixels, default the image centre), sampled by `interpolation` on torchvision's float32 grid,
 * `fill` outside (with the mask torchvision samples); `expand` enlarges the output to hold the whole
 * rotated image.
 */
function rotateOnGrid(
  operation: string,
  image: Tensor,
  degrees: number,
  options: { interpolation: Interpolation; expand: boolean; center?: readonly [number, number]; fill?: Fill },
): Tensor {
  const [height, width] = imageSize(operation, image);
  const center: [number, number] = options.center ? [options.center[0] - width * 0.5, options.center[1] - height * 0.5] : [0, 0];
  const matrix = inverseAffineMatrix(center, -degrees, [0, 0], 1, [0, 0]);
  const outputSize = options.expand ? expandedSize(matrix, height, width) : ([height, width] as [number, number]);
  const [gridX, gridY] = affineGrid(image, matrix, outputSize);
  return sampleGrid(operation, image, gridX, gridY, options.interpolation, options.fill, outputSize);
}

/** Options of `rotate`: torchvision's `F.rotate` arguments after the angle. */
export interface RotateOptions {
  /** 'nearest' or 'bilinear'. Default 'nearest'. */
  interpolation?: Interpolation;
  /** Enlarge the output to hold the whole rotated image. Default false. */
  expand?: boolean;
  /** Centre [x, y] of the rotation in pixels, from the top-left corner. Default the image centre. */
  center?: readonly [number, number] | null;
  /**
   * Value of pixels from outside: one number or one per channel. Default none (torchvision's None:
   * they read 0 and bilinear sampling is not blended with a fill mask).
   */
  fill?: Fill | null;
}

const rotatePositionals = ['interpolation', 'expand', 'center', 'fill'];

/** Checks `center` and `fill` of a rotation. */
function checkCenterAndFill(owner: string, center: unknown, fill: unknown): void {
  if (center !== undefined && center !== null && !(Array.isArray(center) && center.length === 2 && center.every(Number.isFinite)))
    throw new Error(`${owner}: center must be a pair [x, y] of numbers, got ${describeValue(center)}`);
  if (fill !== undefined && fill !== null && typeof fill !== 'number' && !(Array.isArray(fill) && fill.every((v) => typeof v === 'number')))
    throw new Error(`${owner}: fill must be a number or a list of numbers, got ${describeValue(fill)}`);
}

/**
 * Rotates images [..., H, W] counter-clockwise by `degrees` (torchvision's `F.rotate` on tensors).
 * `rotate(image, degrees)` and `rotate(image, degrees, fill)` sample the nearest pixel about the image
 * centre, outside reading `fill` (default 0). torchvision's other arguments come positionally in its
 * order (interpolation, expand, center, fill) or as an options object; the image is then sampled on
 * torchvision's float32 grid, with its fill mask when `fill` is given. An integer image is rounded back
 * to integers, as torchvision.
 * @example
 * rotate(image, 90); // a quarter turn counter-clockwise
 * rotate(image, 30, 'bilinear', true); // torchvision's rotate(img, 30, BILINEAR, expand=True)
 * rotate(image, -20, { interpolation: 'bilinear', center: [1, 2], fill: [0.5, 0.5, 0.5] });
 */
export function rotate(image: Tensor, degrees: number, fill?: number): Tensor;
export function rotate(image: Tensor, degrees: number, options: RotateOptions): Tensor;
export function rotate(
  image: Tensor,
  degrees: number,
  interpolation?: Interpolation,
  expand?: boolean,
  center?: readonly [number, number] | null,
  fill?: Fill | null,
): Tensor;
export function rotate(image: Tensor, degrees: number, ...rest: unknown[]): Tensor {
  if (typeof degrees !== 'number' || !Number.isFinite(degrees))
    throw new Error(`rotate: degrees must be a finite number, got ${describeValue(degrees)}`);
  // the fill as the only extra argument: the nearest rotation about the centre
  if (rest.length <= 1 && (rest[0] === undefined || typeof rest[0] === 'number'))
    return rotateNearest(image, degrees, (rest[0] as number | undefined) ?? 0);
  const options = readArguments<RotateOptions>('rotate', rest, rotatePositionals, rotatePositionals);
  const interpolation = checkInterpolation('rotate', options.interpolation ?? 'nearest');
  const expand = checkBoolean('rotate', 'expand', options.expand ?? false);
  checkCenterAndFill('rotate', options.center, options.fill);
  return rotateOnGrid('rotate', image, degrees, {
    interpolation,
    expand,
    ...(options.center ? { center: options.center } : {}),
    ...(options.fill !== undefined && options.fill !== null ? { fill: options.fill } : {}),
  });
}

/** Options of `RandomRotation`. */
export interface RandomRotationOptions {
  /** 'nearest' or 'bilinear'. Default 'nearest'. */
  interpolation?: Interpolation;
  /** Enlarge the output to hold the whole rotated image (torchvision's `expand`). Default false. */
  expand?: boolean;
  /** Centre [x, y] of the rotation in pixels, from the top-left corner. Default the image centre. */
  center?: readonly [number, number] | null;
  /** Value of pixels from outside the image: one number or one per channel. Default 0. */
  fill?: Fill | null;
  /** Default the global generator. */
  generator?: Generator;
}

const rotationPositionals = ['interpolation', 'expand', 'center', 'fill'];

/**
 * Rotates by an angle uniform in [−degrees, degrees] (or [min, max]) (torchvision's `RandomRotation`):
 * one number must be non-negative and a range must have min ≤ max, as torchvision requires.
 * With its defaults (nearest, no `expand`, the image centre, one fill number) it samples as `rotate`;
 * otherwise as torchvision's `F.rotate` on tensors, on its float32 grid.
 * @example
 * new RandomRotation(15, { generator: new Generator(0) }).forward(image);
 * new RandomRotation(30, 'bilinear'); // torchvision's positional order: degrees, interpolation, expand, center, fill
 */
export class RandomRotation extends Transform {
  readonly range: [number, number];
  /** The options as given (positionally or as an object). */
  readonly options: RandomRotationOptions;
  /** Default 'nearest'. */
  readonly interpolation: Interpolation;
  /** Default false. */
  readonly expand: boolean;

  constructor(degrees: number | readonly [number, number], options?: RandomRotationOptions);
  /** torchvision's order: `RandomRotation(degrees, interpolation, expand, center, fill)`, then the options. */
  constructor(
    degrees: number | readonly [number, number],
    interpolation?: Interpolation,
    expand?: boolean,
    center?: readonly [number, number] | null,
    fill?: Fill | null,
    options?: Pick<RandomRotationOptions, 'generator'>,
  );
  constructor(degrees: number | readonly [number, number], ...rest: unknown[]) {
    super();
    const options = readArguments<RandomRotationOptions>('RandomRotation', rest, rotationPositionals, [
      ...rotationPositionals,
      'generator',
    ]);
    this.options = options;
    this.range = angleRange('RandomRotation', 'degrees', degrees, [2]) as [number, number];
    this.interpolation = checkInterpolation('RandomRotation', options.interpolation ?? 'nearest');
    this.expand = checkBoolean('RandomRotation', 'expand', options.expand ?? false);
    checkCenterAndFill('RandomRotation', options.center, options.fill);
  }

  forward(image: Tensor): Tensor {
    const angle = resolveGenerator(this.options.generator).random(this.range[0], this.range[1]);
    const center = this.options.center ?? undefined;
    const fill = this.options.fill ?? 0;
    if (this.interpolation === 'nearest' && !this.expand && center === undefined && typeof fill === 'number')
      return rotateNearest(image, angle, fill);
    return rotateOnGrid('RandomRotation', image, angle, { interpolation: this.interpolation, expand: this.expand, center, fill });
  }
}
