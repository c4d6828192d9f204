import { readArguments, type Tensor } from '@dl/tensor';
import { cosineSimilarity, pairwiseDistance } from '../functional/distance.js';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/** Cosine similarity along `dim` (torch.nn.CosineSimilarity): `new CosineSimilarity({ dim: 1, eps: 1e-8 })` or `new CosineSimilarity(1, 1e-8)`. */
export class CosineSimilarity extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly dim: number;
  readonly eps: number;

  constructor(options?: { dim?: number; eps?: number });
  /** PyTorch's order: `CosineSimilarity(dim, eps)`. */
  constructor(dim: number, eps?: number);
  constructor(...rest: unknown[]) {
    super();
    const options = readArguments<{ dim?: number; eps?: number }>('CosineSimilarity', rest, ['dim', 'eps'], ['dim', 'eps']);
    this.dim = options.dim ?? 1;
    this.eps = options.eps ?? 1e-8;
  }

  forward(x1: Tensor, x2: Tensor): Tensor {
    return cosineSimilarity(x1, x2, { dim: this.dim, eps: this.eps });
  }
}

/** ‖x₁ − x₂ + eps‖_p over the last dim (torch.nn.PairwiseDistance): `new PairwiseDistance({ p: 2 })` or `new PairwiseDistance(2)`. */
export class PairwiseDistance extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly p: number;
  readonly eps: number;
  readonly keepdim: boolean;

  constructor(options?: { p?: number; eps?: number; keepdim?: boolean });
  /** PyTorch's order: `PairwiseDistance(p, eps, keepdim)`. */
  constructor(p: number, eps?: number, keepdim?: boolean);
  constructor(...rest: unknown[]) {
    super();
    const names = ['p', 'eps', 'keepdim'];
    const options = readArguments<{ p?: number; eps?: number; keepdim?: boolean }>('PairwiseDistance', rest, names, names);
    this.p = options.p ?? 2;
    this.eps = options.eps ?? 1e-6;
    this.keepdim = options.keepdim ?? false;
  }

  forward(x1: Tensor, x2: Tensor): Tensor {
    return pairwiseDistance(x1, x2, { p: this.p, eps: this.eps, keepdim: this.keepdim });
  }
}
