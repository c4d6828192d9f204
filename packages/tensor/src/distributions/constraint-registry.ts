import { ComposeTransform, identityTransform } from './compose-transform.js';
import { AffineTransform } from './affine-transform.js';
import { CatTransform } from './cat-transform.js';
import { type Constraint, corrCholesky, lowerCholesky, real, simplex } from './constraints.js';
import { CorrCholeskyTransform } from './corr-cholesky-transform.js';
import { ExpTransform } from './exp-transform.js';
import { IndependentTransform } from './independent-transform.js';
import { LowerCholeskyTransform } from './lower-cholesky-transform.js';
import { SigmoidTransform } from './sigmoid-transform.js';
import { SoftmaxTransform } from './softmax-transform.js';
import { StackTransform } from './stack-transform.js';
import { StickBreakingTransform } from './stick-breaking-transform.js';
import type { Transform } from './transform.js';

/** torch's message for a constraint neither registry knows, naming its class as torch does (_Name). */
function unknown(constraint: Constraint): Error {
  return new Error(`Cannot transform _${constraint.name.replace(/\(.*$/s, '')} constraints`);
}

/**
 * CatTransform or StackTransform of `registry`'s transform for each part of a cat or stack constraint
 * (torch registers both in both registries), or null for any other constraint.
 */
function joinedTransform(constraint: Constraint, registry: (part: Constraint) => Transform): Transform | null {
  const { joined } = constraint;
  if (!joined) return null;
  const parts = joined.parts.map(registry);
  return joined.kind === 'cat'
    ? new CatTransform(parts, { dim: joined.dim, lengths: joined.lengths })
    : new StackTransform(parts, { dim: joined.dim });
}

/**
 * The transform from the reals to `constraint` both registries share, or null: the identity for real,
 * e^x then a shift for greaterThan and greaterThanEq (positive and nonnegative too: torch registers
 * the class, so it is exp then + 0), e^x then bound − y for lessThan, and σ for an interval from the
 * number 0 to the number 1, σ then low + (high − low)·y for any other interval or half-open interval.
 */
function shared(constraint: Constraint): Transform | null {
  if (constraint === real) return identityTransform;
  const { lowerBound: low, upperBound: high } = constraint;
  if (low !== undefined && high !== undefined) {
    if (low === 0 && high === 1) return new SigmoidTransform();
    const scale = typeof high !== 'number' ? high.sub(low) : typeof low !== 'number' ? low.neg().add(high) : high - low;
    return new ComposeTransform([new SigmoidTransform(), new AffineTransform(low, scale)]);
  }
  if (low !== undefined) return new ComposeTransform([new ExpTransform(), new AffineTransform(low, 1)]);
  if (high !== undefined) return new ComposeTransform([new ExpTransform(), new AffineTransform(high, -1)]);
  return null;
}

/**
 * A bijective transform from the reals onto the values `constraint` allows (torch's biject_to), with
 * torch 1.13's choice for each: the identity for real; IndependentTransform of the base's for
 * independent; ComposeTransform(ExpTransform, AffineTransform(bound, ±1)) for greaterThan,
 * greaterThanEq, positive, nonnegative and lessThan; SigmoidTransform for the unit interval (bounds
 * the numbers 0 and 1), ComposeTransform(SigmoidTransform, AffineTransform(low, high − low)) for other
 * intervals; StickBreakingTransform for simplex (from K − 1 reals to K parts); CorrCholeskyTransform for
 * corrCholesky (from D(D − 1)/2 reals); CatTransform and StackTransform of the parts' for cat and stack. For HMC-style sampling
 * in an unconstrained space: `bijectTo(d.support).call(u)` is a valid value of d, and its
 * logAbsDetJacobian the density correction. lowerCholesky and the discrete constraints have none
 * (torch raises NotImplementedError, 'Cannot transform _LowerCholesky constraints').
 * @example
 * const t = distributions.bijectTo(distributions.constraints.positive);
 * t.call(tensor([0])); // [1]
 * distributions.bijectTo(distributions.constraints.simplex).call(tensor([0, 0])); // [1/3, 1/3, 1/3]
 */
export function bijectTo(constraint: Constraint): Transform {
  if (constraint.baseConstraint !== undefined)
    return new IndependentTransform(bijectTo(constraint.baseConstraint), constraint.reinterpretedBatchNdims ?? 0);
  if (constraint === simplex) return new StickBreakingTransform();
  if (constraint === corrCholesky) return new CorrCholeskyTransform();
  const transform = joinedTransform(constraint, bijectTo) ?? shared(constraint);
  if (!transform) throw unknown(constraint);
  return transform;
}

/**
 * A transform from the reals onto the values `constraint` allows, not necessarily bijective (torch's
 * transform_to): bijectTo's choice, except SoftmaxTransform for simplex (coordinate-wise, for
 * optimisers such as Adam) and LowerCholeskyTransform for lowerCholesky; the parts of cat and stack
 * take transformTo's choice. To optimise a constrained
 * parameter: keep an unconstrained tensor u and use `transformTo(constraint).call(u)`.
 * @example
 * const u = zeros([3], { requiresGrad: true });
 * const scale = distributions.transformTo(distributions.constraints.positive).call(u); // e^u > 0
 */
export function transformTo(constraint: Constraint): Transform {
  if (constraint.baseConstraint !== undefined)
    return new IndependentTransform(transformTo(constraint.baseConstraint), constraint.reinterpretedBatchNdims ?? 0);
  if (constraint === simplex) return new SoftmaxTransform();
  if (constraint === lowerCholesky) return new LowerCholeskyTransform();
  if (constraint === corrCholesky) return new CorrCholeskyTransform();
  const transform = joinedTransform(constraint, transformTo) ?? shared(constraint);
  if (!transform) throw unknown(constraint);
  return transform;
}
