import { noGrad } from '../autograd/grad-mode.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { finfo } from '../core/type-info.js';
import { attachDerivative } from '../ops/attach-derivative.js';
import { type Constraint, real, unitInterval } from './constraints.js';
import { readCacheSize, Transform, type TransformOptions } from './transform.js';

/** The smallest normal number and the machine epsilon of x's dtype. */
function limitsOf(x: Tensor): { tiny: number; eps: number } {
  const info = finfo(x.dtype === 'float64' ? 'float64' : 'float32');
  return { tiny: info.tiny, eps: info.eps };
}

/**
 * σ(x) clamped to [tiny, 1 − ε] of x's dtype (torch's _clipped_sigmoid), so that its logit is finite.
 * Its gradient is torch's: y·(1 − y) from the output y where σ(x) lies in [tiny, 1 − ε], 0 where it is
 * clamped. Written from the rounded output, as torch's sigmoid backward, it cancels against the rounded
 * 1 − y a caller takes (StickBreakingTransform's stick left near a fraction of 1), where the exact
 * derivative would not.
 * @example
 * clippedSigmoid(tensor([100])); // [0.99999988] (1 − ε in float32)
 */
export function clippedSigmoid(x: Tensor): Tensor {
  const { tiny, eps } = limitsOf(x);
  return composite(() => {
    const [value, inside] = noGrad(() => {
      const s = x.sigmoid();
      return [s.clamp(tiny, 1 - eps), s.ge(tiny).logicalAnd(s.le(1 - eps))] as const;
    });
    return attachDerivative('ClippedSigmoid', value, x, inside, (_, y) => y.mul(y.neg().add(1)));
  });
}

/**
 * y = σ(x) = 1/(1 + e^(−x)), from the reals to [0, 1] (torch's SigmoidTransform): the forward map is
 * clamped to [tiny, 1 − ε] and the inverse logit(y) clamps y the same way, so both stay finite;
 * log |dy/dx| = −softplus(−x) − softplus(x).
 * @example
 * new distributions.transforms.SigmoidTransform().call(tensor([0])); // [0.5]
 */
export class SigmoidTransform extends Transform {
  constructor(options?: TransformOptions) {
    super('SigmoidTransform', readCacheSize('SigmoidTransform', options));
  }
  get domain(): Constraint {
    return real;
  }
  get codomain(): Constraint {
    return unitInterval;
  }
  override get bijective(): boolean {
    return true;
  }
  override get sign(): number {
    return 1;
  }
  protected override withCacheSize(cacheSize: 0 | 1): Transform {
    return new (this.constructor as typeof SigmoidTransform)({ cacheSize });
  }
  protected override forward(x: Tensor): Tensor {
    return clippedSigmoid(x);
  }
  // log y − log(1 − y), y clamped to [tiny, 1 − ε]
  protected override inverse(y: Tensor): Tensor {
    const { tiny, eps } = limitsOf(y);
    return composite(() => {
      const clamped = y.clamp(tiny, 1 - eps);
      return clamped.log().sub(clamped.neg().log1p());
    });
  }
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    void y;
    return composite(() => x.neg().softplus().neg().sub(x.softplus()));
  }
}
