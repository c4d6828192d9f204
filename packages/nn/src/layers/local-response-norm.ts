import { checkInteger, readArguments, type Tensor } from '@dl/tensor';
import { localResponseNorm, type LocalResponseNormOptions } from '../functional/local-response-norm.js';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

const keys = ['alpha', 'beta', 'k'] as const;

/**
 * Local response normalisation across channels (torch.nn.LocalResponseNorm): `new LocalResponseNorm(5)`,
 * `new LocalResponseNorm(5, { alpha: 1e-4, beta: 0.75, k: 2 })` or torch's positional
 * `new LocalResponseNorm(5, 1e-4, 0.75, 2)`. No parameters; see F.localResponseNorm for the formula.
 */
export class LocalResponseNorm extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly alpha: number;
  readonly beta: number;
  readonly k: number;

  constructor(size: number, options?: LocalResponseNormOptions);
  constructor(size: number, alpha?: number, beta?: number, k?: number);
  constructor(
    readonly size: number,
    ...rest: unknown[]
  ) {
    super();
    checkInteger('LocalResponseNorm', 'size', size);
    const options = readArguments<LocalResponseNormOptions>('LocalResponseNorm', rest, keys, keys);
    this.alpha = options.alpha ?? 1e-4;
    this.beta = options.beta ?? 0.75;
    this.k = options.k ?? 1;
  }

  forward(input: Tensor): Tensor {
    return localResponseNorm(input, this.size, { alpha: this.alpha, beta: this.beta, k: this.k });
  }

  override extraRepr(): string {
    return `${this.size}, alpha=${this.alpha}, beta=${this.beta}, k=${this.k}`;
  }
}
