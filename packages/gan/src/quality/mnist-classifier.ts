import { Conv2d, Linear, MaxPool2d, Module, ReLU, Sequential, Flatten } from '@dl/nn';
import type { Tensor } from '@dl/tensor';
import { formatShape } from '../options.js';
import { refuseExtraInputs } from '@dl/nn';

// Normalisation of PyTorch's MNIST example: (x − 0.1307) / 0.3081 on pixels in [0, 1]
const pixelMean = 0.1307;
const pixelDeviation = 0.3081;

/**
 * The small MNIST classifier behind @dl/gan's quality metrics (an "Inception network" for digits):
 * images [B, 1, 28, 28] with pixels in [0, 1] → (x − 0.1307)/0.3081 → Conv2d(1, 8, 5, pad 2) → ReLU →
 * MaxPool 2 → Conv2d(8, 16, 5, pad 2) → ReLU → MaxPool 2 → Flatten → Linear(784, 64) → ReLU =
 * `features` [B, 64] → Linear(64, 10) = logits. Its weights ship with the package
 * (`loadMnistClassifier`), trained by `packages/gan/scripts/train-mnist-classifier.mjs`.
 * @example
 * const classifier = await loadMnistClassifier();
 * classifier.call(images).argmax(1); // predicted digits
 */
export class MnistClassifier extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  body = new Sequential(
    new Conv2d(1, 8, 5, { padding: 2 }),
    new ReLU(),
    new MaxPool2d(2),
    new Conv2d(8, 16, 5, { padding: 2 }),
    new ReLU(),
    new MaxPool2d(2),
    new Flatten(),
    new Linear(784, 64),
    new ReLU(),
  );
  head = new Linear(64, 10);

  /** The 64 penultimate activations, the feature space of FID, KID and precision/recall. */
  features(images: Tensor): Tensor {
    if (images.ndim !== 4 || images.shape[1] !== 1 || images.shape[2] !== 28 || images.shape[3] !== 28)
      throw new Error(`MnistClassifier: expects images [batch, 1, 28, 28] with pixels in [0, 1], got ${formatShape(images.shape)}`);
    return this.body.call(images.sub(pixelMean).div(pixelDeviation));
  }

  forward(images: Tensor): Tensor {
    return this.head.call(this.features(images));
  }
}
