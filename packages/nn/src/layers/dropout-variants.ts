import { checkBoolean, describeValue, readArguments, type Tensor } from '@dl/tensor';
import { alphaDropout, dropout1d, dropout3d, featureAlphaDropout } from '../functional/dropout.js';
import { Module } from '../module/module.js';

/** torch's keywords of the dropout layers. */
export interface DropoutVariantOptions {
  /** The probability of dropping an element (or a channel). Default 0.5. */
  p?: number;
  /** Accepted for torch's signature; the values are the same, computed out of place. Default false. */
  inplace?: boolean;
}

/** What Dropout1d, Dropout3d, AlphaDropout and FeatureAlphaDropout share: a checked p, training-mode only. */
abstract class DropoutVariant extends Module {
  readonly p: number;
  readonly inplace: boolean;

  // the four layers declare no constructor: they inherit these two forms, and errors name the layer
  constructor(options?: DropoutVariantOptions);
  /** PyTorch's order: `(p, inplace)`. */
  constructor(p?: number, inplace?: boolean);
  constructor(...rest: unknown[]) {
    super();
    const name = this.constructor.name;
    const { p = 0.5, inplace = false } = readArguments<DropoutVariantOptions>(name, rest, ['p', 'inplace'], ['p', 'inplace']);
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

/**
 * In training, zeroes whole channels of [N, C, L] (or [C, L]) with probability p, scaling the others
 * by 1/(1 − p) (torch.nn.Dropout1d); the identity in eval mode. No parameters.
 * @example
 * new Dropout1d(0.2).call(randn([8, 16, 50]));
 */
export class Dropout1d extends DropoutVariant {
  forward(input: Tensor): Tensor {
    return dropout1d(input, this.p, this.training);
  }
}

/**
 * In training, zeroes whole channels of [N, C, D, H, W] (or [C, D, H, W]) with probability p, scaling
 * the others by 1/(1 − p) (torch.nn.Dropout3d); the identity in eval mode. No parameters.
 * @example
 * new Dropout3d(0.2).call(randn([2, 8, 4, 10, 10]));
 */
export class Dropout3d extends DropoutVariant {
  forward(input: Tensor): Tensor {
    return dropout3d(input, this.p, this.training);
  }
}

/**
 * Alpha dropout for self-normalizing (SELU) networks (torch.nn.AlphaDropout): in training each element
 * is dropped with probability p to SELU's saturation −λα, then everything is mapped through A·x + B so
 * that inputs of zero mean and unit variance keep them; the identity in eval mode. Any shape. No parameters.
 * @example
 * new Sequential(new Linear(64, 64), new SELU(), new AlphaDropout(0.1));
 */
export class AlphaDropout extends DropoutVariant {
  forward(input: Tensor): Tensor {
    return alphaDropout(input, this.p, this.training);
  }
}

/**
 * Alpha dropout of whole channels (torch.nn.FeatureAlphaDropout): as AlphaDropout with one draw per
 * (dim 0, dim 1) of an input of at least 2 dims ([N, C, …]); the identity in eval mode. No parameters.
 * @example
 * new FeatureAlphaDropout(0.1).call(randn([4, 16, 8, 8]));
 */
export class FeatureAlphaDropout extends DropoutVariant {
  forward(input: Tensor): Tensor {
    return featureAlphaDropout(input, this.p, this.training);
  }
}
