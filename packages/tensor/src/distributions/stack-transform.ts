import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { stack as stackTensors } from '../ops/join.js';
import type { Constraint } from './constraints.js';
import { stack } from './joined-constraints.js';
import { readCacheSize, Transform, type TransformOptions } from './transform.js';

/** StackTransform's options: torch's dim beside cacheSize. */
export interface StackTransformOptions extends TransformOptions {
  /** The dim whose slices the transforms map, one each (torch's dim). Default 0. */
  dim?: number;
}

/**
 * Refuses a list that is not an array of transforms (torch's assert).
 * @example
 * checkTransformList('StackTransform', [new ExpTransform()]);
 */
export function checkTransformList(name: string, transforms: readonly Transform[]): void {
  if (!Array.isArray(transforms) || !transforms.every((t) => t instanceof Transform))
    throw new Error(`${name}: expects a list of Transforms, got ${String(transforms)}`);
}

/**
 * `dim` as an axis of `value`, refusing one outside [−ndim, ndim) (torch's assert).
 * @example
 * joinedAxis('StackTransform.call', -1, zeros([2, 3])); // 1
 */
export function joinedAxis(operation: string, dim: number, value: Tensor): number {
  if (dim < -value.ndim || dim >= value.ndim) throw new Error(`${operation}: dim ${dim} is out of range for a value of ${value.ndim} dims`);
  return dim < 0 ? dim + value.ndim : dim;
}

/**
 * Transforms applied to the slices of the input at each index along `dim`, the i-th transform to the
 * i-th slice, their results stacked back (torch's StackTransform, compatible with stack);
 * logAbsDetJacobian stacks the slices' along dim. domain and codomain are constraints.stack of the
 * transforms'.
 * @example
 * const { StackTransform, ExpTransform, identityTransform } = distributions.transforms;
 * new StackTransform([new ExpTransform(), identityTransform], { dim: 1 }).call(tensor([[0, 5]])); // [[1, 5]]
 */
export class StackTransform extends Transform {
  /** The transforms, one per slice. */
  readonly transforms: readonly Transform[];
  /** The dim whose slices are mapped. */
  readonly dim: number;

  constructor(transforms: readonly Transform[], options?: StackTransformOptions) {
    const name = 'StackTransform';
    const cacheSize = readCacheSize(name, options, ['cacheSize', 'dim']);
    checkTransformList(name, transforms);
    super(name, cacheSize);
    const { dim = 0 } = options ?? {};
    if (!Number.isInteger(dim)) throw new Error(`${name}: dim must be an integer, got ${String(dim)}`);
    this.transforms = cacheSize ? transforms.map((t) => t.withCache(cacheSize)) : [...transforms];
    this.dim = dim;
  }

  get domain(): Constraint {
    return stack(
      this.transforms.map((t) => t.domain),
      this.dim,
    );
  }
  get codomain(): Constraint {
    return stack(
      this.transforms.map((t) => t.codomain),
      this.dim,
    );
  }
  override get bijective(): boolean {
    return this.transforms.every((t) => t.bijective);
  }
  protected override withCacheSize(cacheSize: 0 | 1): Transform {
    return new (this.constructor as typeof StackTransform)(this.transforms, { dim: this.dim, cacheSize });
  }

  /** The slices of `value` along dim, one per transform. */
  private slices(operation: string, value: Tensor): Tensor[] {
    const axis = joinedAxis(`${this.name}.${operation}`, this.dim, value);
    if (value.shape[axis] !== this.transforms.length)
      throw new Error(
        `${this.name}.${operation}: expected ${this.transforms.length} slices (one per transform) along dim ${this.dim}, got ${value.shape[axis]}`,
      );
    return this.transforms.map((_, i) => value.select(axis, i));
  }

  protected override forward(x: Tensor): Tensor {
    return composite(() => {
      const slices = this.slices('call', x);
      return stackTensors(
        this.transforms.map((t, i) => t.call(slices[i]!)),
        this.dim,
      );
    });
  }
  protected override inverse(y: Tensor): Tensor {
    return composite(() => {
      const slices = this.slices('inverse', y);
      return stackTensors(
        this.transforms.map((t, i) => t.inv.call(slices[i]!)),
        this.dim,
      );
    });
  }
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    return composite(() => {
      const [xs, ys] = [this.slices('logAbsDetJacobian', x), this.slices('logAbsDetJacobian', y)];
      return stackTensors(
        this.transforms.map((t, i) => t.logAbsDetJacobian(xs[i]!, ys[i]!)),
        this.dim,
      );
    });
  }

  override toString(): string {
    return `StackTransform(${this.transforms.join(', ')})`;
  }
}
