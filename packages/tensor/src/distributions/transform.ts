import { checkOptions } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';
import type { Constraint } from './constraints.js';

/**
 * The option every transform takes (torch's cache_size).
 * @example
 * const tanh = new distributions.transforms.TanhTransform({ cacheSize: 1 });
 */
export interface TransformOptions {
  /**
   * 1 keeps the latest pair (x, y): calling the transform again on the same x tensor (or its inverse on
   * that y) returns the other without computing it, as torch's cache_size=1 (the way to invert tanh at
   * draws that rounded to ±1). 0 computes every time. Only 0 and 1 exist, as in torch. Default 0.
   */
  cacheSize?: 0 | 1;
}

/** The keys of TransformOptions. */
export const transformOptionKeys = ['cacheSize'] as const;

/**
 * Reads `cacheSize` (0 or 1) from a transform's options.
 * @example
 * readCacheSize('ExpTransform', { cacheSize: 1 }); // 1
 */
export function readCacheSize(
  name: string,
  options: TransformOptions | undefined,
  allowed: readonly string[] = transformOptionKeys,
): 0 | 1 {
  const { cacheSize = 0 } = checkOptions(name, options ?? {}, allowed);
  if (cacheSize !== 0 && cacheSize !== 1) throw new Error(`${name}: cache_size must be 0 or 1, got ${String(cacheSize)}`);
  return cacheSize;
}

/**
 * An invertible map x ↦ y with a computable log |det ∂y/∂x| (torch.distributions.transforms.Transform),
 * used by TransformedDistribution and by bijectTo/transformTo. `call(x)` is the forward map, `inv` the
 * inverse transform (`t.inv.inv === t`), `logAbsDetJacobian(x, y)` the log-Jacobian term with one value
 * per event of `eventDim` right-most dims. `domain` and `codomain` are the constraints of x and y.
 * With `{ cacheSize: 1 }` the latest (x, y) pair is kept, compared by identity as torch's cache.
 * @example
 * const t = new distributions.transforms.ExpTransform();
 * const y = t.call(tensor([0, 1])); // [1, 2.7183]
 * t.inv.call(y); // [0, 1]
 * t.logAbsDetJacobian(tensor([0, 1]), y); // [0, 1]
 */
export abstract class Transform {
  /** 0: nothing is cached; 1: the latest (x, y) pair is (torch's cache_size). */
  readonly cacheSize: 0 | 1;
  /** The cached pair (cacheSize 1). */
  private cached: [Tensor | null, Tensor | null] = [null, null];
  /** The inverse transform, made on first use. */
  protected inverseTransform: Transform | null = null;

  /**
   * @param name - torch's class name, for `toString()` and messages
   */
  protected constructor(
    readonly name: string,
    cacheSize: 0 | 1 = 0,
  ) {
    this.cacheSize = cacheSize;
  }

  /** The constraint of the inputs x. */
  abstract get domain(): Constraint;
  /** The constraint of the outputs y (the inputs of the inverse). */
  abstract get codomain(): Constraint;

  /** Whether `inv(call(x)) = x` and `call(inv(y)) = y` on the domain and codomain (torch's bijective). */
  get bijective(): boolean {
    return false;
  }

  /** The number of right-most dims of one event, when domain and codomain agree on it (torch's event_dim). */
  get eventDim(): number {
    if (this.domain.eventDim === this.codomain.eventDim) return this.domain.eventDim;
    throw new Error(`${this.name}: Please use either .domain.event_dim or .codomain.event_dim`);
  }

  /** +1 or −1 (or a tensor of them) as a bijective univariate transform increases or decreases. */
  get sign(): number | Tensor {
    throw new Error(`${this.name}.sign is not implemented (torch raises NotImplementedError)`);
  }

  /**
   * The inverse transform, y ↦ x, sharing this transform's cache; `t.inv.inv === t`.
   * @example
   * new distributions.transforms.SigmoidTransform().inv.call(tensor([0.5])); // [0]
   */
  get inv(): Transform {
    this.inverseTransform ??= new InverseTransform(this);
    return this.inverseTransform;
  }

  /**
   * This transform with another cacheSize (itself when it already has that size).
   * @example
   * new distributions.transforms.TanhTransform().withCache(1).cacheSize; // 1
   */
  withCache(cacheSize: 0 | 1 = 1): Transform {
    if (cacheSize === this.cacheSize) return this;
    readCacheSize(this.name, { cacheSize });
    return this.withCacheSize(cacheSize);
  }

