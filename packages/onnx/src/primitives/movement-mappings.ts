import { ints, type Dimension } from '../graph/graph-builder.js';
import { isDynamic } from '../trace/dimensions.js';
import type { PrimitiveMappings } from './primitive-mapping.js';

/** Bounds for Slice that mean "to the end" and "past the start" whatever the extent. */
const TO_END = 2n ** 63n - 1n;
const BEFORE_START = -(2n ** 63n);

/**
 * The target of an ONNX Reshape that stays right when dynamic axes change: the leading axes that keep
 * their extent are copied (0), and the one dynamic axis left, if any, is inferred (-1) on the first
 * output axis whose extent it divides. Two dynamic axes merged or split are an error.
 */
export function reshapeTarget(
  inputShape: readonly number[],
  inputDims: readonly Dimension[],
  shape: readonly number[],
): { target: number[]; dims: Dimension[] } | string {
  const target: number[] = [...shape];
  const dims: Dimension[] = [...shape];
  let prefix = 0;
  while (prefix < shape.length && prefix < inputShape.length && shape[prefix] === inputShape[prefix]) {
    target[prefix] = 0; // ONNX: copy this extent from the input
    dims[prefix] = inputDims[prefix]!;
    prefix++;
  }
  const remaining = inputDims
    .map((dimension, axis) => ({ dimension, axis }))
    .filter(({ dimension, axis }) => axis >= prefix && isDynamic(dimension));
  if (remaining.length > 1)
    return `reshape of [${inputShape.join(', ')}] to [${shape.join(', ')}] merges or moves more than one dynamic axis`;
  if (remaining.length === 1) {
    const { dimension, axis } = remaining[0]!;
    const extent = inputShape[axis]!;
    const inferred = shape.findIndex((size, index) => index >= prefix && size % extent === 0);
    if (inferred < 0) return `reshape of [${inputShape.join(', ')}] to [${shape.join(', ')}] splits the dynamic axis ${axis}`;
    target[inferred] = -1;
    dims[inferred] = shape[inferred] === extent ? dimension! : null;
  }
  // a zero extent would mean "copy" to ONNX (allowzero = 0)
  if (shape.some((size, index) => size === 0 && index >= prefix)) return `reshape to [${shape.join(', ')}] has an empty axis`;
  return { target, dims };
}

export const movementMappings: PrimitiveMappings = {
  reshape: (context, output, [input], params) => {
    const x = context.valueOf(input!);
    const result = reshapeTarget(input!.shape, x.dims, params.shape as number[]);
    if (typeof result === 'string') throw context.error('reshape', result);
    return context.node1('Reshape', [x, context.int64s(result.target)], { type: output.dtype, dims: result.dims });
  },
  permute: (context, output, [input], params) => {
    const x = context.valueOf(input!);
    const order = params.order as number[];
    return context.node1('Transpose', [x], { type: output.dtype, dims: order.map((axis) => x.dims[axis]!) }, { perm: ints(order) });
  },
  expand: (context, output, [input], params) => {
    const x = context.valueOf(input!);
    const shape = params.shape as number[];
    const offset = shape.length - x.dims.length;
    // a dynamic input axis keeps its extent: 1 in Expand's target broadcasts to whatever it is at run time
    const dims: Dimension[] = shape.map((extent, axis) =>
      axis >= offset && isDynamic(x.dims[axis - offset]) ? x.dims[axis - offset]! : extent,
    );
    const target = shape.map((extent, axis) => (isDynamic(dims[axis]) ? 1 : extent));
    return context.node1('Expand', [x, context.int64s(target)], { type: output.dtype, dims });
  },
  slice: (context, output, [input], params) => {
    const x = context.valueOf(input!);
    const { starts, steps, lengths } = params as { starts: number[]; steps: number[]; lengths: number[] };
    const axes: number[] = [];
    const begins: bigint[] = [];
    const ends: bigint[] = [];
    const strides: bigint[] = [];
    const dims: Dimension[] = [...x.dims];
    for (let axis = 0; axis < starts.length; axis++) {
      const extent = input!.shape[axis]!;
      const [start, step, length] = [starts[axis]!, steps[axis]!, lengths[axis]!];
      if (start === 0 && step === 1 && length === extent) continue; // the whole axis
      dims[axis] = length;
      if (isDynamic(x.dims[axis])) {
        // the last element of a dynamic axis (output[-1] of a sequence) is the only slice that follows it
        if (!(length === 1 && step === 1 && start === extent - 1))
          throw context.error('slice', `slicing the dynamic axis ${axis} other than its last element is not supported`);
        axes.push(axis), begins.push(-1n), ends.push(TO_END), strides.push(1n);
        continue;
      }
      const last = start + (length - 1) * step;
      const end = step > 0 ? BigInt(last + 1) : last - 1 < 0 ? BEFORE_START : BigInt(last - 1);
      axes.push(axis), begins.push(BigInt(start)), ends.push(end), strides.push(BigInt(step));
    }
    if (axes.length === 0) return context.node1('Identity', [x], { type: output.dtype, dims });
    const inputs = [x, context.int64s(begins), context.int64s(ends), context.int64s(axes), context.int64s(strides)];
    return context.node1('Slice', inputs, { type: output.dtype, dims });
  },
  // a copy into a dense layout: nothing to do in a graph of values
  contiguous: (context, _output, [input]) => context.valueOf(input!),
  cat: (context, output, inputs, params) => {
    const axis = params.axis as number;
    const values = inputs.map((input) => context.valueOf(input));
    const dims: Dimension[] = output.shape.map((extent, index) => {
      if (index === axis) return values.some((value) => isDynamic(value.dims[index])) ? null : extent;
      return values.find((value) => isDynamic(value.dims[index]))?.dims[index] ?? extent;
    });
    return context.node1('Concat', values, { type: output.dtype, dims }, { axis: { kind: 'int', value: axis } });
  },
};
