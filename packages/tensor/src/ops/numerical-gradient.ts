import { isTensor } from '../core/brand.js';
import { checkOptions, describeValue, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { formatShape, normalizeDim, normalizeDims } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { add, div, mul, neg, sub } from './elementwise.js';
import { cat } from './join.js';
import { reshape, slice } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.gradient's keywords.
 * @example
 * gradient(f, { spacing: [tensor([0, 1, 3])], dim: 0, edgeOrder: 2 });
 */
export interface GradientOptions {
  /**
   * The sample spacing: one number for every dim, a number per dim, or per dim a 1-D tensor of the
   * sample coordinates (any spacing). Default 1.
   */
  spacing?: number | readonly number[] | readonly Tensor[];
  /** The dim or dims to differentiate along, in the order of the outputs. Default all, in order. */
  dim?: number | readonly number[];
  /** The order of the one-sided differences at the two ends: 1 or 2. Default 1. */
  edgeOrder?: number;
}

/** `x[start:end]` along `axis` (ends as in Python: negative from the end, undefined for the end). */
const along = (x: Tensor, axis: number, start: number, end?: number) => slice(x, axis, start, end);

/**
 * The derivative along `axis` with samples h apart: central differences (f[i+1] − f[i−1])/h/2 inside,
 * and at the ends (f₁ − f₀)/h (edge order 1) or (−1.5·f₀ + 2·f₁ − 0.5·f₂)/h (edge order 2), each end
 * mirrored; torch's order of operations.
 */
function evenlySpaced(x: Tensor, axis: number, h: number, edgeOrder: number): Tensor {
  const f = (start: number, end?: number) => along(x, axis, start, end);
  const center = div(div(sub(f(2), f(0, -2)), h), 2);
  if (edgeOrder === 1) return cat([div(sub(f(1, 2), f(0, 1)), h), center, div(sub(f(-1), f(-2, -1)), h)], axis);
  const first = div(sub(add(mul(f(0, 1), -1.5), mul(f(1, 2), 2)), mul(f(2, 3), 0.5)), h);
  const last = div(add(add(mul(f(-3, -2), 0.5), mul(f(-2, -1), -2)), mul(f(-1), 1.5)), h);
  return cat([first, center, last], axis);
}

/**
 * The derivative along `axis` at samples with coordinates t: with dx₁ = tᵢ − tᵢ₋₁ and dx₂ = tᵢ₊₁ − tᵢ,
 * f′ᵢ ≈ −dx₂/(dx₁(dx₁+dx₂))·fᵢ₋₁ + (dx₂−dx₁)/(dx₁dx₂)·fᵢ + dx₁/(dx₂(dx₁+dx₂))·fᵢ₊₁ (exact for
 * quadratics), and the one-sided formulas of the same orders at the ends (torch's gradient_helper).
 */
function atCoordinates(x: Tensor, axis: number, coordinates: Tensor, edgeOrder: number): Tensor {
  const f = (start: number, end?: number) => along(x, axis, start, end);
  const steps = sub(slice(coordinates, 0, 1), slice(coordinates, 0, 0, -1));
  const step = (i: number) => reshape(slice(steps, 0, i < 0 ? steps.shape[0]! + i : i, (i < 0 ? steps.shape[0]! + i : i) + 1), []);
  const onAxis = (t: Tensor) =>
    reshape(
      t,
      x.shape.map((_, d) => (d === axis ? -1 : 1)),
    );
  const [dx1, dx2] = [slice(steps, 0, 0, -1), slice(steps, 0, 1)];
  const before = onAxis(div(neg(dx2), mul(dx1, add(dx1, dx2))));
  const here = onAxis(div(sub(dx2, dx1), mul(dx1, dx2)));
  const after = onAxis(div(dx1, mul(dx2, add(dx1, dx2))));
  const center = add(add(mul(before, f(0, -2)), mul(here, f(1, -1))), mul(after, f(2)));
  if (edgeOrder === 1) return cat([div(sub(f(1, 2), f(0, 1)), step(0)), center, div(sub(f(-1), f(-2, -1)), step(-1))], axis);
  const [h0, h1, hLast, hBefore] = [step(0), step(1), step(-1), step(-2)];
  const firstWeights = [
    neg(div(add(mul(h0, 2), h1), mul(h0, add(h0, h1)))),
    div(add(h0, h1), mul(h0, h1)),
    div(neg(h0), mul(h1, add(h0, h1))),
  ];
  const lastWeights = [
    div(hLast, mul(hBefore, add(hLast, hBefore))),
    neg(div(add(hLast, hBefore), mul(hLast, hBefore))),
    div(add(mul(hLast, 2), hBefore), mul(hLast, add(hLast, hBefore))),
  ];
  const first = add(add(mul(firstWeights[0]!, f(0, 1)), mul(firstWeights[1]!, f(1, 2))), mul(firstWeights[2]!, f(2, 3)));
  const last = add(add(mul(lastWeights[0]!, f(-3, -2)), mul(lastWeights[1]!, f(-2, -1))), mul(lastWeights[2]!, f(-1)));
  return cat([first, center, last], axis);
}

/** The spacing option as one entry per differentiated dim, checked (torch's messages). */
function readSpacing(x: Tensor, spacing: GradientOptions['spacing'], axes: number[], dimGiven: boolean): (number | Tensor)[] {
  if (spacing === undefined) return axes.map(() => 1);
  if (typeof spacing === 'number') {
    if (!Number.isFinite(spacing)) throw new Error(`gradient: spacing must be a finite number, got ${spacing}`);
    return axes.map(() => spacing);
  }
  if (!Array.isArray(spacing))
    throw new Error(`gradient: spacing must be a number, a list of numbers or a list of tensors, got ${describeValue(spacing)}`);
  if (spacing.length !== axes.length)
    throw new Error(
      dimGiven
        ? `gradient: expected spacing to be unspecified, a number, or a list as long as dim (${axes.length}), but got a list of length ${spacing.length}`
        : `gradient: expected spacing to be unspecified, a number, or a list of length ${x.ndim} (x.ndim), but got a list of length ${spacing.length}`,
    );
  return spacing.map((entry: number | Tensor, index) => {
    if (isTensor(entry)) {
      assertSameDevice('gradient', [x, entry]);
      const extent = x.shape[axes[index]!]!;
      if (entry.ndim !== 1)
        throw new Error(
          `gradient: expected each element of spacing to have one dimension, but got one of shape ${formatShape(entry.shape)}`,
        );
      if (entry.shape[0] !== extent)
        throw new Error(`gradient: the coordinates for dim ${axes[index]} have ${entry.shape[0]} entries, expected its size ${extent}`);
      return entry;
    }
    if (typeof entry !== 'number' || !Number.isFinite(entry))
      throw new Error(`gradient: spacing[${index}] must be a finite number or a 1-D tensor, got ${describeValue(entry)}`);
    return entry;
  });
}

/**
 * The derivatives of the sampled function x along each of `dim` (torch.gradient): second-order accurate
 * central differences inside, first- or second-order one-sided ones (`edgeOrder`) at the two ends,
 * with the samples `spacing` apart or at the coordinates it gives per dim. Returns one tensor per dim
 * (none for a 0-D x), of x's shape; integer input gives float32. Differentiable (a linear map of x).
 * Every dim differentiated needs at least edgeOrder + 1 samples. Coordinates of the wrong length are
 * an error here (torch silently broadcasts them).
 * @example
 * gradient(tensor([1, 4, 9, 16]), { spacing: 2 }); // [[1.5, 2, 3, 3.5]]
 */
export function gradient(x: Tensor, options: GradientOptions = {}): Tensor[] {
  if (arguments.length > 2) refuseArgumentsPast('gradient', ['x', 'options'], arguments);
  checkOptions('gradient', options, ['spacing', 'dim', 'edgeOrder']);
  checkLive('gradient', 'input', x);
  const edgeOrder = options.edgeOrder ?? 1;
  if (edgeOrder !== 1 && edgeOrder !== 2)
    throw new Error(`gradient: only edgeOrder 1 and 2 are supported, got ${describeValue(edgeOrder)}`);
  const { dim } = options;
  if (dim !== undefined) normalizeDims('gradient', dim, x.ndim); // throws for a repeated or out-of-range dim
  const axes =
    dim === undefined
      ? x.shape.map((_, axis) => axis)
      : (typeof dim === 'number' ? [dim] : dim).map((d) => normalizeDim('gradient', d, x.ndim));
  const spacing = readSpacing(x, options.spacing, axes, dim !== undefined);
  for (const axis of axes)
    if (x.shape[axis]! < edgeOrder + 1)
      throw new Error(
        `gradient: expected each dimension size to be at least edgeOrder + 1 = ${edgeOrder + 1}, but dim ${axis} of ${formatShape(x.shape)} has ${x.shape[axis]}`,
      );
  return axes.map((axis, index) => {
    const step = spacing[index]!;
    return composite(() => (isTensor(step) ? atCoordinates(x, axis, step, edgeOrder) : evenlySpaced(x, axis, step, edgeOrder)));
  });
}
