import { isTensor } from '../core/brand.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { AbsTransform } from './abs-transform.js';
import { AffineTransform } from './affine-transform.js';
import { ComposeTransform } from './compose-transform.js';
import { ExpTransform } from './exp-transform.js';
import { LowerCholeskyTransform } from './lower-cholesky-transform.js';
import { PowerTransform } from './power-transform.js';
import { SigmoidTransform } from './sigmoid-transform.js';
import { SoftmaxTransform } from './softmax-transform.js';
import { SoftplusTransform } from './softplus-transform.js';
import { StickBreakingTransform } from './stick-breaking-transform.js';
import { TanhTransform } from './tanh-transform.js';
import { InverseTransform, type Transform } from './transform.js';

// the transforms without parameters: any two of one class are equal (torch's isinstance __eq__)
const parameterless = [
  ExpTransform,
  SigmoidTransform,
  SoftplusTransform,
  TanhTransform,
  AbsTransform,
  SoftmaxTransform,
  StickBreakingTransform,
  LowerCholeskyTransform,
] as const;

/** Two numbers or tensors with equal values everywhere (torch's `==` then .all() for tensors). */
function sameValues(a: Tensor | number, b: Tensor | number): boolean {
  if (!isTensor(a) && !isTensor(b)) return a === b;
  const tensorA = isTensor(a) ? a : (b as Tensor);
  return composite(() =>
    Boolean(
      tensorA
        .eq(isTensor(a) ? b : a)
        .all()
        .itemSync(),
    ),
  );
}

/**
 * Whether two transforms are equal as torch's `==` says: the same object; an inverse of equal
 * transforms; compositions of equal parts in order; two of one parameterless class (Exp, Sigmoid,
 * Softplus, Tanh, Abs, Softmax, StickBreaking, LowerCholesky); affine maps with equal loc and scale;
 * powers with equal exponents. Any other pair is equal only when it is one object. The KL divergence of
 * two TransformedDistributions needs their transforms equal.
 * @example
 * sameTransform(new ExpTransform(), new ExpTransform()); // true
 */
export function sameTransform(a: Transform, b: Transform): boolean {
  if (a === b) return true;
  if (a instanceof InverseTransform) return b instanceof InverseTransform && sameTransform(a.base, b.base);
  if (a instanceof ComposeTransform)
    return (
      b instanceof ComposeTransform && a.parts.length === b.parts.length && a.parts.every((part, i) => sameTransform(part, b.parts[i]!))
    );
  if (a instanceof AffineTransform) return b instanceof AffineTransform && sameValues(a.loc, b.loc) && sameValues(a.scale, b.scale);
  if (a instanceof PowerTransform) return b instanceof PowerTransform && sameValues(a.exponent, b.exponent);
  return parameterless.some((kind) => a instanceof kind && b instanceof kind);
}

/**
 * Two lists of transforms equal element by element (torch's list `==`).
 * @example
 * sameTransforms([new ExpTransform()], [new ExpTransform()]); // true
 */
export function sameTransforms(a: readonly Transform[], b: readonly Transform[]): boolean {
  return a.length === b.length && a.every((t, i) => sameTransform(t, b[i]!));
}
