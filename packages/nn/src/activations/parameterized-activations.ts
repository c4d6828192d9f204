import { readArguments, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { celu, glu, hardtanh, softmin, threshold as thresholdFunction } from '../functional/composed-activations.js';
import { Module } from '../module/module.js';
import { type InplaceArgument, readInplaceFlag } from './inplace-flag.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * min(max(x, minVal), maxVal), defaults −1 and 1 (torch.nn.Hardtanh): `new Hardtanh(-2, 2)` or
 * `{ minVal, maxVal }`. No parameters.
 */
export class Hardtanh extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly minVal: number;
  readonly maxVal: number;

  constructor(options?: { minVal?: number; maxVal?: number; inplace?: boolean });
  /** PyTorch's order: `Hardtanh(min_val, max_val, inplace)`. */
  constructor(minVal?: number, maxVal?: number, inplace?: boolean);
  constructor(...rest: unknown[]) {
    super();
    const names = ['minVal', 'maxVal', 'inplace'];
    const options = readArguments<{ minVal?: number; maxVal?: number }>('Hardtanh', rest, names, names);
    this.minVal = options.minVal ?? -1;
    this.maxVal = options.maxVal ?? 1;
    if (this.minVal > this.maxVal) throw new Error(`Hardtanh: minVal (${this.minVal}) must not exceed maxVal (${this.maxVal})`);
  }

  forward(input: Tensor): Tensor {
    return hardtanh(input, this.minVal, this.maxVal);
  }

  override extraRepr(): string {
    return `minVal=${this.minVal}, maxVal=${this.maxVal}`;
  }
}

/** max(0, x) + min(0, α(e^{x/α} − 1)), α default 1 (torch.nn.CELU): `new CELU(0.5)` or `{ alpha }`. */
export class CELU extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly alpha: number;

  constructor(options?: { alpha?: number; inplace?: boolean });
  /** PyTorch's order: `CELU(alpha, inplace)`. */
  constructor(alpha?: number, inplace?: boolean);
  constructor(...rest: unknown[]) {
    super();
    this.alpha = readArguments<{ alpha?: number }>('CELU', rest, ['alpha', 'inplace'], ['alpha', 'inplace']).alpha ?? 1;
  }

  forward(input: Tensor): Tensor {
    return celu(input, this.alpha);
  }

  override extraRepr(): string {
    return `alpha=${this.alpha}`;
  }
}

/** softmax(−x) along `dim` (torch.nn.Softmin): `new Softmin(1)` or `{ dim }`. */
export class Softmin extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly dim: number;

  constructor(options: { dim: number });
  constructor(dim: number);
  constructor(...rest: unknown[]) {
    super();
    const { dim } = readArguments<{ dim?: number }>('Softmin', rest, ['dim'], ['dim']);
    if (dim === undefined) throw new Error('Softmin: dim is required (torch’s implicit dim is deprecated)');
    this.dim = dim;
  }

  forward(input: Tensor): Tensor {
    return softmin(input, this.dim);
  }

  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

/** x where x > threshold, else `value` (torch.nn.Threshold(threshold, value)). */
export class Threshold extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  /** torch's `Threshold(threshold, value, inplace=False)`: the flag is read and checked, the result computed out of place. */
  constructor(
    readonly threshold: number,
    readonly value: number,
    inplace?: InplaceArgument,
    ...extra: never[]
  ) {
    super();
    if (extra.length > 0) refuseExtraArguments('Threshold', ['threshold', 'value', 'inplace'], extra);
    if (typeof threshold !== 'number' || typeof value !== 'number') throw new Error('Threshold: takes (threshold, value), both numbers');
    readInplaceFlag('Threshold', inplace);
  }

  forward(input: Tensor): Tensor {
    return thresholdFunction(input, this.threshold, this.value);
  }

  override extraRepr(): string {
    return `threshold=${this.threshold}, value=${this.value}`;
  }
}

/** a·σ(b) over the two halves of `dim`, default −1 (torch.nn.GLU): `new GLU(1)` or `{ dim }`. */
export class GLU extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly dim: number;

  constructor(options?: { dim?: number });
  constructor(dim?: number);
  constructor(...rest: unknown[]) {
    super();
    this.dim = readArguments<{ dim?: number }>('GLU', rest, ['dim'], ['dim']).dim ?? -1;
  }

  forward(input: Tensor): Tensor {
    return glu(input, this.dim);
  }

  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}
