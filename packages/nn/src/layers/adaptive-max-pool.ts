import type { Tensor } from '@dl/tensor';
import { adaptiveMaxPool1d, adaptiveMaxPool2d } from '../functional/adaptive-max-pool.js';
import { Module } from '../module/module.js';

/** Max pooling to a fixed length (torch.nn.AdaptiveMaxPool1d): [N, C, L] → [N, C, outputSize]. No parameters. */
export class AdaptiveMaxPool1d extends Module {
  constructor(readonly outputSize: number) {
    super();
  }

  forward(input: Tensor): Tensor {
    return adaptiveMaxPool1d(input, this.outputSize);
  }

  override extraRepr(): string {
    return `outputSize=${this.outputSize}`;
  }
}

/**
 * Max pooling to a fixed [H', W'] (torch.nn.AdaptiveMaxPool2d): [N, C, H, W] → [N, C, H', W']; a null
 * size keeps that dim. No parameters.
 * @example
 * new AdaptiveMaxPool2d(1).call(features); // global max pooling, [N, C, 1, 1]
 */
export class AdaptiveMaxPool2d extends Module {
  constructor(readonly outputSize: number | readonly [number | null, number | null]) {
    super();
  }

  forward(input: Tensor): Tensor {
    return adaptiveMaxPool2d(input, this.outputSize);
  }

  override extraRepr(): string {
    return `outputSize=${JSON.stringify(this.outputSize)}`;
  }
}
