import type { Tensor } from '@dl/tensor';
import { alphaDropout, dropout1d, dropout3d, featureAlphaDropout } from '../functional/dropout.js';
import { DropoutBase } from './dropout-base.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * In training, zeroes whole channels of [N, C, L] (or [C, L]) with probability p, scaling the others
 * by 1/(1 − p) (torch.nn.Dropout1d); the identity in eval mode. No parameters.
 * @example
 * new Dropout1d(0.2).call(randn([8, 16, 50]));
 */
export class Dropout1d extends DropoutBase {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

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
export class Dropout3d extends DropoutBase {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

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
export class AlphaDropout extends DropoutBase {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

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
export class FeatureAlphaDropout extends DropoutBase {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  forward(input: Tensor): Tensor {
    return featureAlphaDropout(input, this.p, this.training);
  }
}
