import { describeValue } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { cat } from './join.js';
import { expand, flip, narrow } from './views.js';

/** How the padding modes other than 'constant' fill: the mirror image without the edge, the edge repeated, or wrapping around. */
export type EdgePaddingMode = 'reflect' | 'replicate' | 'circular';

/**
 * `input` padded in mode 'reflect', 'replicate' or 'circular' (torch.nn.functional.pad's other modes),
 * after torch's checks. Each padded dim is rebuilt from slices of the input joined by cat: views and
 * copies that every device runs, whose gradients add back into the positions read, and that an
 * exporter traces as ONNX Slice and Concat (an index tensor built here would look data-dependent to it).
 */
export function padEdges(input: Tensor, padding: readonly number[], mode: EdgePaddingMode): Tensor {
  checkNonConstant(mode, input, padding);
  return composite(() => {
    let result = input;
    for (let pair = 0; pair < padding.length / 2; pair++)
      result = padAxis(mode, result, input.ndim - 1 - pair, padding[2 * pair]!, padding[2 * pair + 1]!);
    // crops alone leave a view (of the input, or of a dim padded before): torch returns a new, dense tensor
    return result.storage === input.storage || !result.isContiguous() ? result.clone() : result;
  });
}

/**
 * torch's rules for the non-constant modes: 2, 4 or 6 integer values for an input of one or two more
 * dims. A negative amount crops that side (as mode 'constant' does). Along a dim of size n padded by
 * (before, after), the output has n + before + after positions and the kept part of the input is
 * n − max(0, −before) − max(0, −after) long.
 */
function checkNonConstant(mode: EdgePaddingMode, input: Tensor, padding: readonly number[]): void {
  const padded = padding.length / 2;
  if (![1, 2, 3].includes(padded) || (input.ndim !== padded + 1 && input.ndim !== padded + 2))
    throw new Error(
      `pad: mode '${mode}' pads the last 1, 2 or 3 dims of an input with one or two more (batch, channels): got ${padding.length} padding values for an input of shape [${input.shape.join(', ')}]`,
    );
  for (let pair = 0; pair < padded; pair++) {
    const axis = input.ndim - 1 - pair;
    const size = input.shape[axis]!;
    const before = padding[2 * pair]!;
    const after = padding[2 * pair + 1]!;
    const where = `dim ${axis} of size ${size} in [${input.shape.join(', ')}]`;
    for (const amount of [before, after])
      if (!Number.isInteger(amount))
        throw new Error(`pad: mode '${mode}' takes integer padding, got ${describeValue(amount)} for dim ${axis}`);
    const kept = size - Math.max(0, -before) - Math.max(0, -after);
    if (kept < 0) throw new Error(`pad: padding (${before}, ${after}) crops ${size - kept} positions of ${where}, more than it has`);
    for (const amount of [before, after])
      if (mode === 'reflect' && amount >= size)
        throw new Error(
          `pad: reflect padding must be smaller than the dim it pads: ${amount} for ${where} (padding (${before}, ${after}))`,
        );
    if (mode === 'replicate' && size === 0) throw new Error(`pad: replicate padding of dim ${axis}, which is empty`);
    // torch 1.13 raises for an empty reflect or replicate output ("input is too small"); circular
    // gives an empty dim when the crop takes everything and nothing is added
    if (mode !== 'circular' && size + before + after < 1)
      throw new Error(`pad: padding (${before}, ${after}) leaves ${size + before + after} positions of ${where}; at least 1 is needed`);
    // circular copies each added side from the kept part, so it can wrap around it at most once
    // (torch checks against the uncropped size and then fails to copy, or copies garbage)
    for (const amount of [before, after])
      if (mode === 'circular' && amount > kept)
        throw new Error(
          `pad: circular padding must be at most the size of the dim it pads: ${amount} for ${where}, ${kept} of it kept after cropping (padding (${before}, ${after}))`,
        );
  }
}

/**
 * One dim of `size` padded by `before` and `after` (negative amounts crop). Output position o stands
 * for input position p = o − before. Reflect and replicate read the input mirrored or clamped around
 * its own edges, 0 and size − 1, even where a crop removed the part next to the edge (torch's kernels:
 * F.pad(x, [-4, 5], 'reflect') of [0 … 5] is [4, 5, 4, 3, 2, 1, 0]), so they pad by the positive
 * amounts first and crop after. Circular wraps around what the crop kept, [start, start + kept)
 * (torch's _pad_circular copies the cropped centre first, then fills each added side from it), so it
 * crops first and pads after.
 */
function padAxis(mode: 'reflect' | 'replicate' | 'circular', x: Tensor, axis: number, before: number, after: number): Tensor {
  const size = x.shape[axis]!;
  const cropBefore = Math.max(0, -before);
  const cropAfter = Math.max(0, -after);
  const addedBefore = Math.max(0, before);
  const addedAfter = Math.max(0, after);
  if (mode === 'circular') {
    const kept = narrow(x, axis, cropBefore, size - cropBefore - cropAfter);
    const length = kept.shape[axis]!;
    // the last `addedBefore` positions of the kept part, then it, then its first `addedAfter`
    return joined(axis, [narrow(kept, axis, length - addedBefore, addedBefore), kept, narrow(kept, axis, 0, addedAfter)]);
  }
  const sides =
    mode === 'reflect'
      ? // x[addedBefore], …, x[1] before; x[size − 2], …, x[size − 1 − addedAfter] after (the edge is not repeated)
        [flip(narrow(x, axis, 1, addedBefore), axis), flip(narrow(x, axis, size - 1 - addedAfter, addedAfter), axis)]
      : // the edge element repeated
        [repeatedEdge(x, axis, 0, addedBefore), repeatedEdge(x, axis, size - 1, addedAfter)];
  const padded = joined(axis, [sides[0]!, x, sides[1]!]);
  return narrow(padded, axis, cropBefore, padded.shape[axis]! - cropBefore - cropAfter);
}

/** The element at `position` along `axis`, `count` times (a broadcast view of it). */
function repeatedEdge(x: Tensor, axis: number, position: number, count: number): Tensor {
  if (count === 0) return narrow(x, axis, position, 0);
  const edge = narrow(x, axis, position, 1);
  return expand(
    edge,
    x.shape.map((extent, dim) => (dim === axis ? count : extent)),
  );
}

/**
 * The parts, [before, middle, after], joined along `axis`, leaving out the empty ones: the one left
 * is returned as it is, and the middle when all are empty.
 */
function joined(axis: number, parts: readonly [Tensor, Tensor, Tensor]): Tensor {
  const nonEmpty = parts.filter((part) => part.shape[axis]! > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? parts[1];
  return cat(nonEmpty, axis);
}
