import { checkBoolean, describeValue, readArguments } from '@dl/tensor';
import { Module } from '../module/module.js';

/** torch's keywords of the dropout layers. */
export interface DropoutOptions {
  /** The probability of dropping an element (or a channel). Default 0.5. */
  p?: number;
  /** Accepted for torch's signature; the values are the same, computed out of place. Default false. */
  inplace?: boolean;
}

/**
 * What the six dropout layers share (torch's `_DropoutNd`): a checked p and inplace, and torch's
 * repr `p=0.5, inplace=false`; each layer adds only its forward, active in training mode.
 */
export abstract class DropoutBase extends Module {
  readonly p: number;
  readonly inplace: boolean;

  // the layers declare no constructor: they inherit these two forms, and errors name the layer
  constructor(options?: DropoutOptions);
  /** PyTorch's order: `(p, inplace)`. */
  constructor(p?: number, inplace?: boolean);
  constructor(...rest: unknown[]) {
    super();
    const name = this.constructor.name;
    const { p = 0.5, inplace = false } = readArguments<DropoutOptions>(name, rest, ['p', 'inplace'], ['p', 'inplace']);
    if (!(typeof p === 'number' && p >= 0 && p <= 1))
      throw new Error(`${name}: dropout probability has to be between 0 and 1, but got ${describeValue(p)}`);
    checkBoolean(name, 'inplace', inplace);
    this.p = p;
    this.inplace = inplace;
  }

  override extraRepr(): string {
    return `p=${this.p}, inplace=${this.inplace}`;
  }
}

/** @deprecated The former name of {@link DropoutOptions}, which Dropout and Dropout2d now share. */
export type DropoutVariantOptions = DropoutOptions;
