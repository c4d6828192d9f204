import { tensor, type Tensor } from '@dl/tensor';
import { fromFixture, readFixture, type FixtureTensor } from './fixtures.js';

/** One entry of a torch state dict, in torch's order; `int64` for num_batches_tracked. */
export interface TorchStateEntry extends FixtureTensor {
  name: string;
  dtype: 'float32' | 'int64';
}

/** tools/fixtures/gan_dcgan_tutorial_reference.py: PyTorch's DCGAN tutorial models, small, after one training forward. */
export interface DcganTutorialFixture {
  latentDim: number;
  features: number;
  channels: number;
  imageSize: number;
  generator: TorchStateEntry[];
  discriminator: TorchStateEntry[];
  noise: FixtureTensor;
  images: FixtureTensor;
  generatorImages: FixtureTensor;
  discriminatorLogits: FixtureTensor;
  discriminatorOutputs: FixtureTensor;
}

export const tutorialFixture = readFixture<DcganTutorialFixture>('gan_dcgan_tutorial.json');

/**
 * A torch state dict as @dl tensors, keys unchanged and in torch's order. The int64 counts become
 * int32, as @dl's safetensors reader loads a PyTorch checkpoint's I64 num_batches_tracked.
 */
export function torchState(entries: readonly TorchStateEntry[]): Map<string, Tensor> {
  return new Map(
    entries.map((entry) => [
      entry.name,
      entry.dtype === 'int64' ? tensor(Int32Array.from(entry.data), { shape: entry.shape, dtype: 'int32' }) : fromFixture(entry, 'float32'),
    ]),
  );
}
