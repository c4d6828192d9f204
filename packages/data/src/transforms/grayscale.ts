import { composite, describeValue, readArguments, type Tensor, checkTensorArguments } from '@dl/tensor';

/** Whether `image` holds floats (values in [0, 1]) rather than integers (bytes in [0, 255]). */
export function isFloatImage(image: Tensor): boolean {
  return image.dtype === 'float32' || image.dtype === 'float64' || image.dtype === 'float16';
}

/** The options of `grayscale` and `rgbToGrayscale` (torchvision's keyword). */
export interface GrayscaleConversionOptions {
  /** 1 or 3 channels out; default 1. */
  numOutputChannels?: 1 | 3;
}

/**
 * torchvision's `rgb_to_grayscale(img, num_output_channels=1)`, for the function `owner`: the luma
 * L = 0.2989 R + 0.587 G + 0.114 B (cast back to an integer image's dtype, truncating as torchvision's
 * `.to(img.dtype)`), or a copy of a one-channel image; with 3 output channels L is expanded to the
 * input's shape, so a one-channel image keeps its single channel, as torchvision's `expand(img.shape)`.
 * `rest` is what follows the image: numOutputChannels, positionally or as an options object.
 */
export function convertToGrayscale(owner: string, image: Tensor, rest: readonly unknown[]): Tensor {
  const { numOutputChannels = 1 } = readArguments<GrayscaleConversionOptions>(owner, rest, ['numOutputChannels'], ['numOutputChannels']);
  checkTensorArguments(owner, { image });
  if (image.ndim < 3) throw new Error(`${owner}: expects an image [..., C, H, W], got shape [${image.shape.join(', ')}]`);
  const channels = image.shape[image.ndim - 3]!;
  if (channels !== 1 && channels !== 3) throw new Error(`${owner}: expects 1 or 3 channels, got ${channels}`);
  if (numOutputChannels !== 1 && numOutputChannels !== 3)
    throw new Error(`${owner}: numOutputChannels must be 1 or 3, got ${describeValue(numOutputChannels)}`);
  const luma =
    channels === 1
      ? image.clone() // a tensor of its own, as torchvision's img.clone()
      : composite(() => {
          const [red, green, blue] = image.split(1, -3);
          const weighted = red!.mul(0.2989).add(green!.mul(0.587)).add(blue!.mul(0.114));
          return isFloatImage(image) ? weighted : weighted.to(image.dtype);
        });
  return numOutputChannels === 3 ? luma.expand([...image.shape]) : luma;
}

/**
 * The grayscale image with 1 or 3 channels, torchvision's `rgb_to_grayscale` (the same function as
 * `rgbToGrayscale`): L = 0.2989 R + 0.587 G + 0.114 B; with `numOutputChannels` 3 every channel is L
 * (an expanded view). A one-channel image is copied and keeps its single channel. An integer image
 * gives integer luma, truncated as torchvision's `.to(img.dtype)`.
 * @example
 * grayscale(image);    // [1, H, W]
 * grayscale(image, 3); // [3, H, W], every channel the luma, as torchvision's num_output_channels=3
 * grayscale(image, { numOutputChannels: 3 });
 */
export function grayscale(image: Tensor, numOutputChannels?: 1 | 3): Tensor;
/** torchvision's keyword as an options object. */
export function grayscale(image: Tensor, options: GrayscaleConversionOptions): Tensor;
export function grayscale(image: Tensor, ...rest: unknown[]): Tensor {
  return convertToGrayscale('grayscale', image, rest);
}
