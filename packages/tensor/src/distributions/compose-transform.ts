import { isTensor } from '../core/brand.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { zerosLike } from '../ops/creation.js';
import { type Constraint, independent, real } from './constraints.js';
import { sumRightmost } from './distribution.js';
import { readCacheSize, Transform, type TransformOptions } from './transform.js';

/** The product of the parts' signs (a number while they are numbers). */
function productOfSigns(signs: (number | Tensor)[]): number | Tensor {
  let product: number | Tensor = 1;
  for (const sign of signs) {
    if (typeof product === 'number' && typeof sign === 'number') product *= sign;
    else product = isTensor(product) ? product.mul(sign) : (sign as Tensor).mul(product);
  }
  return product;
}

/**
 * The transforms `parts` applied in order, x ↦ parts[n−1](…parts[0](x)) (torch's ComposeTransform);
 * no parts is the identity (`transforms.identityTransform`). The log-Jacobian sums the parts', each
 * summed over the event dims it lacks against the composition's: e.g. a scalar AffineTransform
 * followed by a StickBreakingTransform gives one value per vector. The parts do the caching:
 * `{ cacheSize: 1 }` gives each part that cache.
 * @example
 * const { ComposeTransform, ExpTransform, AffineTransform } = distributions.transforms;
 * const t = new ComposeTransform([new ExpTransform(), new AffineTransform(2, 1)]); // y = 2 + eˣ
 * t.call(tensor([0])); // [3]
 * t.inv.call(tensor([3])); // [0]
 */
export class ComposeTransform extends Transform {
  /** The transforms, in the order they apply. */
  readonly parts: readonly Transform[];

  constructor(parts: readonly Transform[], options?: TransformOptions) {
    const cacheSize = readCacheSize('ComposeTransform', options);
    if (!Array.isArray(parts) || !parts.every((part) => part instanceof Transform))
      throw new Error('ComposeTransform: parts must be a list of transforms');
    super('ComposeTransform', cacheSize);
    this.parts = cacheSize ? parts.map((part) => part.withCache(cacheSize)) : [...parts];
  }

  // the first part's domain, made independent over the largest event dims the chain reaches
  get domain(): Constraint {
    const parts = this.parts;
    if (parts.length === 0) return real;
    const domain = parts[0]!.domain;
    let eventDim = parts[parts.length - 1]!.codomain.eventDim;
    for (const part of [...parts].reverse()) {
      eventDim += part.domain.eventDim - part.codomain.eventDim;
      eventDim = Math.max(eventDim, part.domain.eventDim);
    }
    return eventDim > domain.eventDim ? independent(domain, eventDim - domain.eventDim) : domain;
  }
  // the last part's codomain, likewise
  get codomain(): Constraint {
    const parts = this.parts;
    if (parts.length === 0) return real;
    const codomain = parts[parts.length - 1]!.codomain;
    let eventDim = parts[0]!.domain.eventDim;
    for (const part of parts) {
      eventDim += part.codomain.eventDim - part.domain.eventDim;
      eventDim = Math.max(eventDim, part.codomain.eventDim);
    }
    return eventDim > codomain.eventDim ? independent(codomain, eventDim - codomain.eventDim) : codomain;
  }
  override get bijective(): boolean {
    return this.parts.every((part) => part.bijective);
  }
  override get sign(): number | Tensor {
    return productOfSigns(this.parts.map((part) => part.sign));
  }
  // the inverses of the parts in reverse order, whose inverse is this composition
  override get inv(): Transform {
    if (!this.inverseTransform) {
      const inverse = new (this.constructor as typeof ComposeTransform)([...this.parts].reverse().map((part) => part.inv));
      inverse.inverseTransform = this;
      this.inverseTransform = inverse;
    }
    return this.inverseTransform;
  }
  protected override withCacheSize(cacheSize: 0 | 1): Transform {
    return new (this.constructor as typeof ComposeTransform)(this.parts, { cacheSize });
  }
  // the parts cache, not the composition (as torch's)
  override call(x: Tensor): Tensor {
    x.assertAlive('ComposeTransform');
    return this.forward(x);
  }
  override invCall(y: Tensor): Tensor {
    y.assertAlive('ComposeTransform');
    return this.inverse(y);
  }
  protected override forward(x: Tensor): Tensor {
    let value = x;
    for (const part of this.parts) value = part.call(value);
    return value;
  }
  protected override inverse(y: Tensor): Tensor {
    let value = y;
    for (const part of [...this.parts].reverse()) value = part.inv.call(value);
    return value;
  }
  // Σ over the parts of their log-Jacobians at the intermediate values, each summed to the composition's events
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    if (this.parts.length === 0) return zerosLike(x);
    return composite(() => {
      const values = [x];
      for (const part of this.parts.slice(0, -1)) values.push(part.call(values[values.length - 1]!));
      values.push(y);
      let eventDim = this.domain.eventDim;
      let total: Tensor | null = null;
      this.parts.forEach((part, i) => {
        const term = sumRightmost(part.logAbsDetJacobian(values[i]!, values[i + 1]!), eventDim - part.domain.eventDim);
        eventDim += part.codomain.eventDim - part.domain.eventDim;
        total = total ? total.add(term) : term;
      });
      return total!;
    });
  }
  override forwardShape(shape: readonly number[]): number[] {
    let result = [...shape];
    for (const part of this.parts) result = part.forwardShape(result);
    return result;
  }
  override inverseShape(shape: readonly number[]): number[] {
    let result = [...shape];
    for (const part of [...this.parts].reverse()) result = part.inverseShape(result);
    return result;
  }
  override toString(): string {
    return `ComposeTransform(${this.parts.map(String).join(', ')})`;
  }
}

/**
 * The identity, a composition of no transforms (torch's identity_transform): what bijectTo(real) and
 * transformTo(real) give.
 * @example
 * distributions.transforms.identityTransform.call(x); // x
 */
export const identityTransform = /* @__PURE__ */ new ComposeTransform([]);
