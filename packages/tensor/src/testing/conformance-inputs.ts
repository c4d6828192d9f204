import type { DType } from '../core/dtype.js';
import { sizeOf } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { tensor } from '../ops/creation.js';
import { transpose, slice } from '../ops/views.js';

/** How a conformance input is generated. */
export interface InputSpec {
  shape: number[];
  /** normal: ±[0.2, 2]; positive: [0.5, 2.5]; unit: (−0.9, 0.9); index: int32 in [0, high); mask: bool. */
  kind?: 'normal' | 'positive' | 'unit' | 'index' | 'mask';
  high?: number;
  /** Materialise as a non-contiguous view (transposed, or every other element for rank 1). */
  nonContiguous?: boolean;
}

/** A small deterministic generator (independent of the library's RNG, which is itself under test). */
function lcg(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function hash(text: string): number {
  let value = 2166136261;
  for (let i = 0; i < text.length; i++) value = Math.imul(value ^ text.charCodeAt(i), 16777619);
  return value >>> 0;
}

export function inputValues(spec: InputSpec, seedText: string): number[] {
  const next = lcg(hash(seedText));
  const count = sizeOf(spec.shape);
  return Array.from({ length: count }, () => {
    const u = next();
    switch (spec.kind ?? 'normal') {
      case 'positive':
        return 0.5 + 2 * u;
      case 'unit':
        return -0.9 + 1.8 * u;
      case 'index':
        return Math.floor(u * (spec.high ?? 2));
      case 'mask':
        return u < 0.5 ? 1 : 0;
      default: {
        // magnitudes in [0.2, 2] with random sign: away from the kinks of abs/relu/max at 0
        const magnitude = 0.2 + 1.8 * next();
        return u < 0.5 ? -magnitude : magnitude;
      }
    }
  });
}

export function dtypeOf(spec: InputSpec, floatType: DType): DType {
  return spec.kind === 'index' ? 'int32' : spec.kind === 'mask' ? 'bool' : floatType;
}

/** Builds the input on `device`, as a non-contiguous view when asked; float inputs require grad. */
export function makeInput(spec: InputSpec, values: number[], floatType: DType, device: string, requiresGrad: boolean): Tensor {
  const dtype = dtypeOf(spec, floatType);
  // non-contiguous inputs are views of a leaf that requires grad: gradients are checked through the view
  const grads = requiresGrad && (dtype === 'float32' || dtype === 'float64');
  let result: Tensor;
  if (spec.nonContiguous && spec.shape.length >= 2) {
    const rank = spec.shape.length;
    const swapped = [...spec.shape];
    [swapped[rank - 2], swapped[rank - 1]] = [swapped[rank - 1]!, swapped[rank - 2]!];
    // store the transpose, so that transposing back yields the intended values in a strided view
    const stored = new Array<number>(values.length);
    const rows = spec.shape[rank - 2]!;
    const columns = spec.shape[rank - 1]!;
    const matrix = rows * columns;
    for (let base = 0; base < values.length; base += matrix)
      for (let i = 0; i < rows; i++) for (let j = 0; j < columns; j++) stored[base + j * rows + i] = values[base + i * columns + j]!;
    result = transpose(tensor(stored, { dtype, device, shape: swapped, requiresGrad: grads }), -1, -2);
  } else if (spec.nonContiguous && spec.shape.length === 1) {
    const spread = values.flatMap((value) => [value, 0]);
    result = slice(tensor(spread, { dtype, device, shape: [spread.length], requiresGrad: grads }), 0, 0, undefined, 2);
  } else result = tensor(values, { dtype, device, shape: spec.shape, requiresGrad: grads });
  return result;
}
