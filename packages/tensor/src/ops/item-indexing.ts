import { traceObserver } from '../autograd/trace-observer.js';
import { isTensor } from '../core/brand.js';
import { describeValue } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { fromTypedArray } from './allocate.js';
import { broadcastTensors } from './broadcast-tensors.js';
import { castTo } from './convert.js';
import { arange, full } from './creation.js';
import { add, lt, mul, where } from './elementwise.js';
import { indexSelect } from './indexing.js';
import { nonzero } from './nonzero.js';
import { sameView } from './own-views.js';
import { expand, permute, reshape, select, slice, unsqueeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

// Python's indexing, x[i, 1:3, None, ..., mask], as a method: TypeScript has no such syntax. The basic
// indices (integers, slices, None, the ellipsis) give views, as torch's; advanced ones (integer lists or
// tensors, bool masks) gather, broadcast together, with NumPy's placement of their dims: where the first
// of them stood when they are adjacent, in front otherwise (integers count as basic, as torch's).

/**
 * One index of `at` / `setAt_`: an integer (negative from the end), a slice as a string ('1:3', ':',
 * '::2', '-2:'), '...' for the remaining dims, null for a new dim of size 1 (Python's None), true or
 * false (Python's x[True]: a new dim of size 1 or 0), or an advanced index: an int32 tensor or a list of
 * integers, or a bool tensor or list masking as many dims. A 0-d int32 tensor is an integer and a 0-d
 * bool tensor true or false, as torch reads them (their value is read on the CPU).
 */
export type TensorIndex = number | boolean | string | null | Tensor | readonly number[] | readonly boolean[];

/** A parsed index: what it does to the working view. */
type Parsed =
  | { kind: 'slice'; start?: number; stop?: number; step: number }
  | { kind: 'newAxis' }
  | { kind: 'integer'; value: number }
  | { kind: 'condition'; value: boolean }
  | { kind: 'advanced'; index: Tensor };

const SLICE = /^\s*(-?\d+)?\s*:\s*(-?\d+)?\s*(?::\s*(-?\d+)?\s*)?$/;

/** A slice string read as Python's start:stop:step (each part optional; step ≥ 1 as torch's). */
function parseSlice(text: string): Parsed {
  const match = SLICE.exec(text);
  if (!match) throw new Error(`at: '${text}' is not an index; use an integer, a slice such as '1:3' or '::2', '...', or null`);
  const step = match[3] === undefined ? 1 : Number(match[3]);
  if (step <= 0) throw new Error(`at: step must be greater than zero in '${text}' (as torch's)`);
  return {
    kind: 'slice',
    start: match[1] === undefined ? undefined : Number(match[1]),
    stop: match[2] === undefined ? undefined : Number(match[2]),
    step,
  };
}

/**
 * A list index as a tensor on x's device: integers as int32, booleans as a bool mask; reported to a
 * tracer as a constant (its values come from the program, so an exported model may keep them).
 */
function listIndex(list: readonly (number | boolean)[], device: string): Tensor {
  const index = listTensor(list, device);
  traceObserver()?.constant?.(index);
  return index;
}

function listTensor(list: readonly (number | boolean)[], device: string): Tensor {
  // an empty list selects nothing (torch's x[[]]): integers, not an empty mask
  if (list.length > 0 && list.every((entry) => typeof entry === 'boolean'))
    return fromTypedArray(Uint8Array.from(list, Number), [list.length], 'bool', device);
  if (!list.every((entry) => typeof entry === 'number' && Number.isInteger(entry)))
    throw new Error(`at: a list index holds integers or booleans, got ${describeValue(list)}`);
  return fromTypedArray(Int32Array.from(list as number[]), [list.length], 'int32', device);
}

/** How many of x's dims an index consumes. */
function dimsConsumed(index: TensorIndex): number {
  if (index === null || index === '...' || typeof index === 'boolean') return 0;
  return isTensor(index) && index.dtype === 'bool' ? index.ndim : 1;
}

/**
 * The indices with the ellipsis expanded to ':' over the dims no other index consumes, and bool masks
 * turned into one integer index per masked dim (their nonzero coordinates, read on the CPU). Integers
 * stay basic (a select), as torch's: x[0, :, [1, 2]] is [3, 2] in torch where NumPy gives [2, 3].
 */
function normalize(operation: string, x: Tensor, indices: readonly TensorIndex[]): Parsed[] {
  for (const index of indices)
    if (
      index !== null &&
      typeof index !== 'number' &&
      typeof index !== 'boolean' &&
      typeof index !== 'string' &&
      !Array.isArray(index) &&
      !isTensor(index)
    )
      throw new Error(
        `${operation}: an index is an integer, a slice such as '1:3', '...', null, true or false, a list or a tensor, got ${describeValue(index)}`,
      );
  const ellipses = indices.filter((index) => index === '...').length;
  if (ellipses > 1) throw new Error(`${operation}: an index can only have a single ellipsis ('...')`);
  const consumed = indices.reduce((total: number, index) => total + dimsConsumed(index), 0);
  if (consumed > x.ndim) throw new Error(`${operation}: too many indices for tensor of dimension ${x.ndim} (got ${consumed})`);
  const parsed: Parsed[] = [];
  let xDim = 0; // the dim of x the next index stands for
  for (const index of indices) {
    const here = xDim;
    xDim += index === '...' ? x.ndim - consumed : dimsConsumed(index);
    if (index === '...') for (let fill = 0; fill < x.ndim - consumed; fill++) parsed.push({ kind: 'slice', step: 1 });
    else if (index === null) parsed.push({ kind: 'newAxis' });
    else if (typeof index === 'boolean') parsed.push({ kind: 'condition', value: index });
    else if (isTensor(index) && index.ndim === 0) parsed.push(zeroDimensionalIndex(operation, index));
    else if (typeof index === 'number') {
      if (!Number.isInteger(index)) throw new Error(`${operation}: an integer index must be an integer, got ${index}`);
      parsed.push({ kind: 'integer', value: index });
    } else if (typeof index === 'string') parsed.push(parseSlice(index));
    else {
      const tensor = isTensor(index) ? index : listIndex(index as readonly (number | boolean)[], x.device);
      if (tensor.dtype === 'bool') {
        if (tensor.device !== 'cpu')
          throw new Error(
            `${operation}: a bool mask index is read on the CPU (its count of true entries sets the result's shape); move it with .to('cpu')`,
          );
        const masked = x.shape.slice(here, here + tensor.ndim);
        if (!tensor.shape.every((size, axis) => size === masked[axis]))
          throw new Error(
            `${operation}: the shape of the mask [${tensor.shape}] at index ${here} does not match the shape of the indexed tensor [${x.shape}]`,
          );
        const coordinates = nonzero(tensor);
        // a mask written as a list is the program's own: so are the coordinates read from it
        if (!isTensor(index)) traceObserver()?.constant?.(coordinates);
        for (let axis = 0; axis < tensor.ndim; axis++) parsed.push({ kind: 'advanced', index: select(coordinates, 1, axis) });
      } else if (tensor.dtype === 'int32') parsed.push({ kind: 'advanced', index: tensor });
      else throw new Error(`${operation}: tensors used as indices must be int32 or bool, got ${tensor.dtype}`);
    }
  }
  if (indices.length === 0 || ellipses === 0) for (let fill = consumed; fill < x.ndim; fill++) parsed.push({ kind: 'slice', step: 1 });
  return parsed;
}

/**
 * A 0-d tensor index, read as torch reads it: an integer one is that integer (a select, so x[t, :, [0, 1]]
 * keeps the advanced dims in place, as x[1, :, [0, 1]] does), a bool one Python's True or False. Its
 * value is read on the CPU, as torch's `item()` there.
 */
function zeroDimensionalIndex(operation: string, index: Tensor): Parsed {
  if (index.dtype !== 'int32' && index.dtype !== 'bool')
    throw new Error(`${operation}: tensors used as indices must be int32 or bool, got ${index.dtype}`);
  if (index.device !== 'cpu')
    throw new Error(
      `${operation}: a 0-d index tensor is read as a number on the CPU; move it with .to('cpu') or pass the number (device '${index.device}')`,
    );
  const value = index.dataSync()[0]!;
  return index.dtype === 'bool' ? { kind: 'condition', value: value !== 0 } : { kind: 'integer', value };
}

/** An integer index checked against the dim's size and made non-negative, with torch's message. */
function checkedPosition(operation: string, value: number, dim: number, size: number): number {
  if (value < -size || value >= size)
    throw new Error(`${operation}: index ${value} is out of bounds for dimension ${dim} with size ${size}`);
  return value < 0 ? value + size : value;
}

/**
 * torch's x[indices] (Python's __getitem__): `x.at(0)`, `x.at(':', '1:3')`, `x.at('...', -1)`,
 * `x.at(null, 0)`, `x.at([0, 2])`, `x.at(mask)`, `x.at(rows, columns)`. Basic indices give a view of x;
 * advanced ones a gathered copy whose gradient flows back to x. A bool mask is read on the CPU.
 * @example
 * const x = arange(12).reshape(3, 4);
 * at(x, 1);                  // [4, 5, 6, 7] (a view)
 * at(x, ':', '1:3');         // [[1, 2], [5, 6], [9, 10]]
 * at(x, [0, 2], [1, 3]);     // [1, 11]
 * at(x, x.gt(9));            // [10, 11]
 */
export function at(x: Tensor, ...indices: TensorIndex[]): Tensor {
  checkLive('at', 'input', x);
  const parsed = normalize('at', x, indices);
  return composite(() => {
    let view = x;
    let dim = 0;
    const advanced: { dim: number; index: Tensor }[] = [];
    for (const entry of parsed) {
      if (entry.kind === 'newAxis') view = unsqueeze(view, dim++);
      else if (entry.kind === 'integer') view = select(view, dim, checkedPosition('at', entry.value, dim, view.shape[dim]!));
      else if (entry.kind === 'slice') view = slice(view, dim++, entry.start, entry.stop, entry.step);
      else if (entry.kind === 'condition') {
        // torch's x[True] / x[False]: a new dim of size 1, indexed by [0] (kept) or by [] (nothing)
        view = unsqueeze(view, dim);
        advanced.push({ dim: dim++, index: conditionIndex(entry.value, x.device) });
      } else advanced.push({ dim: dim++, index: entry.index });
    }
    // x[...] is a new view of x in torch, never x itself (disposing it must not free x)
    if (advanced.length === 0) return view === x ? sameView(x) : view;
    return gatherAdvanced(view, advanced);
  });
}

/** The advanced index of a condition on its new dim of size 1: [0] where true, [] where false. */
function conditionIndex(value: boolean, device: string): Tensor {
  const index = fromTypedArray(value ? Int32Array.of(0) : new Int32Array(0), [value ? 1 : 0], 'int32', device);
  traceObserver()?.constant?.(index);
  return index;
}

/**
 * The advanced indices applied to `view` (NumPy's rules): they broadcast to one shape B; their dims
 * are flattened into one, indexed at the linear position Σ iₖ·(product of the later indexed sizes),
 * and B takes their place: where the first stood if they were adjacent, in front otherwise.
 */
function gatherAdvanced(view: Tensor, advanced: readonly { dim: number; index: Tensor }[]): Tensor {
  const dims = advanced.map((entry) => entry.dim);
  const adjacent = dims.every((dim, position) => position === 0 || dim === dims[position - 1]! + 1);
  const rest = view.shape.map((_, dim) => dim).filter((dim) => !dims.includes(dim));
  const front = permute(view, [...dims, ...rest]);
  const sizes = dims.map((dim) => view.shape[dim]!);
  const flattened = reshape(front, [sizes.reduce((product, size) => product * size, 1), ...rest.map((dim) => view.shape[dim]!)]);
  const indices = broadcastTensors(...advanced.map((entry) => entry.index));
  const broadcastShape = [...indices[0]!.shape];
  let linear: Tensor | number = 0;
  let stride = 1;
  for (let position = advanced.length - 1; position >= 0; position--) {
    const size = sizes[position]!;
    const index = indices[position]!;
    checkIndexRange(index, dims[position]!, size);
    const nonNegative = where(lt(index, 0), add(index, size), index);
    linear = add(mul(nonNegative, stride), linear);
    stride *= size;
  }
  const gathered = indexSelect(flattened, 0, reshape(linear as Tensor, [-1]));
  const restShape = rest.map((dim) => view.shape[dim]!);
  const result = reshape(gathered, [...broadcastShape, ...restShape]);
  if (!adjacent || dims[0] === 0) return result;
  // B goes where the first advanced dim stood: after the rest dims that came before it
  const before = rest.filter((dim) => dim < dims[0]!).length;
  const order = [
    ...restShape.slice(0, before).map((_, position) => broadcastShape.length + position),
    ...broadcastShape.map((_, position) => position),
    ...restShape.slice(before).map((_, position) => broadcastShape.length + before + position),
  ];
  return permute(result, order);
}

/** Throws torch's message for an advanced index outside [−size, size) (read on the CPU; elsewhere unchecked). */
function checkIndexRange(index: Tensor, dim: number, size: number): void {
  if (index.device !== 'cpu') return;
  for (const value of index.dataSync())
    if (value < -size || value >= size) throw new Error(`at: index ${value} is out of bounds for dimension ${dim} with size ${size}`);
}

/**
 * `value` without its leading dims of size 1, as torch's __setitem__ strips them before broadcasting
 * (`x[1] = torch.ones(1, 1, 2)` writes a row of x [4, 2]), so a value with more dims than the target
 * broadcasts where those extra dims are 1.
 */
function withoutLeadingOnes(value: Tensor): Tensor {
  let leading = 0;
  while (leading < value.ndim && value.shape[leading] === 1) leading++;
  return leading === 0 ? value : reshape(value, value.shape.slice(leading));
}

/**
 * torch's x[indices] = value (Python's __setitem__), in place: a view's elements take `value`
 * (broadcast, cast to x's dtype) for basic indices, and the gathered positions do for advanced ones
 * (a repeated position keeps one of its values, as torch's). Gradients as torch's in-place rules.
 * @example
 * x.setAt_([':', 0], 0);           // x[:, 0] = 0
 * x.setAt_([x.lt(0)], 0);          // x[x < 0] = 0
 * x.setAt_([[0, 2]], tensor(1));   // x[[0, 2]] = 1
 */
export function setAt(x: Tensor, indices: readonly TensorIndex[], value: Tensor | number): void {
  checkLive('setAt_', 'input', x);
  if (!Array.isArray(indices))
    throw new Error(`setAt_: the indices come as one list, x.setAt_([':', 0], value) for x[:, 0] = value; got ${describeValue(indices)}`);
  if (typeof value !== 'number' && !isTensor(value))
    throw new Error(`setAt_: value must be a number or a tensor, got ${describeValue(value)}`);
  const parsed = normalize('setAt_', x, indices);
  if (!parsed.some((entry) => entry.kind === 'advanced' || entry.kind === 'condition')) {
    const target = at(x, ...indices);
    try {
      if (typeof value === 'number') target.fill_(value);
      else {
        const source = withoutLeadingOnes(value);
        target.copy_(source);
        if (source !== value) source.dispose();
      }
    } finally {
      if (target !== x) target.dispose();
    }
    return;
  }
  // advanced: the row-major positions in x of every element x.at(...indices) selects, written by put_
  composite(() => {
    const positions = at(reshape(arange(0, x.numel(), 1, { dtype: 'int32', device: x.device }), [...x.shape]), ...indices);
    const source =
      typeof value === 'number'
        ? full([...positions.shape], value, { dtype: x.dtype, device: x.device })
        : expand(castTo(withoutLeadingOnes(value), x.dtype), [...positions.shape]);
    x.put_(positions, source);
  });
}
