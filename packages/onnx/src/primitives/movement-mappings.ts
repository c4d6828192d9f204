import { int, ints, type Dimension } from '../graph/graph-builder.js';
import { concatenatedDims, isDynamic } from '../trace/dimensions.js';
import { carrySum } from './dynamic-counts.js';
import type { PrimitiveMappings } from './primitive-mapping.js';
import { operandValues } from './run-time-constants.js';

/** Bounds for Slice that mean "to the end" and "past the start" whatever the extent. */
const TO_END = 2n ** 63n - 1n;
const BEFORE_START = -(2n ** 63n);

/**
 * A dynamic axis's extent as factors, outermost first: a name ('batch') alone, or, once a reshape has
 * merged it with fixed axes, the name among their extents ('batch*4' for [batch, 4] flattened). The
 * merged form is what lets a later reshape split the axis back (a product of 3-D inputs, or of
 * [N, H, L, d] heads, folds the batch into another axis and unfolds it) and is written to the model as
 * that axis's dim_param.
 */
type Factor = number | string;

function factorsOf(dimension: string): Factor[] {
  return dimension.split('*').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function dimensionOf(factors: readonly Factor[]): string {
  return factors.join('*');
}

/**
 * Input axes and output axes grouped by equal running products: each group of input axes holds
 * exactly the elements of its group of output axes (size-1 axes at the end join the last group).
 */
function axisGroups(
  inputShape: readonly number[],
  shape: readonly number[],
  start: number,
): { inputs: number[]; outputs: number[] }[] | null {
  const groups: { inputs: number[]; outputs: number[] }[] = [];
  let input = start;
  let output = start;
  while (input < inputShape.length && output < shape.length) {
    const group = { inputs: [input], outputs: [output] };
    let inputProduct = inputShape[input++]!;
    let outputProduct = shape[output++]!;
    while (inputProduct !== outputProduct) {
      if (inputProduct < outputProduct && input < inputShape.length) {
        group.inputs.push(input);
        inputProduct *= inputShape[input++]!;
      } else if (outputProduct < inputProduct && output < shape.length) {
        group.outputs.push(output);
        outputProduct *= shape[output++]!;
      } else return null;
    }
    groups.push(group);
  }
  const last = groups[groups.length - 1];
  for (; input < inputShape.length; input++) if (inputShape[input] !== 1 || !last) return null;
  for (; output < shape.length; output++) {
    if (shape[output] !== 1 || !last) return null;
    last.outputs.push(output);
  }
  for (; input < inputShape.length; input++) last!.inputs.push(input);
  return groups;
}

/**
 * The target of an ONNX Reshape that stays right when dynamic axes change: the leading axes that keep
 * their extent are copied (0); past them, the one dynamic axis left, if any, is inferred (-1) on the
 * output axis that holds it. A dynamic axis merged with fixed ones becomes one axis 'batch*4', which a
 * later reshape may split back along the same factors; two dynamic axes merged, split or left past the
 * copied ones are an error.
 */
export function reshapeTarget(
  inputShape: readonly number[],
  inputDims: readonly Dimension[],
  shape: readonly number[],
): { target: number[]; dims: Dimension[] } | string {
  const target: number[] = [...shape];
  const dims: Dimension[] = [...shape];
  const describe = `reshape of [${inputShape.join(', ')}] to [${shape.join(', ')}]`;
  let prefix = 0;
  while (prefix < shape.length && prefix < inputShape.length && shape[prefix] === inputShape[prefix]) {
    target[prefix] = 0; // ONNX: copy this extent from the input
    dims[prefix] = inputDims[prefix]!;
    prefix++;
  }
  // a zero extent would mean "copy" to ONNX (allowzero = 0)
  if (shape.some((size, index) => size === 0 && index >= prefix)) return `reshape to [${shape.join(', ')}] has an empty axis`;
  const dynamicAxes = inputDims.map((_, axis) => axis).filter((axis) => axis >= prefix && isDynamic(inputDims[axis]));
  if (dynamicAxes.length > 1) return `${describe} merges or moves more than one dynamic axis`;
  if (dynamicAxes.length === 0) return { target, dims };
  const axis = dynamicAxes[0]!;
  const dimension = inputDims[axis]!;
  const group = axisGroups(inputShape, shape, prefix)?.find((candidate) => candidate.inputs.includes(axis));
  if (!group) return `${describe} splits the dynamic axis ${axis}`;
  // the group's elements as factors, outermost first: fixed extents, and the dynamic axis's own factors
  const ownFactors: Factor[] = typeof dimension === 'string' ? factorsOf(dimension) : ['']; // '': unnamed, one opaque factor
  const dynamicExtent = inputShape[axis]! / fixedProduct(ownFactors);
  const factors = group.inputs.flatMap((input) => (input === axis ? ownFactors : [inputShape[input]!]));
  const extentOf = (factor: Factor) => (typeof factor === 'number' ? factor : dynamicExtent);
  // each output axis takes consecutive factors until their product is its extent
  const taken: Factor[][] = group.outputs.map(() => []);
  let next = 0;
  group.outputs.forEach((output, index) => {
    let product = 1;
    // an axis of extent 1 takes a factor of extent 1 in its place (a batch of 1 at trace time)
    if (shape[output] === 1 && next < factors.length && extentOf(factors[next]!) === 1) taken[index]!.push(factors[next++]!);
    while (product < shape[output]! && next < factors.length) {
      product *= extentOf(factors[next]!);
      taken[index]!.push(factors[next++]!);
    }
  });
  // factors of extent 1 left over (a batch of 1 at trace time) belong to the last axis that took any
  let last = taken.length - 1;
  while (last > 0 && taken[last]!.length === 0) last--;
  while (next < factors.length && extentOf(factors[next]!) === 1) taken[last]!.push(factors[next++]!);
  const exact = group.outputs.every(
    (output, index) => taken[index]!.reduce<number>((product, factor) => product * extentOf(factor), 1) === shape[output],
  );
  if (next < factors.length || !exact) return `${describe} splits the dynamic axis ${axis}`;
  group.outputs.forEach((output, index) => {
    const list = taken[index]!;
    if (!list.some((factor) => typeof factor === 'string')) return;
    target[output] = -1;
    const named = list.filter((factor) => factor !== 1);
    dims[output] = named.includes('') ? null : dimensionOf(named);
  });
  return { target, dims };
}

function fixedProduct(factors: readonly Factor[]): number {
  return factors.reduce<number>((product, factor) => product * (typeof factor === 'number' ? factor : 1), 1);
}

export const movementMappings: PrimitiveMappings = {
  reshape: (context, output, [input], params) => {
    const x = context.valueOf(input!);
    const result = reshapeTarget(input!.shape, x.dims, params.shape as number[]);
    if (typeof result === 'string') throw context.error('reshape', result);
    carrySum(input!, output);
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
  // torch.diagonal: the two matrix axes moved last and flattened row by row, then the diagonal's flat
  // positions gathered, (r₀ + i)·columns + c₀ + i with r₀ = max(0, −offset), c₀ = max(0, offset)
  diagonal: (context, output, [input], params) => {
    const x = context.valueOf(input!);
    const { offset, rowsDim, columnsDim } = params as { offset: number; rowsDim: number; columnsDim: number };
    if (isDynamic(x.dims[rowsDim]) || isDynamic(x.dims[columnsDim]))
      throw context.error(
        'diagonal',
        `a diagonal across the dynamic axis ${isDynamic(x.dims[rowsDim]) ? rowsDim : columnsDim} is not supported`,
      );
    const [rows, columns] = [input!.shape[rowsDim]!, input!.shape[columnsDim]!];
    const batch = x.dims.map((_, axis) => axis).filter((axis) => axis !== rowsDim && axis !== columnsDim);
    const batchDims = batch.map((axis) => x.dims[axis]!);
    const order = [...batch, rowsDim, columnsDim];
    const moved = context.node1('Transpose', [x], { type: output.dtype, dims: order.map((axis) => x.dims[axis]!) }, { perm: ints(order) });
    // Reshape's 0 keeps an axis's extent, so a dynamic batch axis passes through
    const flat = context.node1('Reshape', [moved, context.int64s([...batch.map(() => 0), rows * columns])], {
      type: output.dtype,
      dims: [...batchDims, rows * columns],
    });
    const length = output.shape[output.shape.length - 1]!;
    const first = Math.max(0, -offset) * columns + Math.max(0, offset);
    const positions = Array.from({ length }, (_, index) => first + index * (columns + 1));
    return context.node1(
      'Gather',
      [flat, context.int64s(positions)],
      { type: output.dtype, dims: [...batchDims, length] },
      { axis: int(batch.length) },
    );
  },
  // Tensor.unfold: the windows' elements gathered end to end along the axis (positions i·step + j), that
  // axis split into [windows, size], and the size axis moved last
  slidingWindows: (context, output, [input], params) => {
    const x = context.valueOf(input!);
    const { axis, size, step } = params as { axis: number; size: number; step: number };
    if (input!.shape.length === 0) {
      if (size !== 1) throw context.error('unfold', 'an empty window of a 0-d tensor is not supported');
      return context.node1('Reshape', [x, context.int64s([1])], { type: output.dtype, dims: [1] });
    }
    const dynamic = x.dims.findIndex((dimension, index) => index >= axis && isDynamic(dimension));
    if (dynamic >= 0) throw context.error('unfold', `windows along or before the dynamic axis ${dynamic} are not supported`);
    const count = output.shape[axis]!;
    const positions = Array.from({ length: count * size }, (_, at) => Math.floor(at / size) * step + (at % size));
    const gatheredDims = x.dims.map((dimension, index) => (index === axis ? count * size : dimension));
    const gathered = context.node1(
      'Gather',
      [x, context.int64s(positions)],
      { type: output.dtype, dims: gatheredDims },
      { axis: int(axis) },
    );
    const trailing = input!.shape.slice(axis + 1);
    const splitDims = [...x.dims.slice(0, axis), count, size, ...trailing];
    // Reshape's 0 keeps a leading axis's extent (a dynamic batch passes through)
    const target = [...x.dims.slice(0, axis).map(() => 0), count, size, ...trailing];
    const split = context.node1('Reshape', [gathered, context.int64s(target)], { type: output.dtype, dims: splitDims });
    const order = splitDims.map((_, index) => index).filter((index) => index !== axis + 1);
    order.push(axis + 1);
    return context.node1(
      'Transpose',
      [split],
      { type: output.dtype, dims: order.map((index) => splitDims[index]!) },
      { perm: ints(order) },
    );
  },
  // a copy into a dense layout: nothing to do in a graph of values
  contiguous: (context, _output, [input]) => context.valueOf(input!),
  // the same values cut from autograd (torch exports detach as nothing): the graph reads its input
  detach: (context, _output, [input]) => context.valueOf(input!),
  cat: (context, output, inputs, params) => {
    const axis = params.axis as number;
    // a constant part empty along the axis adds nothing (its other extents were the example's)
    const kept = inputs.filter((input) => context.isTraced(input) || input.shape[axis] !== 0);
    const parts = kept.length > 0 ? kept : inputs;
    const values = operandValues(context, parts, output.ndim, axis);
    const dims = concatenatedDims(
      output.shape,
      values.map((value) => value.dims),
      axis,
    );
    return context.node1('Concat', values, { type: output.dtype, dims }, { axis: { kind: 'int', value: axis } });
  },
};
