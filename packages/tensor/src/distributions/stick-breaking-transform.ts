import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { finfo } from '../core/type-info.js';
import { tensor } from '../ops/creation.js';
import { pad } from '../ops/join.js';
import { type Constraint, independent, real, simplex } from './constraints.js';
import { logSigmoid } from './log-sigmoid.js';
import { clippedSigmoid } from './sigmoid-transform.js';
import { requireVector } from './softmax-transform.js';
import { readCacheSize, Transform, type TransformOptions } from './transform.js';

const realVector = /* @__PURE__ */ independent(real, 1);

/** log [n, n − 1, …, 1] in `like`'s dtype and device: the offsets that centre the stick-breaking fractions. */
function logOffsets(n: number, like: Tensor): Tensor {
  return composite(() =>
    tensor(
      Array.from({ length: n }, (_, i) => n - i),
      { dtype: like.dtype, device: like.device },
    ).log(),
  );
}

/**
 * From real vectors of K entries to the simplex of K + 1 by stick-breaking (torch's
 * StickBreakingTransform): zᵢ = σ(xᵢ − log(K + 1 − i)) is the fraction of the stick left that part i
 * takes, the last part the rest. Bijective (biject_to(simplex)); log |det| is that of the map to the
 * first K parts.
 * @example
 * new distributions.transforms.StickBreakingTransform().call(tensor([0, 0])); // [1/3, 1/3, 1/3]
 */
export class StickBreakingTransform extends Transform {
  constructor(options?: TransformOptions) {
    super('StickBreakingTransform', readCacheSize('StickBreakingTransform', options));
  }
  get domain(): Constraint {
    return realVector;
  }
  get codomain(): Constraint {
    return simplex;
  }
  override get bijective(): boolean {
    return true;
  }
  protected override withCacheSize(cacheSize: 0 | 1): Transform {
    return new (this.constructor as typeof StickBreakingTransform)({ cacheSize });
  }
  // y = [z, 1]·[1, Π(1 − z)], the fractions clipped as SigmoidTransform's
  protected override forward(x: Tensor): Tensor {
    return composite(() => {
      const z = clippedSigmoid(x.sub(logOffsets(x.shape[x.ndim - 1]!, x)));
      const remaining = z.neg().add(1).cumprod(-1);
      return pad(z, [0, 1], 1).mul(pad(remaining, [1, 0], 1));
    });
  }
  // log yᵢ − log(1 − Σ_{j≤i} yⱼ) + log(K + 1 − i), the stick left clamped to the smallest normal number
  protected override inverse(y: Tensor): Tensor {
    return composite(() => {
      const parts = y.shape[y.ndim - 1]! - 1;
      const crop = y.narrow(-1, 0, parts);
      const left = crop
        .cumsum(-1)
        .neg()
        .add(1)
        .clamp({ min: finfo(y.dtype === 'float64' ? 'float64' : 'float32').tiny });
      return crop.log().sub(left.log()).add(logOffsets(parts, y));
    });
  }
  // Σ −x' + log σ(x') + log yᵢ over the first K parts, x' = x − log offsets
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    return composite(() => {
      const parts = x.shape[x.ndim - 1]!;
      const shifted = x.sub(logOffsets(parts, x));
      return shifted
        .neg()
        .add(logSigmoid(shifted))
        .add(y.narrow(-1, 0, y.shape[y.ndim - 1]! - 1).log())
        .sum(-1);
    });
  }
  override forwardShape(shape: readonly number[]): number[] {
    requireVector('StickBreakingTransform.forwardShape', shape);
    return [...shape.slice(0, -1), shape[shape.length - 1]! + 1];
  }
  override inverseShape(shape: readonly number[]): number[] {
    requireVector('StickBreakingTransform.inverseShape', shape);
    return [...shape.slice(0, -1), shape[shape.length - 1]! - 1];
  }
}
