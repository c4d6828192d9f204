import { composite, describeValue, readArguments, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { resolveGenerator, type Generator } from '../random/generator.js';
import { pad } from './crop.js';
import { imageSize, Transform } from './transform.js';

/**
 * The σ pair of `gaussianBlur` (torchvision's `F.gaussian_blur`): one number or a list of one for
 * both axes, a pair [x, y], or, when not given, 0.3·((k − 1)/2 − 1) + 0.8 from each kernel size k
 * (OpenCV's rule, which torchvision follows).
 */
function sigmaPair(sigma: unknown, kernelSize: readonly [number, number]): [number, number] {
  if (sigma === undefined || sigma === null) return [kernelSize[0] * 0.15 + 0.35, kernelSize[1] * 0.15 + 0.35];
  const values = typeof sigma === 'number' ? [sigma, sigma] : Array.isArray(sigma) && sigma.length === 1 ? [sigma[0], sigma[0]] : sigma;
  if (!(Array.isArray(values) && values.length === 2 && values.every((value) => typeof value === 'number' && value > 0)))
    throw new Error(`gaussianBlur: sigma must be a positive number or a list of 1 or 2 of them, got ${describeValue(sigma)}`);
  return [values[0], values[1]];
}

/** Kernel size [x, y]: an odd positive integer, or a list of `lengths` of them (a list of one is both axes). */
function checkKernelSize(operation: string, kernelSize: unknown, lengths: readonly number[] = [2]): [number, number] {
  const sizes = typeof kernelSize === 'number' ? [kernelSize, kernelSize] : Array.isArray(kernelSize) ? kernelSize : [];
  const valid =
    (lengths.includes(sizes.length) || typeof kernelSize === 'number') &&
    sizes.every((size) => Number.isInteger(size) && size > 0 && size % 2 === 1);
  if (!valid)
    throw new Error(
      `${operation}: kernelSize must be an odd positive integer or a pair [x, y] of them, got ${describeValue(kernelSize)}${lengths.includes(1) ? ' (a list of one is read as both)' : ''}`,
    );
  return sizes.length === 1 ? [sizes[0], sizes[0]] : [sizes[0], sizes[1]];
}

/**
 * torchvision's `_get_gaussian_kernel1d`: pdf(x) = exp(−x² / 2σ²) at x = −(k − 1)/2 … (k − 1)/2,
 * divided by its sum. torchvision computes it in float32 whatever the image dtype, so every step is
 * rounded to float32 here too.
 */
export function gaussianKernel1d(kernelSize: number, sigma: number, ...extra: never[]): number[] {
  if (extra.length > 0) refuseExtraArguments('gaussianKernel1d', ['kernelSize', 'sigma'], extra);
  const half = (kernelSize - 1) * 0.5;
  const pdf = Array.from({ length: kernelSize }, (_, i) => {
    const x = Math.fround(Math.fround(-half + i) / Math.fround(sigma));
    return Math.fround(Math.exp(Math.fround(-0.5 * Math.fround(x * x))));
  });
  const sum = pdf.reduce((total, value) => Math.fround(total + value), 0);
  return pdf.map((value) => Math.fround(value / sum));
}

/**
 * Σᵢ weightᵢ · image shifted by i along `dim` (a 1-d correlation of a padded image, of `size`
 * outputs): the separable half of a 2-d blur, as tensor ops.
 */
function correlate(image: Tensor, weights: readonly number[], dim: number, size: number): Tensor {
  return weights.map((weight, i) => image.narrow(dim, i, size).mul(weight)).reduce((sum, term) => sum.add(term));
}

/**
 * Blurs every image [..., H, W] with a Gaussian kernel of `kernelSize` [x, y] (odd) and `sigma` [x, y]
 * (torchvision's `functional.gaussian_blur` on float tensors; without `sigma`, σ = 0.15·k + 0.35 per
 * axis, as torchvision's default): the image is padded by k/2 by
 * reflection (padding must be smaller than the size) and correlated with the kernel, the outer product
 * of the two 1-d kernels, applied here as a row pass then a column pass (the same sums, reordered).
 * @example
 * gaussianBlur(image, 5, 1.5);
 * gaussianBlur(image, [5, 3]); // σ = [0.15·5 + 0.35, 0.15·3 + 0.35]
 */
export function gaussianBlur(
  image: Tensor,
  kernelSize: number | readonly [number, number],
  sigma?: number | readonly [number] | readonly [number, number] | null,
  ...extra: never[]
): Tensor {
  if (extra.length > 0) refuseExtraArguments('gaussianBlur', ['image', 'kernelSize', 'sigma'], extra);
  const [sizeX, sizeY] = checkKernelSize('gaussianBlur', kernelSize);
  const [sigmaX, sigmaY] = sigmaPair(sigma, [sizeX, sizeY]);
  if (image.dtype !== 'float32' && image.dtype !== 'float64' && image.dtype !== 'float16')
    throw new Error(`gaussianBlur: expects a floating-point image, got ${image.dtype}`);
  const [height, width] = imageSize('gaussianBlur', image);
  const padX = Math.floor(sizeX / 2);
  const padY = Math.floor(sizeY / 2);
  if (padX >= width || padY >= height)
    throw new Error(
      `gaussianBlur: kernelSize [${sizeX}, ${sizeY}] needs reflect padding [${padX}, ${padY}], which must be smaller than the image (${height} × ${width})`,
    );
  return composite(() => {
    const padded = pad(image, [padX, padY, padX, padY], { mode: 'reflect' });
    const rows = correlate(padded, gaussianKernel1d(sizeX, sigmaX), image.ndim - 1, width);
    return correlate(rows, gaussianKernel1d(sizeY, sigmaY), image.ndim - 2, height);
  });
}

/** Options of `GaussianBlur`. */
export interface GaussianBlurOptions {
  /** σ: one positive number, or a range [min, max] it is drawn from uniformly; default [0.1, 2]. */
  sigma?: number | readonly [number, number];
  /** Default the global generator. */
  generator?: Generator;
}

/**
 * Blurs with a Gaussian of σ drawn uniformly from a range, the same σ along x and y (torchvision's
 * `GaussianBlur`).
 * @example
 * new GaussianBlur(5, { sigma: [0.1, 2], generator: new Generator(0) }).forward(image);
 * new GaussianBlur(3, 1.0); // torchvision's positional order: kernel_size, sigma
 */
export class GaussianBlur extends Transform {
  /** Kernel size [x, y]. */
  readonly kernelSize: [number, number];
  /** The range [min, max] of σ. */
  readonly sigma: [number, number];
  /** The options as given (positionally or as an object). */
  readonly options: GaussianBlurOptions;

  constructor(kernelSize: number | readonly [number] | readonly [number, number], options?: GaussianBlurOptions);
  /** torchvision's order: `GaussianBlur(kernel_size, sigma)`, then the options. */
  constructor(
    kernelSize: number | readonly [number] | readonly [number, number],
    sigma?: number | readonly [number, number],
    options?: Pick<GaussianBlurOptions, 'generator'>,
  );
  constructor(kernelSize: number | readonly [number] | readonly [number, number], ...rest: unknown[]) {
    super();
    const options = readArguments<GaussianBlurOptions>('GaussianBlur', rest, ['sigma'], ['sigma', 'generator']);
    this.options = options;
    // the class reads its size as torchvision's _setup_size: a list of one is both axes
    this.kernelSize = checkKernelSize('GaussianBlur', kernelSize, [1, 2]);
    const sigma = options.sigma ?? [0.1, 2];
    if (typeof sigma === 'number') {
      if (!(sigma > 0)) throw new Error(`GaussianBlur: if sigma is a single number, it must be positive, got ${sigma}`);
      this.sigma = [sigma, sigma];
    } else if (Array.isArray(sigma) && sigma.length === 2 && 0 < sigma[0] && sigma[0] <= sigma[1]) {
      this.sigma = [sigma[0], sigma[1]];
    } else {
      throw new Error(`GaussianBlur: sigma values should be positive and of the form [min, max], got ${describeValue(sigma)}`);
    }
  }

  /** Draws σ uniformly from the range (torchvision's `get_params`). */
  getParams(): number {
    return resolveGenerator(this.options.generator).random(this.sigma[0], this.sigma[1]);
  }

  forward(image: Tensor): Tensor {
    const sigma = this.getParams();
    return gaussianBlur(image, this.kernelSize, [sigma, sigma]);
  }
}
