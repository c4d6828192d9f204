import { noGrad } from '../autograd/grad-mode.js';
import { isTensor } from '../core/brand.js';
import { getDefaultDtype } from '../core/default-dtype.js';
import { composite } from '../core/scope.js';
import { formatShape, shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { tensor } from '../ops/creation.js';
import { ComposeTransform } from './compose-transform.js';
import { type Constraint, independent } from './constraints.js';
import { Distribution, type DistributionOptions, optionKeys, readValidateArgs, sumRightmost } from './distribution.js';
import { ExpandedDistribution } from './expanded-distribution.js';
import { Independent } from './independent.js';
import { Transform } from './transform.js';

/**
 * The distribution of Y = f(X) for X ~ `base` and f the `transforms` applied in order
 * (torch.distributions.TransformedDistribution): draws are the base's draws pushed through the
 * transforms (reparameterised when the base's are), and
 * log p(y) = log p_X(f⁻¹(y)) − Σ log |det ∂fᵢ/∂x| at the intermediate values, each term summed over
 * the event dims the distribution has beyond the transform's. The event shape is the largest the
 * base and the transforms need (a StickBreakingTransform makes the base's last dim an event of one
 * more entry); the base is made Independent over the dims the transforms take as events, and its
 * batch is broadcast where the transforms' parameters are larger. cdf and icdf go through the base's
 * for monotone transforms, flipped where the transforms decrease (their sign). mean, variance and
 * entropy are not defined (torch raises NotImplementedError).
 * @example
 * const { ExpTransform, AffineTransform, TanhTransform } = distributions.transforms;
 * const logNormal = new distributions.TransformedDistribution(new distributions.Normal(0, 1), [new ExpTransform()]);
 * logNormal.logProb(tensor([1])); // [-0.9189], as distributions.LogNormal(0, 1)
 * const squashed = new distributions.TransformedDistribution(new distributions.Normal(loc, scale), [new TanhTransform(), new AffineTransform(0, 2)]);
 * squashed.rsample([8]); // in [−2, 2], gradients reach loc and scale
 */
export class TransformedDistribution extends Distribution {
  /** The distribution of X (made Independent or broadcast as the transforms need). */
  readonly baseDist: Distribution;
  /** The transforms, in the order they apply to a draw of the base. */
  readonly transforms: readonly Transform[];

  constructor(baseDistribution: Distribution, transforms: Transform | readonly Transform[], options?: DistributionOptions) {
    // a subclass (LogisticNormal) names itself in messages
    const name = (new.target as { distributionName?: string }).distributionName ?? 'TransformedDistribution';
    if (!(baseDistribution instanceof Distribution)) throw new Error(`${name}: base_distribution must be a distribution`);
    let list: Transform[];
    if (transforms instanceof Transform) list = [transforms];
    else if (Array.isArray(transforms)) {
      if (!transforms.every((t) => t instanceof Transform))
        throw new Error(`${name}: transforms must be a Transform or a list of Transforms`);
      list = [...transforms];
    } else throw new Error(`${name}: transforms must be a Transform or list, but was ${String(transforms)}`);
    const validateArgs = readValidateArgs(name, options, optionKeys);

    // the base reshaped as the transforms need
    let base = baseDistribution;
    const baseShape = [...base.batchShape, ...base.eventShape];
    const baseEventDim = base.eventShape.length;
    const transform = new ComposeTransform(list);
    const domainEventDim = transform.domain.eventDim;
    if (baseShape.length < domainEventDim)
      throw new Error(
        `${name}: base_distribution needs to have shape with size at least ${domainEventDim}, but got ${formatShape(baseShape)}.`,
      );
    const shape = transform.forwardShape(baseShape);
    const expandedBaseShape = transform.inverseShape(shape);
    if (!shapesEqual(baseShape, expandedBaseShape))
      base = new ExpandedDistribution(base, expandedBaseShape.slice(0, expandedBaseShape.length - baseEventDim));
    const reinterpreted = domainEventDim - baseEventDim;
    if (reinterpreted > 0) base = new Independent(base, reinterpreted);

    const eventDim = transform.codomain.eventDim + Math.max(baseEventDim - domainEventDim, 0);
    const cut = shape.length - eventDim;
    super(name, shape.slice(0, cut), shape.slice(cut), validateArgs);
    this.baseDist = base;
    this.transforms = list;
  }
  /**
   * torch's expand: the base expanded to the batch that the transforms map onto
   * [...batchShape, ...eventShape] (the shape taken back through each transform's inverseShape, less
   * the base's event dims); the transforms are kept.
   * @example
   * new distributions.TransformedDistribution(new distributions.Normal(0, 1), [new ExpTransform()]).expand([2]).batchShape; // [2]
   */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => {
      let shape = [...batch, ...this.eventShape];
      for (const t of [...this.transforms].reverse()) shape = t.inverseShape(shape);
      return { baseDist: this.baseDist.expand(shape.slice(0, shape.length - this.baseDist.eventShape.length)) };
    });
  }

  override get hasRsample(): boolean {
    return this.baseDist.hasRsample;
  }
  // the last transform's codomain, independent over the event dims it lacks
  get support(): Constraint {
    const last = this.transforms[this.transforms.length - 1];
    if (!last) return this.baseDist.support;
    const support = last.codomain;
    const extra = this.eventShape.length - support.eventDim;
    return extra > 0 ? independent(support, extra) : support;
  }
  get mean(): Tensor {
    throw new Error(`${this.name}.mean is not implemented (torch raises NotImplementedError)`);
  }
  get variance(): Tensor {
    throw new Error(`${this.name}.variance is not implemented (torch raises NotImplementedError)`);
  }
  entropy(): Tensor {
    throw new Error(`${this.name}.entropy is not implemented (torch raises NotImplementedError)`);
  }

  /** Whether a transform keeps its latest pair: then the intermediates of a draw stay alive for it. */
  private get caches(): boolean {
    return this.transforms.some((t) => t.cacheSize > 0);
  }

  /** The transforms applied to the base's draw, in a scope unless a transform caches the intermediates. */
  private push(draw: () => Tensor): Tensor {
    const run = () => {
      let x = draw();
      for (const t of this.transforms) x = t.call(x);
      return x;
    };
    return this.caches ? run() : composite(run);
  }

  override sample(sampleShape: readonly number[] = []): Tensor {
    return noGrad(() => this.push(() => this.baseDist.sample(sampleShape)));
  }
  override rsample(sampleShape: readonly number[] = []): Tensor {
    return this.push(() => this.baseDist.rsample(sampleShape));
  }

  /** A number as a tensor of the default dtype (the transforms need tensors). */
  private tensorOf(operation: string, value: Tensor | number): Tensor {
    const x = isTensor(value) ? value : tensor(value, { dtype: getDefaultDtype() });
    x.assertAlive(`${this.name}.${operation}`);
    return x;
  }

  // log p_X(x) − Σ log |det ∂fᵢ/∂x|, going back through the transforms
  logProb(value: Tensor | number): Tensor {
    const given = this.tensorOf('logProb', value);
    const y0 = this.checkValue('logProb', given, given);
    const run = () => {
      let eventDim = this.eventShape.length;
      let total: Tensor | null = null;
      let y = y0;
      for (const t of [...this.transforms].reverse()) {
        const x = t.inv.call(y);
        eventDim += t.domain.eventDim - t.codomain.eventDim;
        const term = sumRightmost(t.logAbsDetJacobian(x, y), eventDim - t.domain.eventDim);
        total = total ? total.sub(term) : term.neg();
        y = x;
      }
      const base = sumRightmost(this.baseDist.logProb(y), eventDim - this.baseDist.eventShape.length);
      return total ? total.add(base) : base;
    };
    return this.caches ? run() : composite(run);
  }

  /** 1 when every transform increases (a number), else the product of their signs. */
  private monotonize(value: Tensor): Tensor {
    let sign: number | Tensor = 1;
    for (const t of this.transforms) {
      const next = t.sign;
      sign = typeof sign === 'number' && typeof next === 'number' ? sign * next : mulSign(sign, next);
    }
    if (sign === 1) return value;
    return value.sub(0.5).mul(sign).add(0.5);
  }

  // the base's cdf at f⁻¹(value), flipped (1 − F) where the transforms decrease
  override cdf(value: Tensor | number): Tensor {
    const given = this.tensorOf('cdf', value);
    return composite(() => {
      let x = given;
      for (const t of [...this.transforms].reverse()) x = t.inv.call(x);
      return this.monotonize(this.baseDist.cdf(x));
    });
  }

  // f(base icdf(p)), with p flipped where the transforms decrease
  override icdf(value: Tensor | number): Tensor {
    const given = this.tensorOf('icdf', value);
    return composite(() => {
      let x = this.baseDist.icdf(this.monotonize(given));
      for (const t of this.transforms) x = t.call(x);
      return x;
    });
  }
}

/** The product of two signs, at least one a tensor. */
function mulSign(a: number | Tensor, b: number | Tensor): Tensor {
  return isTensor(a) ? a.mul(b) : (b as Tensor).mul(a);
}
