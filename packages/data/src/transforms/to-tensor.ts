import { isTensor, tensor, type Tensor } from '@dl/tensor';
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
 * channels moved first. Accepts a PixelImage (or a browser ImageData, or a decoded PNG), or a tensor
 * [H, W, C] of byte values.
 * @example
 * new ToTensor().forward({ data: new Uint8Array([0, 255]), height: 1, width: 2, channels: 1 }); // [[[0, 1]]]
 */
export class ToTensor extends Transform<PixelImage | Tensor, Tensor> {
  forward(image: PixelImage | Tensor): Tensor {
    if (isTensor(image)) {
      if (image.ndim !== 3) throw new Error(`ToTensor: expects a tensor [H, W, C] of bytes, got shape [${image.shape.join(', ')}]`);
      return image.permute(2, 0, 1).float().div(255).contiguous();
    }
    const { data, height, width } = image;
    const channels = image.channels ?? data.length / (height * width);
    if (!Number.isInteger(channels) || data.length !== height * width * channels)
      throw new Error(`ToTensor: ${data.length} values do not make a ${height} × ${width} image with ${image.channels ?? 'whole'} channels`);
    const out = new Float32Array(data.length);
    const plane = height * width;
    for (let pixel = 0; pixel < plane; pixel++)
      for (let channel = 0; channel < channels; channel++) out[channel * plane + pixel] = data[pixel * channels + channel]! / 255;
    return tensor(out, { shape: [channels, height, width] });
  }
}
