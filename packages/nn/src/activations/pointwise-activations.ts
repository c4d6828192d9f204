import { checkOptions, type Tensor } from '@dl/tensor';
import { hardsigmoid, hardswish, logSigmoid, mish, relu6, selu, softsign, tanhshrink } from '../functional/composed-activations.js';
import { Module } from '../module/module.js';
import { type InplaceArgument, readInplaceFlag } from './inplace-flag.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * The activations of torch.nn that take no arguments (besides torch's `inplace` flag, accepted and
 * computed out of place where torch has it): each is its F function, elementwise, any shape, no parameters.
 */
abstract class PointwiseActivation extends Module {
  constructor(name: string, inplace: InplaceArgument | undefined, takesInplace: boolean) {
    super();
    if (takesInplace) readInplaceFlag(name, inplace);
    else checkOptions(name, inplace, []);
  }
}

/** min(max(x, 0), 6) (torch.nn.ReLU6). */
export class ReLU6 extends PointwiseActivation {
  static {
    refuseExtraInputs(ReLU6);
  }

  constructor(inplace?: InplaceArgument) {
    super('ReLU6', inplace, true);
  }
  forward(input: Tensor): Tensor {
    return relu6(input);
  }
}

/** scale·(max(0, x) + min(0, α(eˣ − 1))) with SELU's constants (torch.nn.SELU). */
export class SELU extends PointwiseActivation {
  static {
    refuseExtraInputs(SELU);
  }

  constructor(inplace?: InplaceArgument) {
    super('SELU', inplace, true);
  }
  forward(input: Tensor): Tensor {
    return selu(input);
  }
}

/** log σ(x) (torch.nn.LogSigmoid). */
export class LogSigmoid extends PointwiseActivation {
  static {
    refuseExtraInputs(LogSigmoid);
  }

  constructor() {
    super('LogSigmoid', undefined, false);
  }
  forward(input: Tensor): Tensor {
    return logSigmoid(input);
  }
}

/** x / (1 + |x|) (torch.nn.Softsign). */
export class Softsign extends PointwiseActivation {
  static {
    refuseExtraInputs(Softsign);
  }

  constructor() {
    super('Softsign', undefined, false);
  }
  forward(input: Tensor): Tensor {
    return softsign(input);
  }
}

/** x − tanh(x) (torch.nn.Tanhshrink). */
export class Tanhshrink extends PointwiseActivation {
  static {
    refuseExtraInputs(Tanhshrink);
  }

  constructor() {
    super('Tanhshrink', undefined, false);
  }
  forward(input: Tensor): Tensor {
    return tanhshrink(input);
  }
}

/** x·tanh(softplus(x)) (torch.nn.Mish). */
export class Mish extends PointwiseActivation {
  static {
    refuseExtraInputs(Mish);
  }

  constructor(inplace?: InplaceArgument) {
    super('Mish', inplace, true);
  }
  forward(input: Tensor): Tensor {
    return mish(input);
  }
}

/** min(max(x + 3, 0), 6) / 6 (torch.nn.Hardsigmoid). */
export class Hardsigmoid extends PointwiseActivation {
  static {
    refuseExtraInputs(Hardsigmoid);
  }

  constructor(inplace?: InplaceArgument) {
    super('Hardsigmoid', inplace, true);
  }
  forward(input: Tensor): Tensor {
    return hardsigmoid(input);
  }
}

/** x·min(max(x + 3, 0), 6) / 6 (torch.nn.Hardswish). */
export class Hardswish extends PointwiseActivation {
  static {
    refuseExtraInputs(Hardswish);
  }

  constructor(inplace?: InplaceArgument) {
    super('Hardswish', inplace, true);
  }
  forward(input: Tensor): Tensor {
    return hardswish(input);
  }
}
