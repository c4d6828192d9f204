import { checkTensorArguments, describeValue, refuseExtraArguments, tensor, type Tensor } from '@dl/tensor';

/**
 * An image transform (torchvision's `transforms.*`): `forward(image)` on a CHW tensor, or a batched
 * NCHW one (a random transform then draws one set of parameters for the whole batch, as torchvision
 * does). `transform.call` is the same as a plain function, for dataset `transform` options.
 */
export abstract class Transform<Input = Tensor, Output = Tensor> {
  abstract forward(input: Input): Output;
  /** This transform as a function. */
  readonly call = (input: Input): Output => this.forward(input);
}

/** A transform object or a plain function. */
export type TransformLike<Input = Tensor, Output = Tensor> = Transform<Input, Output> | ((input: Input) => Output);

export function applyTransform<Input, Output>(transform: TransformLike<Input, Output>, input: Input, ...extra: never[]): Output {
  if (extra.length > 0) refuseExtraArguments('applyTransform', ['transform', 'input'], extra);
  if (typeof transform !== 'function' && typeof (transform as { forward?: unknown } | null)?.forward !== 'function')
    throw new Error(`applyTransform: transform must be a function or have a forward, got ${describeValue(transform)}`);
  return typeof transform === 'function' ? transform(input) : transform.forward(input);
}

/** Height and width of an image [..., H, W] (at least 2-d). */
export function imageSize(operation: string, image: Tensor): [height: number, width: number] {
  checkTensorArguments(operation, { image });
  if (image.ndim < 2) throw new Error(`${operation}: expects an image [..., H, W], got shape [${image.shape.join(', ')}]`);
  return [image.shape[image.ndim - 2]!, image.shape[image.ndim - 1]!];
}

/**
 * Applies `kernel` to every H × W plane of `image` (all leading dims, channels and batch, flattened),
 * writing planes of outHeight × outWidth. Values are read and written as float64, output dtype float32
 * (or float64 for float64 input). An int32 image stays int32, each value rounded half to even:
 * torchvision's `_cast_squeeze_out` casts an integer image to float, transforms it, then applies
 * `torch.round` before casting back.
 */
export function mapPlanes(
  image: Tensor,
  outHeight: number,
  outWidth: number,
  kernel: (source: Float64Array, target: Float64Array, plane: number) => void,
): Tensor {
  const [height, width] = imageSize('transform', image);
  const leading = image.shape.slice(0, -2);
  const planes = leading.reduce((a, b) => a * b, 1);
  const values = Float64Array.from(image.dataSync());
  const out = new Float64Array(planes * outHeight * outWidth);
  for (let plane = 0; plane < planes; plane++)
    kernel(
      values.subarray(plane * height * width, (plane + 1) * height * width),
      out.subarray(plane * outHeight * outWidth, (plane + 1) * outHeight * outWidth),
      plane,
    );
  if (image.dtype === 'int32') {
    for (let i = 0; i < out.length; i++) out[i] = roundHalfEven(out[i]!);
    return tensor(out, { shape: [...leading, outHeight, outWidth], dtype: 'int32' });
  }
  return tensor(out, { shape: [...leading, outHeight, outWidth], dtype: image.dtype === 'float64' ? 'float64' : 'float32' });
}

/** [h, w] from a size given as one number (square), a list of one (torchvision's `_setup_size`) or a pair. */
export function pairOf(size: number | readonly [number] | readonly [number, number]): [number, number] {
  if (typeof size === 'number') return [size, size];
  return size.length === 1 ? [size[0], size[0]] : [size[0], size[1]];
}

/** [h, w] of a crop size: one positive integer (square) or a list of 1 or 2 (torchvision's `_setup_size`). */
export function cropSize(owner: string, size: unknown): [number, number] {
  const values = typeof size === 'number' ? [size] : Array.isArray(size) ? size : [];
  if (![1, 2].includes(values.length) || !values.every((value) => Number.isInteger(value) && value > 0))
    throw new Error(`${owner}: size must be one positive integer or a list of 1 or 2 of them, got ${describeValue(size)}`);
  return pairOf(values as [number] | [number, number]);
}

/** Python's round(): halves go to the even neighbour (torchvision computes crop offsets with it). */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const difference = value - floor;
  if (difference > 0.5) return floor + 1;
  if (difference < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
