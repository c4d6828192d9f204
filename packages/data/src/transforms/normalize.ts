import { checkBoolean, composite, readArguments, tensor, type DType, type Tensor } from '@dl/tensor';
import { Transform } from './transform.js';

/** Options of `Normalize`. */
export interface NormalizeOptions {
  /**
   * Write the result into the input tensor's buffer and return that tensor (torchvision's
   * `inplace=True`); the input must then be a float tensor. Default false (a new tensor).
   */
  inplace?: boolean;
}

/**
 * Per-channel standardisation (torchvision's `Normalize`): out[c] = (in[c] − mean[c]) / std[c] on
 * float images [C, H, W] or [N, C, H, W] (an integer image throws, as torchvision's TypeError). With
 * `inplace`, the input itself is overwritten and returned.
 * @example
 * new Normalize([0.1307], [0.3081]).forward(image); // MNIST's usual statistics
 * new Normalize([0.5], [0.5], true).forward(image); // torchvision's positional inplace: image is overwritten
 */
export class Normalize extends Transform {
  /** Default false. */
  readonly inplace: boolean;

  constructor(mean: readonly number[], std: readonly number[], options?: NormalizeOptions);
  /** torchvision's order: `Normalize(mean, std, inplace)`. */
  constructor(mean: readonly number[], std: readonly number[], inplace?: boolean);
  constructor(
    readonly mean: readonly number[],
    readonly std: readonly number[],
    ...rest: unknown[]
  ) {
    super();
    const options = readArguments<NormalizeOptions>('Normalize', rest, ['inplace'], ['inplace']);
    this.inplace = checkBoolean('Normalize', 'inplace', options.inplace ?? false);
    if (mean.length !== std.length) throw new Error(`Normalize: mean has ${mean.length} values but std has ${std.length}`);
    if (std.some((value) => value === 0))
      throw new Error(`Normalize: std evaluated to zero after conversion to float32, leading to division by zero`);
  }

  forward(image: Tensor): Tensor {
    if (image.ndim < 3) throw new Error(`Normalize: expects an image [C, H, W] or [N, C, H, W], got shape [${image.shape.join(', ')}]`);
    const channels = image.shape[image.ndim - 3]!;
    const mean = this.perChannel(this.mean, 'mean', channels);
    const std = this.perChannel(this.std, 'std', channels);
    const floating = image.dtype === 'float32' || image.dtype === 'float64' || image.dtype === 'float16';
    if (this.inplace && !floating) throw new Error(`Normalize: inplace needs a float tensor to write into, got ${image.dtype}`);
    // torchvision's F.normalize refuses integer images (TypeError "Input tensor should be a float tensor")
    if (!floating)
      throw new Error(
        `Normalize: expects a float tensor, got ${image.dtype}; convert the image first (ToTensor, or image.float().div(255))`,
      );
    // torchvision checks std after converting it to the image's dtype: 1e-50 is 0 in float32
    if (image.dtype !== 'float64' && std.some((value) => Math.fround(value) === 0))
      throw new Error(
        `Normalize: std evaluated to zero after conversion to float32, leading to division by zero, got std [${std.join(', ')}]`,
      );
    if (this.inplace) {
      // torchvision's tensor.sub_(mean).div_(std), the constants in the image's dtype; they are released when the call returns
      return composite(() =>
        image.sub_(channelColumn(mean, image.dtype, image.device)).div_(channelColumn(std, image.dtype, image.device)),
      );
    }
    const dtype = image.dtype === 'float64' ? 'float64' : 'float32';
    // the two [C, 1, 1] constants and the difference are released when the call returns
    return composite(() => image.sub(channelColumn(mean, dtype, image.device)).div(channelColumn(std, dtype, image.device)));
  }

  /** One value per channel: `values` itself, or its single value repeated. */
  private perChannel(values: readonly number[], name: string, channels: number): number[] {
    if (values.length !== 1 && values.length !== channels)
      throw new Error(`Normalize: ${name} has ${values.length} values for ${channels} channels`);
    return values.length === 1 ? new Array<number>(channels).fill(values[0]!) : [...values];
  }
}

/**
 * Per-channel values as a [C, 1, 1] tensor that broadcasts over H and W, made on the image's device
 * (torchvision's torch.as_tensor(mean, dtype=dtype, device=tensor.device)): ops take tensors of one device.
 */
function channelColumn(values: readonly number[], dtype: DType, device: string): Tensor {
  return tensor(values, { dtype, device }).reshape(values.length, 1, 1);
}
