import { Conv2d, Dropout, Flatten, Linear, MaxPool2d, ReLU, Sequential } from '@dl/nn';

/**
 * The tutorial's CNN (PyTorch's MNIST example), for [N, 1, 28, 28] images:
 * conv 1→32 3×3 → 26×26, conv 32→64 3×3 → 24×24, max-pool 2 → 12×12, 64·12·12 = 9216 features,
 * then 9216→128→10 logits.
 * @returns {Sequential}
 */
export function makeCnn() {
  return new Sequential(
    new Conv2d(1, 32, 3),
    new ReLU(),
    new Conv2d(32, 64, 3),
    new ReLU(),
    new MaxPool2d(2),
    new Dropout(0.25),
    new Flatten(),
    new Linear(9216, 128),
    new ReLU(),
    new Dropout(0.5),
    new Linear(128, 10),
  );
}
