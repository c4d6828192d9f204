import { readArguments, describeValue, type Tensor } from '@dl/tensor';
import { dropout2d } from '../functional/dropout.js';
import { Module } from '../module/module.js';

/**
 * In training, zeroes whole channels of [N, C, H, W] (or [C, H, W]) with probability p, scaling the
 * others by 1/(1 − p); the identity in eval mode. No parameters.
 * @example
 * new Dropout2d(0.2).call(randn([8, 16, 10, 10]));
 */
export class Dropout2d extends Module {
  readonly p: number;

  constructor(options?: { p?: number; inplace?: boolean });
  /** PyTorch's order: `Dropout2d(p, inplace)`; `inplace` is accepted and gives the same values, out of place. */
  constructor(p?: number, inplace?: boolean);
  constructor(...rest: unknown[]) {
    super();
    const p = readArguments<{ p?: number }>('Dropout2d', rest, ['p', 'inplace'], ['p', 'inplace']).p ?? 0.5;
    if (!(typeof p === 'number' && p >= 0 && p <= 1))
      throw new Error(`Dropout2d: dropout probability has to be between 0 and 1, but got ${describeValue(p)}`);
    this.p = p;
  }

  forward(input: Tensor): Tensor {
    return dropout2d(input, this.p, this.training);
  }

  override extraRepr(): string {
    return `p=${this.p}`;
  }
}
