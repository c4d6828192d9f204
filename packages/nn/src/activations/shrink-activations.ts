import { readArguments, type Tensor } from '@dl/tensor';
import { hardshrink, rrelu, softshrink } from '../functional/shrink-activations.js';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/** The λ of Softshrink and Hardshrink: `new Softshrink(0.3)` or `{ lambd }` (default 0.5). */
abstract class ShrinkActivation extends Module {
  readonly lambd: number;

  constructor(owner: string, rest: readonly unknown[]) {
    super();
    this.lambd = readArguments<{ lambd?: number }>(owner, rest, ['lambd'], ['lambd']).lambd ?? 0.5;
  }

  override extraRepr(): string {
    return `${this.lambd}`;
  }
}

/** x − λ above λ, x + λ below −λ, 0 between (torch.nn.Softshrink). */
export class Softshrink extends ShrinkActivation {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(options?: { lambd?: number });
  constructor(lambd?: number);
  constructor(...rest: unknown[]) {
    super('Softshrink', rest);
  }
  forward(input: Tensor): Tensor {
    return softshrink(input, this.lambd);
  }
}

/** x where |x| > λ, else 0 (torch.nn.Hardshrink). */
export class Hardshrink extends ShrinkActivation {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(options?: { lambd?: number });
  constructor(lambd?: number);
  constructor(...rest: unknown[]) {
    super('Hardshrink', rest);
  }
  forward(input: Tensor): Tensor {
    return hardshrink(input, this.lambd);
  }
}

/**
 * The randomized leaky ReLU (torch.nn.RReLU): a random slope a ~ U(lower, upper) per negative element
 * in training, (lower + upper)/2 in evaluation. `new RReLU(0.1, 0.3)` or `{ lower, upper }`.
 */
export class RReLU extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly lower: number;
  readonly upper: number;

  constructor(options?: { lower?: number; upper?: number; inplace?: boolean });
  /** PyTorch's order: `RReLU(lower, upper, inplace)`; `inplace` gives the same values, out of place. */
  constructor(lower?: number, upper?: number, inplace?: boolean);
  constructor(...rest: unknown[]) {
    super();
    const names = ['lower', 'upper', 'inplace'];
    const options = readArguments<{ lower?: number; upper?: number }>('RReLU', rest, names, names);
    this.lower = options.lower ?? 1 / 8;
    this.upper = options.upper ?? 1 / 3;
    if (this.lower > this.upper) throw new Error(`RReLU: lower (${this.lower}) must not exceed upper (${this.upper})`);
  }

  forward(input: Tensor): Tensor {
    return rrelu(input, this.lower, this.upper, this.training);
  }

  override extraRepr(): string {
    return `lower=${this.lower}, upper=${this.upper}`;
  }
}
