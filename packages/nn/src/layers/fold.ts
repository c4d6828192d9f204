import { fold, readArguments, unfold, type Pair, type Tensor } from '@dl/tensor';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

interface WindowOptions {
  /** Spacing between kernel cells. Default 1. */
  dilation?: Pair;
  /** Zero padding per side. Default 0. */
  padding?: Pair;
  /** Step of the window. Default 1. */
  stride?: Pair;
}

const windowKeys = ['dilation', 'padding', 'stride'] as const;

/**
 * Sliding-window patches as columns (torch.nn.Unfold, im2col): [N, C, H, W] → [N, C·kh·kw, L], or
 * unbatched [C, H, W] → [C·kh·kw, L] as torch 1.13.
 * `new Unfold(3, { padding: 1 })` or torch's positional `new Unfold(kernel, dilation, padding, stride)`.
 */
export class Unfold extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly options: WindowOptions;

  constructor(kernelSize: Pair, options?: WindowOptions);
  constructor(kernelSize: Pair, dilation?: Pair, padding?: Pair, stride?: Pair);
  constructor(
    readonly kernelSize: Pair,
    ...rest: unknown[]
  ) {
    super();
    this.options = readArguments<WindowOptions>('Unfold', rest, windowKeys, windowKeys);
  }

  forward(input: Tensor): Tensor {
    return unfold(input, this.kernelSize, this.options);
  }
}

/**
 * Columns back into an image, overlapping windows summed (torch.nn.Fold, col2im): [N, C·kh·kw, L] →
 * [N, C, H, W] with [H, W] = outputSize (unbatched [C·kh·kw, L] → [C, H, W]). Options as Unfold's; torch's positional order
 * `new Fold(outputSize, kernel, dilation, padding, stride)`.
 */
export class Fold extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly options: WindowOptions;

  constructor(outputSize: Pair, kernelSize: Pair, options?: WindowOptions);
  constructor(outputSize: Pair, kernelSize: Pair, dilation?: Pair, padding?: Pair, stride?: Pair);
  constructor(
    readonly outputSize: Pair,
    readonly kernelSize: Pair,
    ...rest: unknown[]
  ) {
    super();
    this.options = readArguments<WindowOptions>('Fold', rest, windowKeys, windowKeys);
  }

  forward(input: Tensor): Tensor {
    return fold(input, this.outputSize, this.kernelSize, this.options);
  }
}
