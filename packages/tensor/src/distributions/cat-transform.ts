import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { cat as concatenate } from '../ops/join.js';
import type { Constraint } from './constraints.js';
import { sumRightmost } from './distribution.js';
import { cat } from './joined-constraints.js';
import { checkTransformList, joinedAxis } from './stack-transform.js';
import { readCacheSize, Transform, type TransformOptions } from './transform.js';

/** CatTransform's options: torch's dim and lengths beside cacheSize. */
export interface CatTransformOptions extends TransformOptions {
  /** The dim along which the input is cut into parts (torch's dim). Default 0. */
  dim?: number;
  /** The size of each part along dim, one per transform (torch's lengths). Default 1 each. */
  lengths?: readonly number[];
}

/**
 * Transforms applied part by part to consecutive slices of the input along `dim`, of the given
 * `lengths`, their results concatenated (torch's CatTransform, compatible with cat): the i-th transform
 * maps the i-th slice. logAbsDetJacobian concatenates the parts' along dim when dim lies in the batch,
 * and adds them when it lies in the event; each part's is first summed over the event dims it lacks.
 * domain and codomain are constraints.cat of the parts'; eventDim is the largest of the parts'.
 * @example
 * const { CatTransform, ExpTransform, identityTransform } = distributions.transforms;
 * new CatTransform([new ExpTransform(), identityTransform], { dim: 0, lengths: [1, 2] }).call(tensor([0, 1, 2])); // [1, 1, 2]
 */
export class CatTransform extends Transform {
  /** The transforms, one per part. */
  readonly transforms: readonly Transform[];
  /** The dim the parts are cut along. */
  readonly dim: number;
  /** The sizes of the parts along dim. */
  readonly lengths: readonly number[];

  constructor(transforms: readonly Transform[], options?: CatTransformOptions) {
    const name = 'CatTransform';
    const cacheSize = readCacheSize(name, options, ['cacheSize', 'dim', 'lengths']);
    checkTransformList(name, transforms);
    super(name, cacheSize);
    const { dim = 0, lengths = transforms.map(() => 1) } = options ?? {};
    if (!Number.isInteger(dim)) throw new Error(`${name}: dim must be an integer, got ${String(dim)}`);
    if (!Array.isArray(lengths) || lengths.length !== transforms.length || !lengths.every((n) => Number.isInteger(n) && n >= 0))
      throw new Error(`${name}: lengths must hold one whole size ≥ 0 per transform (${transforms.length}), got ${String(lengths)}`);
    this.transforms = cacheSize ? transforms.map((t) => t.withCache(cacheSize)) : [...transforms];
    this.dim = dim;
    this.lengths = [...lengths];
  }

  /** The sum of the lengths: the size of dim the input must have. */
  get length(): number {
    return this.lengths.reduce((a, b) => a + b, 0);
  }
  override get eventDim(): number {
    return Math.max(0, ...this.transforms.map((t) => t.eventDim));
  }
  get domain(): Constraint {
    return cat(
      this.transforms.map((t) => t.domain),
      this.dim,
      this.lengths,
    );
  }
  get codomain(): Constraint {
    return cat(
      this.transforms.map((t) => t.codomain),
      this.dim,
      this.lengths,
    );
  }
  override get bijective(): boolean {
    return this.transforms.every((t) => t.bijective);
  }
  protected override withCacheSize(cacheSize: 0 | 1): Transform {
    return new (this.constructor as typeof CatTransform)(this.transforms, { dim: this.dim, lengths: this.lengths, cacheSize });
  }

  /** The axis of dim in `value`, whose size along it must be the sum of the lengths. */
  private axisOf(operation: string, value: Tensor): number {
    const axis = joinedAxis(`${this.name}.${operation}`, this.dim, value);
    if (value.shape[axis] !== this.length)
      throw new Error(
        `${this.name}.${operation}: expected size ${this.length} (the sum of lengths) along dim ${this.dim}, got ${value.shape[axis]}`,
      );
    return axis;
  }

  /** `map(transform, slice, i)` on each part, the results concatenated along dim. */
  private eachPart(operation: string, value: Tensor, map: (t: Transform, part: Tensor, start: number, length: number) => Tensor): Tensor {
    const axis = this.axisOf(operation, value);
    return composite(() => {
      let start = 0;
      const parts = this.transforms.map((t, i) => {
        const length = this.lengths[i]!;
        const result = map(t, value.narrow(axis, start, length), start, length);
        start += length;
        return result;
      });
      return concatenate(parts, this.dim);
    });
  }

  protected override forward(x: Tensor): Tensor {
    return this.eachPart('call', x, (t, part) => t.call(part));
  }
  protected override inverse(y: Tensor): Tensor {
    return this.eachPart('inverse', y, (t, part) => t.inv.call(part));
  }

  // the parts' terms, each summed to this eventDim; concatenated along a batch dim, added over an event dim
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    const axis = this.axisOf('logAbsDetJacobian', x);
    const axisOfY = this.axisOf('logAbsDetJacobian', y);
    return composite(() => {
      let start = 0;
      const terms = this.transforms.map((t, i) => {
        const length = this.lengths[i]!;
        const term = t.logAbsDetJacobian(x.narrow(axis, start, length), y.narrow(axisOfY, start, length));
        start += length;
        return sumRightmost(term, this.eventDim - t.eventDim);
      });
      const dim = (this.dim >= 0 ? this.dim - x.ndim : this.dim) + this.eventDim;
      if (dim < 0) return concatenate(terms, dim);
      return terms.reduce((total, term) => total.add(term));
    });
  }

  override toString(): string {
    return `CatTransform(${this.transforms.join(', ')})`;
  }
}
