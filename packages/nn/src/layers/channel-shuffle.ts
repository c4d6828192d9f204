import { checkInteger, refuseExtraArguments, softmax, type Tensor } from '@dl/tensor';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * Interleaves the channels of `groups` groups (torch.nn.ChannelShuffle, ShuffleNet's): [N, g·k, *] →
 * channel c of group i moves to position c·g + i, so the next grouped convolution sees every group.
 * @example
 * new ChannelShuffle(2).call(x); // channels 0 1 2 3 → 0 2 1 3
 */
export class ChannelShuffle extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(
    readonly groups: number,
    ...extra: never[]
  ) {
    super();
    if (extra.length > 0) refuseExtraArguments('ChannelShuffle', ['groups'], extra);
    checkInteger('ChannelShuffle', 'groups', groups);
  }

  forward(input: Tensor): Tensor {
    const [batch, channels] = input.shape as [number, number];
    if (input.ndim < 3 || channels % this.groups !== 0)
      throw new Error(`ChannelShuffle: expected [N, C, *] with C divisible by groups (${this.groups}), got [${input.shape.join(', ')}]`);
    const rest = input.shape.slice(2);
    return input
      .reshape([batch, this.groups, channels / this.groups, ...rest])
      .transpose(1, 2)
      .reshape([batch, channels, ...rest]);
  }

  override extraRepr(): string {
    return `groups=${this.groups}`;
  }
}

/** softmax over the channels of every pixel (torch.nn.Softmax2d): [N, C, H, W] or [C, H, W], along dim −3. */
export class Softmax2d extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  forward(input: Tensor): Tensor {
    if (input.ndim !== 3 && input.ndim !== 4)
      throw new Error(`Softmax2d: expected an input of 3 or 4 dims ([C, H, W] or [N, C, H, W]), got [${input.shape.join(', ')}]`);
    return softmax(input, -3);
  }
}
