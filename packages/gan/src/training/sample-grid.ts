import { makeGrid, tensorToPng } from '@dl/data';
import { checkTensorArguments, noGrad, scope, type Tensor } from '@dl/tensor';
import { checkOptions, formatShape } from '../options.js';

/**
 * Generator outputs in [−1, 1] → a PNG grid (torchvision's `save_image(..., normalize=True,
 * value_range=(-1, 1))`). Flat outputs [N, 784] are reshaped to `imageShape` ([1, 28, 28] by default).
 * Images on another device are read back first.
 * @example
 * await writeFile('samples.png', await sampleGridPng(noGrad(() => generator.call(fixedNoise))));
 */
export async function sampleGridPng(images: Tensor, options: { imageShape?: number[]; nrow?: number } = {}): Promise<Uint8Array> {
  checkTensorArguments('sampleGridPng', { images });
  checkOptions('sampleGridPng', options, ['imageShape', 'nrow']);
  const imageShape = options.imageShape ?? [1, 28, 28];
  const perImage = imageShape.reduce((product, extent) => product * extent, 1);
  const count = images.shape[0] ?? 0;
  if (images.numel() !== count * perImage)
    throw new Error(`sampleGridPng: images ${formatShape(images.shape)} do not hold ${count} images of shape ${formatShape(imageShape)}`);
  const onCpu = images.device === 'cpu' ? images : await images.toAsync('cpu');
  const grid = scope(() =>
    noGrad(() =>
      makeGrid(onCpu.reshape([count, ...imageShape]).contiguous(), { nrow: options.nrow ?? 8, normalize: true, valueRange: [-1, 1] }),
    ),
  );
  try {
    return await tensorToPng(grid);
  } finally {
    grid.dispose();
    if (onCpu !== images) onCpu.dispose();
  }
}
