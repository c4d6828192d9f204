import { checkInteger, full, readArguments, type Tensor } from '@dl/tensor';
import { prelu } from '../functional/composed-activations.js';
import { Module } from '../module/module.js';
import { parameter } from '../module/parameter.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * max(0, x) + a·min(0, x) with a learnable slope a (torch.nn.PReLU): one slope shared by every channel
 * (`numParameters` 1, the default) or one per channel along dim 1; each starts at `init` (0.25). Its
 * parameter is `weight`, as in torch's state dict.
 * @example
 * new PReLU(64).call(features); // features [N, 64, H, W]
 */
export class PReLU extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly numParameters: number;
  weight: Tensor;

  constructor(options?: { numParameters?: number; init?: number });
  /** PyTorch's order: `PReLU(num_parameters, init)`. */
  constructor(numParameters?: number, init?: number);
  constructor(...rest: unknown[]) {
    super();
    const names = ['numParameters', 'init'];
    const { numParameters = 1, init = 0.25 } = readArguments<{ numParameters?: number; init?: number }>('PReLU', rest, names, names);
    checkInteger('PReLU', 'numParameters', numParameters, 1);
    this.numParameters = numParameters;
    this.weight = parameter(full([numParameters], init));
  }

  forward(input: Tensor): Tensor {
    return prelu(input, this.weight);
  }

  override extraRepr(): string {
    return `numParameters=${this.numParameters}`;
  }
}
