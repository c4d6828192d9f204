// Reductions of float32 for helper threads (src/cpu/kernels/reduce-wasm.ts): each call covers a range
// of outputs, or of blocks of a reduction to one output, and each output is computed as the JavaScript
// kernels compute it (src/cpu/kernels/reduce.ts, sum-axes.ts), so that any split over threads gives
// their results bit for bit:
//
//   sum           a float64 total from 0, the elements added in memory order, rounded once; to one
//                 output of more than one block, each block so, then the blocks' totals in order
//   max, min      the first NaN wins and stops the search; otherwise strictly better replaces
//   argmax, argmin the index of that element (ties keep the first)

const FLOAT_BYTES: i32 = 4;
const SUM: i32 = 0;
const MAX: i32 = 1;
const MIN: i32 = 2;
const ARGMAX: i32 = 3;
/** Bytes of one block's partial result in reduceBlocks: a float64 total, or a float32 value and an int32 index. */
const PARTIAL_BYTES: i32 = 8;

/**
 * Rows [first, first + count) of x [rows, length] into out (float32, or int32 indices for argmax and
 * argmin): operation 0 sum, 1 max, 2 min, 3 argmax, 4 argmin.
 */
export function reduceRows(operation: i32, x: usize, out: usize, first: i32, count: i32, length: i32): void {
  let row = first;
  const end = first + count;
  if (operation == SUM) {
    // four rows at a time: four independent addition chains, each row in its own order
    const rowBytes = <usize>(length * FLOAT_BYTES);
    for (; row + 4 <= end; row += 4) {
      const start = x + <usize>(row * length * FLOAT_BYTES);
      let total0: f64 = 0;
      let total1: f64 = 0;
      let total2: f64 = 0;
      let total3: f64 = 0;
      for (let k = 0; k < length; k++) {
        const element = start + <usize>(k * FLOAT_BYTES);
        total0 += <f64>load<f32>(element);
        total1 += <f64>load<f32>(element + rowBytes);
        total2 += <f64>load<f32>(element + 2 * rowBytes);
        total3 += <f64>load<f32>(element + 3 * rowBytes);
      }
      const target = out + <usize>(row * FLOAT_BYTES);
      store<f32>(target, <f32>total0);
      store<f32>(target, <f32>total1, 4);
      store<f32>(target, <f32>total2, 8);
      store<f32>(target, <f32>total3, 12);
    }
  }
  for (; row < end; row++) {
    const start = x + <usize>(row * length * FLOAT_BYTES);
    const target = out + <usize>(row * FLOAT_BYTES);
    if (operation == SUM) {
      let total: f64 = 0;
      for (let k = 0; k < length; k++) total += <f64>load<f32>(start + <usize>(k * FLOAT_BYTES));
      store<f32>(target, <f32>total);
      continue;
    }
    const bestIndex = indexOfBest(start, length, operation == MAX || operation == ARGMAX);
    if (operation == MAX || operation == MIN) store<f32>(target, load<f32>(start + <usize>(bestIndex * FLOAT_BYTES)));
    else store<i32>(target, bestIndex);
  }
}

/**
 * The index in x[0 … length) of its first NaN, else of its first maximum (wantsMax) or minimum: the
 * first NaN wins and stops the search, a later element replaces the best only when strictly better.
 */
// @ts-ignore: decorator
@inline
function indexOfBest(x: usize, length: i32, wantsMax: bool): i32 {
  let best = load<f32>(x);
  let bestIndex = 0;
  for (let k = 1; k < length && best == best; k++) {
    const value = load<f32>(x + <usize>(k * FLOAT_BYTES));
    if (value != value || (wantsMax ? value > best : value < best)) {
      best = value;
      bestIndex = k;
    }
  }
  return bestIndex;
}

/**
 * One partial result per block for a reduction of x [length] to one output, for blocks [first, first +
 * count) of `blockLength` elements (the last may be shorter): 8 bytes a block at `partials`, the
 * block's float64 total for a sum, else its best element (float32) and that element's index in x
 * (int32). `combineBlocks` then reduces the partials in block order. The blocks are a fixed partition
 * of x, so the result does not depend on which thread computed which block.
 */
