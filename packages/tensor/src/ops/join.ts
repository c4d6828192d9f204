import { checkOptions, describeValue, refuseArgumentsPast } from '../core/options.js';
import { type DimOptions, readDim } from '../core/dim-arguments.js';
import { promoteTypes } from '../core/dtype.js';
import { checkIntegerList, existingDim, formatShape, normalizeDim } from '../core/shape.js';
import { composite } from '../core/scope.js';
import { slice as ownSlice } from './own-views.js';
import type { Tensor } from '../core/tensor.js';
import { record } from '../autograd/record.js';
import { allocate, assertSameDevice } from './allocate.js';
import { castTo } from './convert.js';
import { full } from './creation.js';
import { type EdgePaddingMode, padEdges } from './pad-modes.js';
import { clone, expand, fullSlice, reshape, slice, unsqueeze, windowView } from './views.js';
import { checkTensorList, checkLive } from '../core/tensor-arguments.js';

/** Joins tensors along an existing dim (torch.cat); dtypes promote, other dims must match. */
export function cat(tensors: readonly Tensor[], dimOrOptions?: number | DimOptions): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('cat', ['tensors', 'dimOrOptions'], arguments);
  checkTensorList('cat', tensors);
  const dim = readDim('cat', dimOrOptions, 0);
  if (tensors.length === 0) throw new Error('cat: expected a non-empty list of tensors');
  assertSameDevice('cat', tensors);
  // PyTorch skips legacy empty 1-D tensors of shape [0] when joining higher-rank tensors
  const parts = tensors.filter((t) => !(t.ndim === 1 && t.shape[0] === 0) || tensors.every((u) => u.ndim === 1));
  const scalar = parts.findIndex((part) => part.ndim === 0);
  if (scalar >= 0)
    throw new Error(`cat: zero-dimensional tensor (at position ${scalar}) cannot be concatenated; stack joins along a new dim`);
  const reference = parts[0]!;
  const axis = normalizeDim('cat', dim, reference.ndim);
  const dtype = parts.map((t) => t.dtype).reduce(promoteTypes);
  let extent = 0;
  for (const part of parts) {
    if (part.ndim !== reference.ndim || part.shape.some((size, d) => d !== axis && size !== reference.shape[d]))
      throw new Error(`cat: sizes of tensors must match except in dimension ${axis}: ${parts.map((t) => formatShape(t.shape)).join(', ')}`);
    extent += part.shape[axis]!;
  }
  const shape = reference.shape.map((size, d) => (d === axis ? extent : size));
  const output = allocate(shape, dtype, reference.device);
  const inputs = parts.map((part) => castTo(part, dtype));
  let start = 0;
  for (const input of inputs) {
    const window = fullSlice(output);
    window.starts[axis] = start;
    window.lengths[axis] = input.shape[axis]!;
    output.storage.backend.unary('copy', input.kernelView(), windowView(output, window));
    start += input.shape[axis]!;
  }
  return record(output, 'cat', inputs, { axis });
}

/** Joins along a new dim (torch.stack). */
export function stack(tensors: readonly Tensor[], dimOrOptions?: number | DimOptions): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('stack', ['tensors', 'dimOrOptions'], arguments);
  checkTensorList('stack', tensors);
  const dim = readDim('stack', dimOrOptions, 0);
  if (tensors.length === 0) throw new Error('stack: expected a non-empty list of tensors');
  const shape = tensors[0]!.shape;
  for (const t of tensors)
    if (formatShape(t.shape) !== formatShape(shape))
      throw new Error(`stack: expects each tensor to be equal size, got ${tensors.map((u) => formatShape(u.shape)).join(', ')}`);
  const axis = normalizeDim('stack', dim, shape.length + 1);
  return composite(() =>
    cat(
      tensors.map((t) => unsqueeze(t, axis)),
      axis,
    ),
  );
}

