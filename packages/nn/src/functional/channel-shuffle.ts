import { checkInteger, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { ChannelShuffle } from '../layers/channel-shuffle.js';

/**
 * Interleaves the channels of `groups` groups (torch.nn.functional.channel_shuffle): [N, g·k, *] →
 * channel c of group i moves to position c·g + i, as nn.ChannelShuffle (whose forward this runs).
 * Unlike torch 1.13's, it has a gradient (the reshape and transpose it is made of).
 * @example
 * F.channelShuffle(x, 2); // channels 0 1 2 3 → 0 2 1 3
 */
export function channelShuffle(input: Tensor, groups: number, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('channelShuffle', ['input', 'groups'], extra);
  checkInteger('channelShuffle', 'groups', groups);
  if (input.ndim < 3)
    throw new Error(`channelShuffle: expected an input with more than 2 dims ([N, C, *]), got [${input.shape.join(', ')}]`);
  if (input.shape[1]! % groups !== 0)
    throw new Error(
      `channelShuffle: the number of channels must be divisible by groups, got ${input.shape[1]} channels and ${groups} groups`,
    );
  return new ChannelShuffle(groups).forward(input);
}
