import { readArguments, type Tensor } from '@dl/tensor';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * Flattens dims startDim..endDim into one: [N, C, H, W] → [N, C·H·W] with the defaults (1, −1).
 * @example
 * new Flatten().call(zeros([32, 16, 5, 5])).shape; // [32, 400]
 */
export class Flatten extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly startDim: number;
  readonly endDim: number;

  constructor(options?: { startDim?: number; endDim?: number });
  /** PyTorch's order: `Flatten(start_dim, end_dim)`. */
  constructor(startDim?: number, endDim?: number);
  constructor(...rest: unknown[]) {
    super();
    const options = readArguments<{ startDim?: number; endDim?: number }>('Flatten', rest, ['startDim', 'endDim'], ['startDim', 'endDim']);
    this.startDim = options.startDim ?? 1;
    this.endDim = options.endDim ?? -1;
  }

  forward(input: Tensor): Tensor {
    return input.flatten(this.startDim, this.endDim);
  }

  override extraRepr(): string {
    return `startDim=${this.startDim}, endDim=${this.endDim}`;
  }
}
