import { checkOptions, refuseExtraArguments, type Tensor } from '@dl/tensor';
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
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(inplace?: InplaceArgument, ...extra: never[]) {
    super('ReLU6', inplace, true);
    if (extra.length > 0) refuseExtraArguments('ReLU6', ['inplace'], extra);
  }
  forward(input: Tensor): Tensor {
    return relu6(input);
  }
}

/** scale·(max(0, x) + min(0, α(eˣ − 1))) with SELU's constants (torch.nn.SELU). */
export class SELU extends PointwiseActivation {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(inplace?: InplaceArgument, ...extra: never[]) {
    super('SELU', inplace, true);
    if (extra.length > 0) refuseExtraArguments('SELU', ['inplace'], extra);
  }
  forward(input: Tensor): Tensor {
    return selu(input);
  }
}

/** log σ(x) (torch.nn.LogSigmoid). */
export class LogSigmoid extends PointwiseActivation {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(...extra: never[]) {
    super('LogSigmoid', undefined, false);
    if (extra.length > 0) refuseExtraArguments('LogSigmoid', [], extra);
  }
  forward(input: Tensor): Tensor {
    return logSigmoid(input);
  }
}

/** x / (1 + |x|) (torch.nn.Softsign). */
export class Softsign extends PointwiseActivation {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(...extra: never[]) {
    super('Softsign', undefined, false);
    if (extra.length > 0) refuseExtraArguments('Softsign', [], extra);
  }
  forward(input: Tensor): Tensor {
    return softsign(input);
  }
}

/** x − tanh(x) (torch.nn.Tanhshrink). */
export class Tanhshrink extends PointwiseActivation {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(...extra: never[]) {
    super('Tanhshrink', undefined, false);
    if (extra.length > 0) refuseExtraArguments('Tanhshrink', [], extra);
  }
  forward(input: Tensor): Tensor {
    return tanhshrink(input);
  }
}

/** x·tanh(softplus(x)) (torch.nn.Mish). */
export class Mish extends PointwiseActivation {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(inplace?: InplaceArgument, ...extra: never[]) {
    super('Mish', inplace, true);
    if (extra.length > 0) refuseExtraArguments('Mish', ['inplace'], extra);
  }
  forward(input: Tensor): Tensor {
    return mish(input);
  }
}

/** min(max(x + 3, 0), 6) / 6 (torch.nn.Hardsigmoid). */
export class Hardsigmoid extends PointwiseActivation {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(inplace?: InplaceArgument, ...extra: never[]) {
    super('Hardsigmoid', inplace, true);
    if (extra.length > 0) refuseExtraArguments('Hardsigmoid', ['inplace'], extra);
  }
  forward(input: Tensor): Tensor {
    return hardsigmoid(input);
  }
}

/** x·min(max(x + 3, 0), 6) / 6 (torch.nn.Hardswish). */
export class Hardswish extends PointwiseActivation {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(inplace?: InplaceArgument, ...extra: never[]) {
    super('Hardswish', inplace, true);
    if (extra.length > 0) refuseExtraArguments('Hardswish', ['inplace'], extra);
  }
  forward(input: Tensor): Tensor {
    return hardswish(input);
  }
}
