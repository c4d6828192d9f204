import type { Tensor, ValuesAndIndices } from '@dl/tensor';
import { adaptiveMaxPool1d, adaptiveMaxPool2d } from '../functional/adaptive-max-pool.js';
import { Module } from '../module/module.js';
import { readAdaptiveReturnIndices } from './max-pool-return-indices.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * Max pooling to a fixed length (torch.nn.AdaptiveMaxPool1d): [N, C, L] → [N, C, outputSize]. No
 * parameters. torch's `return_indices` must be false (`call` returns the values); `forwardWithIndices`
 * gives the values and the positions of the maxima.
 * @example
 * new AdaptiveMaxPool1d(4).call(randn([2, 3, 10])).shape; // [2, 3, 4]
 */
export class AdaptiveMaxPool1d extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(
    readonly outputSize: number,
    ...rest: [returnIndices?: false] | [options?: { returnIndices?: false }]
  ) {
    super();
    readAdaptiveReturnIndices('AdaptiveMaxPool1d', rest);
  }

  forward(input: Tensor): Tensor {
    return adaptiveMaxPool1d(input, this.outputSize);
  }

  /** The maxima and their positions along L. */
  forwardWithIndices(input: Tensor): ValuesAndIndices {
    return adaptiveMaxPool1d(input, this.outputSize, true);
  }

  override extraRepr(): string {
    return `outputSize=${this.outputSize}`;
  }
}

/**
 * Max pooling to a fixed [H', W'] (torch.nn.AdaptiveMaxPool2d): [N, C, H, W] → [N, C, H', W']; a null
 * size keeps that dim. No parameters. torch's `return_indices` must be false; `forwardWithIndices` gives
 * the values and the flat h·W + w positions of the maxima.
 * @example
 * new AdaptiveMaxPool2d(1).call(features); // global max pooling, [N, C, 1, 1]
 */
export class AdaptiveMaxPool2d extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(
    readonly outputSize: number | readonly [number | null, number | null],
    ...rest: [returnIndices?: false] | [options?: { returnIndices?: false }]
  ) {
    super();
    readAdaptiveReturnIndices('AdaptiveMaxPool2d', rest);
  }

  forward(input: Tensor): Tensor {
    return adaptiveMaxPool2d(input, this.outputSize);
  }

  /** The maxima and their flat h·W + w positions in each input plane. */
  forwardWithIndices(input: Tensor): ValuesAndIndices {
    return adaptiveMaxPool2d(input, this.outputSize, true);
  }

  override extraRepr(): string {
    return `outputSize=${JSON.stringify(this.outputSize)}`;
  }
}