export function reduceBlocks(operation: i32, x: usize, length: i32, blockLength: i32, partials: usize, first: i32, count: i32): void {
  for (let block = first; block < first + count; block++) {
    const start = block * blockLength;
    const size = min(blockLength, length - start);
    const elements = x + <usize>(start * FLOAT_BYTES);
    const partial = partials + <usize>(block * PARTIAL_BYTES);
    if (operation == SUM) {
      let total: f64 = 0;
      for (let k = 0; k < size; k++) total += <f64>load<f32>(elements + <usize>(k * FLOAT_BYTES));
      store<f64>(partial, total);
      continue;
    }
    const index = indexOfBest(elements, size, operation == MAX || operation == ARGMAX);
    store<f32>(partial, load<f32>(elements + <usize>(index * FLOAT_BYTES)));
    store<i32>(partial, start + index, 4);
  }
}

/**
 * The one output of a reduction from the `blocks` partials of `reduceBlocks`, into out (float32, or
 * int32 for argmax and argmin): a sum adds the block totals in order into a float64 from 0 and rounds
 * once; max, min and their indices take the first block whose best is NaN, else the first strictly
 * better, which is the element the sequential search over all of x finds.
 */
export function combineBlocks(operation: i32, partials: usize, blocks: i32, out: usize): void {
  if (operation == SUM) {
    let total: f64 = 0;
    for (let block = 0; block < blocks; block++) total += load<f64>(partials + <usize>(block * PARTIAL_BYTES));
    store<f32>(out, <f32>total);
    return;
  }
  const wantsMax = operation == MAX || operation == ARGMAX;
  let best = load<f32>(partials);
  let bestIndex = load<i32>(partials, 4);
  for (let block = 1; block < blocks && best == best; block++) {
    const value = load<f32>(partials + <usize>(block * PARTIAL_BYTES));
    if (value != value || (wantsMax ? value > best : value < best)) {
      best = value;
      bestIndex = load<i32>(partials + <usize>(block * PARTIAL_BYTES), 4);
    }
  }
  if (operation == MAX || operation == MIN) store<f32>(out, best);
  else store<i32>(out, bestIndex);
}

/**
 * Sums x [outer, channels, inner] over its first and last groups for channels [first, first + count):
 * out[c] = Σₙ Σᵢ x[n, c, i], each in memory order (n, then i) from a float64 total. `totals` is scratch
 * of `channels` float64s. (A bias gradient: [N, C, H·W]; a Linear's: inner = 1.)
 */
export function sumChannels(x: usize, out: usize, outer: i32, channels: i32, inner: i32, first: i32, count: i32, totals: usize): void {
  const end = first + count;
  for (let c = first; c < end; c++) store<f64>(totals + <usize>(c * 8), 0);
  for (let n = 0; n < outer; n++) {
    if (inner == 1) {
      // a row of channels side by side: each total takes one element per row
      const row = x + <usize>((n * channels) * FLOAT_BYTES);
      for (let c = first; c < end; c++) {
        const address = totals + <usize>(c * 8);
        store<f64>(address, load<f64>(address) + <f64>load<f32>(row + <usize>(c * FLOAT_BYTES)));
      }
      continue;
    }
    // four channels' runs at a time: four independent addition chains, each in its own order
    const runBytes = <usize>(inner * FLOAT_BYTES);
    let c = first;
    for (; c + 4 <= end; c += 4) {
      const run = x + <usize>((n * channels + c) * inner * FLOAT_BYTES);
      const at = totals + <usize>(c * 8);
      let total0 = load<f64>(at);
      let total1 = load<f64>(at, 8);
      let total2 = load<f64>(at, 16);
      let total3 = load<f64>(at, 24);
      for (let i = 0; i < inner; i++) {
        const element = run + <usize>(i * FLOAT_BYTES);
        total0 += <f64>load<f32>(element);
        total1 += <f64>load<f32>(element + runBytes);
        total2 += <f64>load<f32>(element + 2 * runBytes);
        total3 += <f64>load<f32>(element + 3 * runBytes);
      }
      store<f64>(at, total0);
      store<f64>(at, total1, 8);
      store<f64>(at, total2, 16);
      store<f64>(at, total3, 24);
    }
    for (; c < end; c++) {
      const run = x + <usize>((n * channels + c) * inner * FLOAT_BYTES);
      let total = load<f64>(totals + <usize>(c * 8));
      for (let i = 0; i < inner; i++) total += <f64>load<f32>(run + <usize>(i * FLOAT_BYTES));
      store<f64>(totals + <usize>(c * 8), total);
    }
  }
  for (let c = first; c < end; c++) store<f32>(out + <usize>(c * FLOAT_BYTES), <f32>load<f64>(totals + <usize>(c * 8)));
}
