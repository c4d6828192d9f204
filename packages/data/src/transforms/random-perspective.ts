import { readArguments, type Tensor } from '@dl/tensor';
import { resolveGenerator, type Generator } from '../random/generator.js';
import { checkInterpolation, type Fill, type Interpolation } from './grid-sample.js';
import { perspective } from './perspective.js';
import { imageSize, Transform } from './transform.js';

/** Options of `RandomPerspective`. */
export interface RandomPerspectiveOptions {
  /** How far the corners may move, in [0, 1] (a fraction of half the size); default 0.5. */
  distortionScale?: number;
  /** Probability of warping; default 0.5. */
  p?: number;
  /** Default 'bilinear'. */
  interpolation?: Interpolation;
  /** Value of pixels from outside the image: one number or one per channel; default 0. */
  fill?: Fill | null;
  /** Default the global generator. */
  generator?: Generator;
}

const perspectivePositionals = ['distortionScale', 'p', 'interpolation', 'fill'];

/** The corners one call of `RandomPerspective` draws: `perspective`'s start and end points. */
export interface PerspectiveParams {
  startpoints: [number, number][];
  endpoints: [number, number][];
}

/**
 * A random perspective warp with probability p (torchvision's `RandomPerspective`): with
 * dx = ⌊distortionScale · ⌊W/2⌋⌋ and dy = ⌊distortionScale · ⌊H/2⌋⌋, each corner of the image moves
 * inwards to integers uniform within dx columns and dy rows of it (top-left x in 0..dx, top-right x in
 * W − dx − 1..W − 1, ...), drawn top-left, top-right, bottom-right, bottom-left, x before y.
 * @example
 * new RandomPerspective({ distortionScale: 0.3, p: 1, generator: new Generator(0) }).forward(image);
 * new RandomPerspective(0.5, 0.5); // torchvision's positional order: distortion_scale, p, interpolation, fill
 */
export class RandomPerspective extends Transform {
  /** The options as given (positionally or as an object). */
  readonly options: RandomPerspectiveOptions;
  private readonly interpolation: Interpolation;

  constructor(options?: RandomPerspectiveOptions);
  /** torchvision's order: `RandomPerspective(distortion_scale, p, interpolation, fill)`, then the options. */
  constructor(
    distortionScale?: number,
    p?: number,
    interpolation?: Interpolation,
    fill?: Fill | null,
    options?: Pick<RandomPerspectiveOptions, 'generator'>,
  );
  constructor(...rest: unknown[]) {
    super();
    const options = readArguments<RandomPerspectiveOptions>('RandomPerspective', rest, perspectivePositionals, [
      ...perspectivePositionals,
      'generator',
    ]);
    this.options = options;
    const { distortionScale = 0.5, p = 0.5 } = options;
    if (!(distortionScale >= 0 && distortionScale <= 1))
      throw new Error(`RandomPerspective: distortionScale must be in [0, 1], got ${distortionScale}`);
    if (!(p >= 0 && p <= 1)) throw new Error(`RandomPerspective: p must be in [0, 1], got ${p}`);
    this.interpolation = checkInterpolation('RandomPerspective', options.interpolation ?? 'bilinear');
  }

  /** Draws the corners for an image of `height` × `width` (torchvision's `get_params`). */
  getParams(height: number, width: number): PerspectiveParams {
    const scale = this.options.distortionScale ?? 0.5;
    const spreadX = Math.floor(scale * Math.floor(width / 2));
    const spreadY = Math.floor(scale * Math.floor(height / 2));
    // [low, high) of each coordinate, in torchvision's order of draws
    const near = (spread: number): [number, number] => [0, spread + 1];
    const far = (size: number, spread: number): [number, number] => [size - spread - 1, size];
    const ranges = [
      near(spreadX),
      near(spreadY), // top-left
      far(width, spreadX),
      near(spreadY), // top-right
      far(width, spreadX),
      far(height, spreadY), // bottom-right
      near(spreadX),
      far(height, spreadY), // bottom-left
    ];
    const generator = resolveGenerator(this.options.generator);
    const drawn = ranges.map(([low, high]) => generator.integers(low, high, 1)[0]!);
    const endpoints: [number, number][] = [0, 2, 4, 6].map((i) => [drawn[i]!, drawn[i + 1]!]);
    const startpoints: [number, number][] = [
      [0, 0],
      [width - 1, 0],
      [width - 1, height - 1],
      [0, height - 1],
    ];
    return { startpoints, endpoints };
  }

  forward(image: Tensor): Tensor {
    const generator = resolveGenerator(this.options.generator);
    if (!(generator.random() < (this.options.p ?? 0.5))) return image;
    const [height, width] = imageSize('RandomPerspective', image);
    const { startpoints, endpoints } = this.getParams(height, width);
    return perspective(image, startpoints, endpoints, { interpolation: this.interpolation, fill: this.options.fill ?? 0 });
  }
}