/** Splits into chunks of `size` (last may be smaller) or of the listed sizes (torch.split). */
export function split(x: Tensor, sizes: number | readonly number[], dimOrOptions?: number | DimOptions): Tensor[] {
  if (arguments.length > 3) refuseArgumentsPast('split', ['x', 'sizes', 'dimOrOptions'], arguments);
  checkLive('split', 'input', x);
  const dim = readDim('split', dimOrOptions, 0);
  const axis = existingDim('split', dim, x.ndim);
  const extent = x.shape[axis]!;
  let lengths: number[];
  if (typeof sizes === 'number') {
    if (!Number.isInteger(sizes) || sizes <= 0) throw new Error(`split: split size must be a positive integer (got ${sizes})`);
    lengths = [];
    for (let start = 0; start < extent; start += sizes) lengths.push(Math.min(sizes, extent - start));
    if (extent === 0) lengths.push(0);
  } else {
    checkIntegerList('split', 'splitSizeOrSections', sizes);
    lengths = [...sizes];
    const total = lengths.reduce((a, b) => a + b, 0);
    if (total !== extent) throw new Error(`split: sizes ${formatShape(lengths)} sum to ${total}, but dim ${dim} has size ${extent}`);
  }
  let start = 0;
  return lengths.map((length) => {
    // one piece covering all of x is a view of its own, as torch's (disposing it must not free x)
    const part = ownSlice(x, axis, start, start + length);
    start += length;
    return part;
  });
}

/** `chunks` pieces of ceil(n / chunks) (torch.chunk; may return fewer). */
export function chunk(x: Tensor, chunks: number, dim?: number | DimOptions): Tensor[] {
  if (arguments.length > 3) refuseArgumentsPast('chunk', ['x', 'chunks', 'dim'], arguments);
  checkLive('chunk', 'input', x);
  const axis = existingDim('chunk', readDim('chunk', dim, 0), x.ndim);
  if (!Number.isInteger(chunks) || chunks <= 0) throw new Error(`chunk: number of chunks must be a positive integer (got ${chunks})`);
  // an empty dim gives `chunks` empty pieces, as torch's
  if (x.shape[axis] === 0) return split(x, new Array<number>(chunks).fill(0), axis);
  return split(x, Math.ceil(x.shape[axis]! / chunks), axis);
}

export function unbind(x: Tensor, dim?: number | DimOptions): Tensor[] {
  if (arguments.length > 2) refuseArgumentsPast('unbind', ['x', 'dim'], arguments);
  checkLive('unbind', 'input', x);
  const axis = existingDim('unbind', readDim('unbind', dim, 0), x.ndim);
  if (x.shape[axis] === 0) return [];
  return composite(() =>
    split(x, 1, axis).map((part) =>
      reshape(
        part,
        x.shape.filter((_, d) => d !== axis),
      ),
    ),
  );
}

/** How `pad` fills: a constant, or one of the edge modes (pad-modes.ts). */
export type PaddingMode = 'constant' | EdgePaddingMode;

/** torch.nn.functional.pad's keywords: `F.pad(x, pad, mode='reflect')` is `pad(x, padding, { mode: 'reflect' })`. */
export interface PadOptions {
  /** Default 'constant'. */
  mode?: PaddingMode;
  /** The fill of mode 'constant'. Default 0. */
  value?: number;
}

const paddingModes: readonly PaddingMode[] = ['constant', 'reflect', 'replicate', 'circular'];

/**
 * Padding (torch.nn.functional.pad): `padding` lists (left, right) pairs starting from the LAST dim,
 * e.g. [1, 1, 2, 2] pads W by 1 and H by 2. Negative amounts crop, in every mode. The third argument
 * is the constant's value, or the options: mode 'constant' (default) fills with `value`; 'reflect'
 * mirrors without repeating the edge, 'replicate' repeats the edge, 'circular' wraps around, as torch's
 * modes on the last 1, 2 or 3 dims of a batched or unbatched input.
 * @example
 * pad(images, [1, 1, 2, 2]); // W + 2, H + 4, zeros
 * pad(images, [1, 1, 1, 1], { mode: 'reflect' }); // CycleGAN's ReflectionPad2d(1)
 */
