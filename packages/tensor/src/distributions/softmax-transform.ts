import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { type Constraint, independent, real, simplex } from './constraints.js';
import { readCacheSize, Transform, type TransformOptions } from './transform.js';

const realVector = /* @__PURE__ */ independent(real, 1);

/** Throws torch's error for an input of no dims. */
export function requireVector(name: string, shape: readonly number[]): void {
  if (shape.length < 1) throw new Error(`${name}: Too few dimensions on input`);
}

/**
 * From real vectors to the simplex: y = eˣ normalised over the last dim (torch's SoftmaxTransform).
 * Not bijective (adding a constant to x gives the same y): its inverse is log y, one of the preimages,
 * and it has no log-Jacobian. transformTo(simplex) gives it, for coordinate-wise optimisation.
 * @example
 * new distributions.transforms.SoftmaxTransform().call(tensor([0, Math.log(3)])); // [0.25, 0.75]
 */
export class SoftmaxTransform extends Transform {
  constructor(options?: TransformOptions) {
    super('SoftmaxTransform', readCacheSize('SoftmaxTransform', options));
  }
  get domain(): Constraint {
    return realVector;
  }
  get codomain(): Constraint {
    return simplex;
  }
  protected override withCacheSize(cacheSize: 0 | 1): Transform {
    return new (this.constructor as typeof SoftmaxTransform)({ cacheSize });
  }
  // e^(x − max x)/Σ e^(x − max x)
  protected override forward(x: Tensor): Tensor {
    return composite(() => {
      const probs = x.sub(x.amax(-1, true)).exp();
      return probs.div(probs.sum(-1, true));
    });
  }
  protected override inverse(y: Tensor): Tensor {
    return y.log();
  }
  override forwardShape(shape: readonly number[]): number[] {
    requireVector('SoftmaxTransform.forwardShape', shape);
    return [...shape];
  }
  override inverseShape(shape: readonly number[]): number[] {
    requireVector('SoftmaxTransform.inverseShape', shape);
    return [...shape];
  }
}
