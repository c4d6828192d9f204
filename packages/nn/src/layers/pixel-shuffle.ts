import { refuseExtraArguments } from '@dl/tensor';
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
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(
    readonly upscaleFactor: number,
    ...extra: never[]
  ) {
    super();
    if (extra.length > 0) refuseExtraArguments('PixelShuffle', ['upscaleFactor'], extra);
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
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(
    readonly downscaleFactor: number,
    ...extra: never[]
  ) {
    super();
    if (extra.length > 0) refuseExtraArguments('PixelUnshuffle', ['downscaleFactor'], extra);
  }

  forward(input: Tensor): Tensor {
    return pixelUnshuffle(input, this.downscaleFactor);
  }

  override extraRepr(): string {
    return `downscaleFactor=${this.downscaleFactor}`;
  }
}
