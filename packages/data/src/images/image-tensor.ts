import { describeValue, refuseExtraArguments, checkTensorArguments } from '@dl/tensor';
import type { Tensor } from '@dl/tensor';
import { describeSource, readBytes } from '../platform/read-bytes.js';
import { ToTensor } from '../transforms/to-tensor.js';
import { decodePng, encodePng, type PngDecodeOptions } from './png.js';

/**
 * A CHW image tensor with values in [0, 1] (clamped) → PNG bytes; 1 channel is grey, 3 RGB, 4 RGBA.
 * @example
 * const bytes = await tensorToPng(makeGrid(batch));
 * await writeFile('grid.png', bytes); // in Node
 */
export async function tensorToPng(image: Tensor, ...extra: never[]): Promise<Uint8Array> {
  if (extra.length > 0) refuseExtraArguments('tensorToPng', ['image'], extra);
  checkTensorArguments('tensorToPng', { image });
  if (image.ndim !== 3) throw new Error(`tensorToPng: expects an image [C, H, W], got shape [${image.shape.join(', ')}]`);
  const [channels, height, width] = image.shape as [number, number, number];
  const values = image.dataSync();
  const data = new Uint8Array(channels * height * width);
  const plane = height * width;
  // value 1.0 → 255: round(clamp(v, 0, 1) · 255), as torchvision's save_image (which adds 0.5 and truncates)
  for (let c = 0; c < channels; c++)
    for (let p = 0; p < plane; p++) data[p * channels + c] = Math.floor(Math.min(1, Math.max(0, values[c * plane + p]!)) * 255 + 0.5);
  return encodePng({ data, width, height, channels });
}

/**
 * PNG bytes (or a file path / URL) → a CHW float32 tensor in [0, 1].
 * @example
 * const image = await pngToTensor('digit.png'); // [1, 28, 28]
 * const scan = await pngToTensor('scan.png', { maxPixels: 200_000_000 }); // over Pillow's default limit
 */
export async function pngToTensor(
  source: Uint8Array | string | URL,
  options: Pick<PngDecodeOptions, 'maxPixels'> = {},
  ...extra: never[]
): Promise<Tensor> {
  if (extra.length > 0) refuseExtraArguments('pngToTensor', ['source', 'options'], extra);
  if (!(source instanceof Uint8Array) && typeof source !== 'string' && !(source instanceof URL))
    throw new Error(`pngToTensor: source must be the file's bytes, a path or a URL, got ${describeValue(source)}`);
  const name = source instanceof Uint8Array ? 'PNG' : describeSource(source);
  const bytes = source instanceof Uint8Array ? source : await readBytes(source);
  return new ToTensor().forward(await decodePng(bytes, { ...options, name }));
}
