import type { Tensor } from '@dl/tensor';
import { pixelShuffle, pixelUnshuffle } from '../functional/pixel-shuffle.js';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * [N, C·r², H, W] → [N, C, H·r, W·r] (torch.nn.PixelShuffle): after a convolution to C·r² channels,
 * the sub-pixel upsampling of ESPCN and SRGAN. No parameters.
 * @example
 * new PixelShuffle(3).call(zeros([1, 9, 4, 4])).shape; // [1, 1, 12, 12]
 */
export class PixelShuffle extends Module {
  static {
    refuseExtraInputs(PixelShuffle);
  }

  constructor(readonly upscaleFactor: number) {
    super();
  }

  forward(input: Tensor): Tensor {
    return pixelShuffle(input, this.upscaleFactor);
  }

  override extraRepr(): string {
    return `upscaleFactor=${this.upscaleFactor}`;
  }
}

/** [N, C, H·r, W·r] → [N, C·r², H, W] (torch.nn.PixelUnshuffle). No parameters. */
export class PixelUnshuffle extends Module {
  static {
    refuseExtraInputs(PixelUnshuffle);
  }

  constructor(readonly downscaleFactor: number) {
    super();
  }

  forward(input: Tensor): Tensor {
    return pixelUnshuffle(input, this.downscaleFactor);
  }

  override extraRepr(): string {
    return `downscaleFactor=${this.downscaleFactor}`;
  }
}
