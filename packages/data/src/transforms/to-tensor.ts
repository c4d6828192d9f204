import { isTensor, readArguments, tensor, type Tensor } from '@dl/tensor';
import { Transform } from './transform.js';

/** Interleaved pixels as images come from files and canvases: H × W × C bytes. */
export interface PixelImage {
  data: ArrayLike<number>;
  height: number;
  width: number;
  /** Default: data.length / (height · width) (an ImageData has 4, RGBA). */
  channels?: number;
}

/**
 * HWC bytes (0..255) → a CHW float32 tensor in [0, 1] (torchvision's `ToTensor`): value / 255 with
 * channels moved first. Accepts a PixelImage (or a browser ImageData, or a decoded PNG), or an int32
 * tensor [H, W, C] of byte values.
 *
 * A float tensor is taken as already converted: a CHW image (1, 3 or 4 channels) in [0, 1], such as
 * `MnistDataset` yields, passes through unchanged, so `Compose([ToTensor(), Normalize(...)])` works on
 * it as on a file's bytes. Any other float tensor throws instead of being read as HWC bytes (which
 * once turned MNIST's [1, 28, 28] into [28, 1, 28] in [−1, −0.992]).
 * @example
 * new ToTensor().forward({ data: new Uint8Array([0, 255]), height: 1, width: 2, channels: 1 }); // [[[0, 1]]]
 * new ToTensor().forward(tensor([[[0, 255]]], { dtype: 'int32' })); // HWC bytes [1, 2, 1] → [[[0], [1]]]
 */
export class ToTensor extends Transform<PixelImage | Tensor, Tensor> {
  constructor();
  constructor(...rest: unknown[]) {
    super();
    readArguments('ToTensor', rest, [], []); // torchvision's ToTensor() takes no argument
  }

  forward(image: PixelImage | Tensor): Tensor {
    if (isTensor(image)) return image.dtype === 'int32' ? fromHwcBytes(image) : checkConverted(image);
    const { data, height, width } = image;
    const channels = image.channels ?? data.length / (height * width);
    if (!Number.isInteger(channels) || data.length !== height * width * channels)
      throw new Error(
        `ToTensor: ${data.length} values do not make a ${height} × ${width} image with ${image.channels ?? 'whole'} channels`,
      );
    const out = new Float32Array(data.length);
    const plane = height * width;
    for (let pixel = 0; pixel < plane; pixel++)
      for (let channel = 0; channel < channels; channel++) out[channel * plane + pixel] = data[pixel * channels + channel]! / 255;
    return tensor(out, { shape: [channels, height, width] });
  }
}

function fromHwcBytes(image: Tensor): Tensor {
  if (image.ndim !== 3) throw new Error(`ToTensor: expects an int32 tensor [H, W, C] of bytes, got shape [${image.shape.join(', ')}]`);
  return image.permute(2, 0, 1).float().div(255).contiguous();
}

/** The identity on a float CHW image in [0, 1] (values are checked on the CPU, where a sync read exists). */
function checkConverted(image: Tensor): Tensor {
  const shape = `[${image.shape.join(', ')}]`;
  if (image.dtype === 'bool' || image.ndim !== 3 || ![1, 3, 4].includes(image.shape[0]!))
    throw new Error(
      `ToTensor: a ${image.dtype} tensor ${shape} is neither bytes [H, W, C] (pass those as int32) nor an image already converted (float [C, H, W] in [0, 1] with 1, 3 or 4 channels)`,
    );
  if (image.device === 'cpu')
    for (const value of image.dataSync())
      if (!(value >= 0 && value <= 1))
        throw new Error(
          `ToTensor: a float tensor ${shape} is taken as already converted (CHW in [0, 1]), but it holds ${value}; pass bytes as an int32 tensor [H, W, C] or a PixelImage`,
        );
  return image;
}