  /** A copy of this transform with `cacheSize`. */
  protected withCacheSize(cacheSize: 0 | 1): Transform {
    void cacheSize;
    throw new Error(`${this.name}.with_cache is not implemented (torch raises NotImplementedError)`);
  }

  /**
   * The forward map y = f(x) (torch's `t(x)`), taken from the cache when x is the tensor cached.
   * @example
   * new distributions.transforms.AffineTransform(1, 2).call(tensor([0, 1])); // [1, 3]
   */
  call(x: Tensor): Tensor {
    x.assertAlive(this.name);
    if (this.cacheSize === 0) return this.forward(x);
    const [cachedX, cachedY] = this.cached;
    if (x === cachedX && cachedY && !cachedY.isDisposed) return cachedY;
    const y = this.forward(x);
    this.cached = [x, y];
    return y;
  }

  /**
   * The inverse map x = f⁻¹(y) through the cache (torch's _inv_call): `t.inv.call(y)` calls it.
   * @example
   * new distributions.transforms.ExpTransform().invCall(tensor([1])); // [0]
   */
  invCall(y: Tensor): Tensor {
    y.assertAlive(this.name);
    if (this.cacheSize === 0) return this.inverse(y);
    const [cachedX, cachedY] = this.cached;
    if (y === cachedY && cachedX && !cachedX.isDisposed) return cachedX;
    const x = this.inverse(y);
    this.cached = [x, y];
    return x;
  }

  /** The forward computation (torch's _call). */
  protected forward(x: Tensor): Tensor {
    void x;
    throw new Error(`${this.name}: the forward map is not implemented (torch raises NotImplementedError)`);
  }

  /** The inverse computation (torch's _inverse). */
  protected inverse(y: Tensor): Tensor {
    void y;
    throw new Error(`${this.name}: the inverse map is not implemented (torch raises NotImplementedError)`);
  }

  /**
   * log |det ∂y/∂x| at x and y = call(x): one value per event of eventDim dims (the shape of x
   * without its last domain.eventDim dims).
   * @example
   * new distributions.transforms.ExpTransform().logAbsDetJacobian(x, y); // x
   */
  logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    void x;
    void y;
    throw new Error(`${this.name}.log_abs_det_jacobian is not implemented (torch raises NotImplementedError)`);
  }

  /**
   * The shape of call(x) for x of `shape` (torch's forward_shape): the same shape unless the transform
   * changes it or broadcasts with its parameters.
   * @example
   * new distributions.transforms.StickBreakingTransform().forwardShape([2, 3]); // [2, 4]
   */
  forwardShape(shape: readonly number[]): number[] {
    return [...shape];
  }

  /**
   * The shape of inv(y) for y of `shape` (torch's inverse_shape).
   * @example
   * new distributions.transforms.StickBreakingTransform().inverseShape([2, 4]); // [2, 3]
   */
  inverseShape(shape: readonly number[]): number[] {
    return [...shape];
  }

  /**
   * torch's repr, e.g. 'ExpTransform()'.
   * @example
   * String(new distributions.transforms.ExpTransform()); // 'ExpTransform()'
   */
  toString(): string {
    return `${this.name}()`;
  }
}

/**
 * The inverse of a transform (torch's _InverseTransform, made by `t.inv`): domain and codomain swap,
 * the log-Jacobian changes sign, and the calls go through the original's cache.
 * @example
 * const logit = new distributions.transforms.SigmoidTransform().inv;
 * logit.call(tensor([0.5])); // [0]
 */
export class InverseTransform extends Transform {
  constructor(readonly base: Transform) {
    super('_InverseTransform', base.cacheSize);
    this.inverseTransform = base;
  }
  get domain(): Constraint {
    return this.base.codomain;
  }
  get codomain(): Constraint {
    return this.base.domain;
  }
  override get bijective(): boolean {
    return this.base.bijective;
  }
  override get sign(): number | Tensor {
    return this.base.sign;
  }
  override get inv(): Transform {
    return this.base;
  }
  override withCache(cacheSize: 0 | 1 = 1): Transform {
    return this.base.withCache(cacheSize).inv;
  }
  override call(x: Tensor): Tensor {
    return this.base.invCall(x);
  }
  override invCall(y: Tensor): Tensor {
    return this.base.call(y);
  }
  // log |det ∂x/∂y| = −log |det ∂y/∂x|
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    return this.base.logAbsDetJacobian(y, x).neg();
  }
  override forwardShape(shape: readonly number[]): number[] {
    return this.base.inverseShape(shape);
  }
  override inverseShape(shape: readonly number[]): number[] {
    return this.base.forwardShape(shape);
  }
  override toString(): string {
    return `_InverseTransform(${this.base})`;
  }
}