export function pad(x: Tensor, padding: readonly number[], valueOrOptions: number | PadOptions = 0): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('pad', ['x', 'padding', 'valueOrOptions'], arguments);
  // a list is checked here; its entries by each mode (padEdges names the dim an entry is for)
  if (!Array.isArray(padding)) throw new Error(`pad: pad must be a list of integers, got ${describeValue(padding)}`);
  let value = valueOrOptions;
  if (typeof valueOrOptions === 'object' && valueOrOptions !== null) {
    const { mode = 'constant', value: fill } = checkOptions('pad', valueOrOptions, ['mode', 'value']);
    if (!paddingModes.includes(mode))
      throw new Error(`pad: mode must be one of ${paddingModes.map((name) => `'${name}'`).join(', ')}, got ${describeValue(mode)}`);
    if (mode !== 'constant') {
      if (fill !== undefined && fill !== 0) throw new Error(`pad: a fill value (${fill}) is only used by mode 'constant', not '${mode}'`);
      return padEdges(x, padding, mode);
    }
    value = fill ?? 0;
  }
  if (typeof value !== 'number')
    throw new Error(
      `pad: the fill value must be a number, got ${describeValue(value)} (a mode goes in the options: pad(x, padding, { mode: 'reflect' }))`,
    );
  checkIntegerList('pad', 'pad', padding);
  if (padding.length % 2 !== 0 || padding.length / 2 > x.ndim)
    throw new Error(`pad: padding length must be even and at most 2·ndim (got ${padding.length} for ${formatShape(x.shape)})`);
  return composite(() => {
    let result = x;
    for (let pair = 0; pair < padding.length / 2; pair++) {
      const axis = x.ndim - 1 - pair;
      const before = padding[2 * pair]!;
      const after = padding[2 * pair + 1]!;
      if (before < 0) result = slice(result, axis, -before);
      if (after < 0) result = slice(result, axis, 0, result.shape[axis]! + after);
      const pieces: Tensor[] = [];
      const border = (size: number) =>
        full(
          result.shape.map((extent, d) => (d === axis ? size : extent)),
          value,
          { dtype: result.dtype, device: result.device },
        );
      if (before > 0) pieces.push(border(before));
      pieces.push(result);
      if (after > 0) pieces.push(border(after));
      if (pieces.length > 1) result = cat(pieces, axis);
    }
    // torch's constant padding always makes a new tensor, even when no amount is positive
    return result.storage === x.storage ? clone(result) : result;
  });
}

/** Tiles the tensor `repeats[d]` times along each dim (torch.Tensor.repeat). */
export function repeat(x: Tensor, repeats: readonly number[]): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('repeat', ['x', 'repeats'], arguments);
  checkIntegerList('repeat', 'repeats', repeats);
  if (repeats.length < x.ndim)
    throw new Error(`repeat: number of repeat dims (${repeats.length}) can not be smaller than number of tensor dims (${x.ndim})`);
  return composite(() => {
    const lead = repeats.length - x.ndim;
    const shape = [...new Array<number>(lead).fill(1), ...x.shape];
    // view as [1, s0, 1, s1, ...], expand to [r0, s0, r1, s1, ...], then merge pairs
    const interleaved = shape.flatMap((extent) => [1, extent]);
    const expanded = expand(
      reshape(x, interleaved),
      shape.flatMap((extent, d) => [repeats[d]!, extent]),
    );
    const tiled = reshape(
      expanded,
      shape.map((extent, d) => extent * repeats[d]!),
    );
    // repeats of 1 leave a view of x, where torch's repeat always copies
    return tiled.storage === x.storage ? clone(tiled) : tiled;
  });
}
