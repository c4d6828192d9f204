import { AbsTransform } from './abs-transform.js';
import { AffineTransform } from './affine-transform.js';
import { CatTransform } from './cat-transform.js';
import { ComposeTransform, identityTransform } from './compose-transform.js';
import { CorrCholeskyTransform } from './corr-cholesky-transform.js';
import { CumulativeDistributionTransform } from './cumulative-distribution-transform.js';
import { ExpTransform } from './exp-transform.js';
import { IndependentTransform } from './independent-transform.js';
import { LowerCholeskyTransform } from './lower-cholesky-transform.js';
import { PowerTransform } from './power-transform.js';
import { ReshapeTransform } from './reshape-transform.js';
import { SigmoidTransform } from './sigmoid-transform.js';
import { SoftmaxTransform } from './softmax-transform.js';
import { SoftplusTransform } from './softplus-transform.js';
import { StackTransform } from './stack-transform.js';
import { StickBreakingTransform } from './stick-breaking-transform.js';
import { Transform } from './transform.js';
import { TanhTransform } from './tanh-transform.js';

/**
 * torch.distributions.transforms: the base `Transform` and `ExpTransform`, `PowerTransform`,
 * `SigmoidTransform`, `TanhTransform`, `AbsTransform`, `AffineTransform`, `SoftmaxTransform`,
 * `StickBreakingTransform`, `LowerCholeskyTransform`, `ComposeTransform`, `IndependentTransform`,
 * `ReshapeTransform`, `CumulativeDistributionTransform`, `SoftplusTransform`, `CorrCholeskyTransform`,
 * `CatTransform`, `StackTransform` and `identityTransform`. Each has `call(x)`,
 * `inv`, `logAbsDetJacobian(x, y)` (where torch has it), `domain`, `codomain`, `bijective`, `sign`,
 * `eventDim`, `forwardShape`, `inverseShape` and `withCache`.
 * @example
 * const { TanhTransform, AffineTransform } = distributions.transforms;
 * const flow = new distributions.TransformedDistribution(new distributions.Normal(0, 1), [new TanhTransform(), new AffineTransform(1, 2)]);
 */
export const transforms = {
  Transform,
  ExpTransform,
  PowerTransform,
  SigmoidTransform,
  TanhTransform,
  AbsTransform,
  AffineTransform,
  SoftmaxTransform,
  StickBreakingTransform,
  LowerCholeskyTransform,
  ComposeTransform,
  IndependentTransform,
  ReshapeTransform,
  CumulativeDistributionTransform,
  SoftplusTransform,
  CorrCholeskyTransform,
  CatTransform,
  StackTransform,
  identityTransform,
} as const;
