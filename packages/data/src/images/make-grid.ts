import { checkOptions, refuseExtraArguments, stack, tensor, type Tensor, checkTensorArguments } from '@dl/tensor';

export interface MakeGridOptions {
  /** Images per row; default 8. */
  nrow?: number;
  /** Pixels between and around images; default 2. */
  padding?: number;
  /** Rescale to [0, 1] by the batch's min and max (or `valueRange`); default false. */
  normalize?: boolean;
  valueRange?: [number, number];
  /** With `normalize`, rescale each image by its own min and max; default false. */
  scaleEach?: boolean;
  padValue?: number;
}

/** Clamps to [low, high] and maps it to [0, 1]. */
function rescale(image: Tensor, range?: [number, number]): Tensor {
  const [low, high] = range ?? [image.min().itemSync(), image.max().itemSync()];
  return image
    .clamp(low, high)
    .sub(low)
    .div(Math.max(high - low, 1e-5));
}

/**
 * Tiles a batch [N, C, H, W] into one image [C, (H + p)·rows + p, (W + p)·columns + p] (torchvision's
 * `utils.make_grid`): columns = min(nrow, N), rows = ⌈N / columns⌉, image k at row ⌊k / columns⌋,
 * column k mod columns. One-channel batches become 3 channels (as torchvision does), ready for
 * `tensorToPng`.
 * @example
 * const grid = makeGrid(images.narrow(0, 0, 64), { nrow: 8 }); // [3, 242, 242] for 28 × 28 digits
 */
export function makeGrid(batch: Tensor, options: MakeGridOptions = {}, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('makeGrid', ['batch', 'options'], extra);
  checkTensorArguments('makeGrid', { batch });
  checkOptions('makeGrid', options, ['nrow', 'padding', 'normalize', 'valueRange', 'scaleEach', 'padValue']);
  let images = batch;
  if (images.ndim === 2) images = images.unsqueeze(0);
  if (images.ndim === 3) images = images.shape[0] === 1 ? images.unsqueeze(0) : images.unsqueeze(1);
  if (images.ndim !== 4) throw new Error(`makeGrid: expects [N, C, H, W], got shape [${batch.shape.join(', ')}]`);
  if (images.shape[1] === 1) images = images.expand(-1, 3, -1, -1);
  if (options.normalize)
    images = options.scaleEach
      ? stack(images.unbind(0).map((image) => rescale(image, options.valueRange)))
      : rescale(images, options.valueRange);
  const [count, channels, height, width] = images.shape as [number, number, number, number];
  const padding = options.padding ?? 2;
  const columns = Math.min(options.nrow ?? 8, count);
  const rows = Math.ceil(count / columns);
  const gridHeight = (height + padding) * rows + padding;
  const gridWidth = (width + padding) * columns + padding;
  const target = new Float64Array(channels * gridHeight * gridWidth).fill(options.padValue ?? 0);
  const source = images.dataSync();
  for (let k = 0; k < count; k++) {
    const top = Math.floor(k / columns) * (height + padding) + padding;
    const left = (k % columns) * (width + padding) + padding;
    for (let c = 0; c < channels; c++)
      for (let y = 0; y < height; y++) {
        const from = ((k * channels + c) * height + y) * width;
        target.set(source.subarray(from, from + width), (c * gridHeight + top + y) * gridWidth + left);
      }
  }
  return tensor(target, { shape: [channels, gridHeight, gridWidth], dtype: images.dtype === 'float64' ? 'float64' : 'float32' });
}
