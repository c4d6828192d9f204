import type { TensorView } from '../../core/backend.js';
import type { TypedArray } from '../../core/dtype.js';
import { reduce } from './reduce.js';
import { sumChannelsWasm } from './reduce-wasm.js';

/**
 * Sums contiguous x over `axes` (ascending) into contiguous out of the kept shape, reading x once in
 * memory order instead of copying it into [kept, reduced] rows first (the bias gradient of a convolution
 * sums [N, C, H, W] over N, H, W). Each output accumulates in a double and takes its elements in memory
 * order, which for ascending axes is the lexicographic order of the reduced coordinates: the same sum,
 * bit for bit, as the row-wise `reduce` of contiguous(permute(x, [...kept, ...axes])).
 */
export function sumAxes(x: TensorView, out: TensorView, axes: readonly number[]): void {
  const input = x.buffer as TypedArray;
  const output = out.buffer as TypedArray;
  const outputSize = out.shape.reduce((a, b) => a * b, 1);
  // one output ([N, 1] over axis 0): the whole input is its run, summed as every reduction to one output (in blocks)
  if (outputSize === 1) {
    const size = x.shape.reduce((a, b) => a * b, 1);
    reduce('sum', { ...x, shape: [1, size], strides: [size, 1] }, out);
    return;
  }
  // merge neighbouring axes of one kind (size-1 axes change no order): [N, C, H, W] over 0, 2, 3 → [N | C | H·W]
  const extents: number[] = [];
  const reduced: boolean[] = [];
  for (let axis = 0; axis < x.shape.length; axis++) {
    const extent = x.shape[axis]!;
    const isReduced = axes.includes(axis);
    if (extent === 1) continue;
    if (extents.length > 0 && reduced[reduced.length - 1] === isReduced) extents[extents.length - 1]! *= extent;
    else {
      extents.push(extent);
      reduced.push(isReduced);
    }
  }
  const size = extents.reduce((a, b) => a * b, 1);
  // [R | K] and [R | K | R'] of large float32: in the module, channels split over the helper threads; bit for bit
  if (input instanceof Float32Array && output instanceof Float32Array && reduced[0] && (extents.length === 2 || extents.length === 3)) {
    const [outer, channels, inner = 1] = extents as [number, number, number?];
    if (sumChannelsWasm(input, x.offset, output, out.offset, outer, channels, inner)) return;
  }
  const totals = new Float64Array(outputSize);
  if (size > 0 && extents.length === 2 && reduced[0] && !reduced[1]) columnSums(input, x.offset, totals, extents[0]!, extents[1]!);
  else if (size > 0 && extents.length > 0) accumulate(input, x.offset, totals, extents, reduced);
  else if (size > 0) totals[0] = input[x.offset]!; // every axis has size 1
  for (let i = 0; i < outputSize; i++) output[out.offset + i] = totals[i]!;
}

/**
 * totals[kept index] += x over the merged groups, which alternate kept and reduced. The innermost
 * groups form a block walked by a tight loop — rows of a reduced run (rowSums), or a run of outputs
 * side by side — and an odometer walks the groups outside the block.
 */
function accumulate(input: TypedArray, offset: number, totals: Float64Array, extents: number[], reduced: boolean[]): void {
  const groups = extents.length;
  // output stride of each kept group (0 for reduced groups), contiguous over the kept groups
  const outputStrides = new Array<number>(groups).fill(0);
  for (let g = groups - 1, stride = 1; g >= 0; g--) {
    if (reduced[g]) continue;
    outputStrides[g] = stride;
    stride *= extents[g]!;
  }
  const inner = extents[groups - 1]!;
  // [..., kept rows, reduced run]: the block is every row of the run; otherwise one innermost group
  const rowBlock = reduced[groups - 1]! && groups >= 2;
  const blockGroups = rowBlock ? 2 : 1;
  const rows = rowBlock ? extents[groups - 2]! : 1;
  const blockSize = rows * inner;
  const steps = extents.reduce((a, b) => a * b, 1) / blockSize;
  const outer = groups - blockGroups;
  const coordinate = new Array<number>(outer).fill(0);
  let from = offset;
  let to = 0;
  for (let step = 0; step < steps; step++, from += blockSize) {
    if (rowBlock) rowSums(input, from, totals, to, rows, inner);
    else if (reduced[groups - 1]) {
      let total = totals[to]!;
      for (let i = 0; i < inner; i++) total += input[from + i]!;
      totals[to] = total;
    } else {
      for (let i = 0; i < inner; i++) totals[to + i]! += input[from + i]!;
    }
    // odometer over the groups outside the block, keeping `to` = Σ coordinate · outputStride
    for (let g = outer - 1; g >= 0; g--) {
      to += outputStrides[g]!;
      if (++coordinate[g]! < extents[g]!) break;
      to -= coordinate[g]! * outputStrides[g]!;
      coordinate[g] = 0;
    }
  }
}

/**
 * totals[to + r] += Σ row r of `rows` consecutive rows of `length`, each in order. A running sum waits
 * for its previous addition; four rows at a time give the processor four independent chains, without
 * changing any row's order of additions.
 */
function rowSums(input: TypedArray, from: number, totals: Float64Array, to: number, rows: number, length: number): void {
  let row = 0;
  for (; row + 4 <= rows; row += 4) {
    const start = from + row * length;
    let total0 = totals[to + row]!;
    let total1 = totals[to + row + 1]!;
    let total2 = totals[to + row + 2]!;
    let total3 = totals[to + row + 3]!;
    for (let i = start, end = start + length; i < end; i++) {
      total0 += input[i]!;
      total1 += input[i + length]!;
      total2 += input[i + 2 * length]!;
      total3 += input[i + 3 * length]!;
    }
    totals[to + row] = total0;
    totals[to + row + 1] = total1;
    totals[to + row + 2] = total2;
    totals[to + row + 3] = total3;
  }
  for (; row < rows; row++) {
    const start = from + row * length;
    let total = totals[to + row]!;
    for (let i = start, end = start + length; i < end; i++) total += input[i]!;
    totals[to + row] = total;
  }
}

/**
 * [rows, columns] summed over rows (a bias gradient): totals[c] = Σ_r x[r, c], rows in order. Four
 * columns at a time walk down the rows in registers: four independent addition chains, and no
 * read-modify-write of totals per element (each waited on the previous row's store).
 */
function columnSums(input: TypedArray, offset: number, totals: Float64Array, rows: number, columns: number): void {
  let column = 0;
  for (; column + 4 <= columns; column += 4) {
    let total0 = 0,
      total1 = 0,
      total2 = 0,
      total3 = 0;
    for (let row = 0, i = offset + column; row < rows; row++, i += columns) {
      total0 += input[i]!;
      total1 += input[i + 1]!;
      total2 += input[i + 2]!;
      total3 += input[i + 3]!;
    }
    totals[column] = total0;
    totals[column + 1] = total1;
    totals[column + 2] = total2;
    totals[column + 3] = total3;
  }
  for (; column < columns; column++) {
    let total = 0;
    for (let row = 0, i = offset + column; row < rows; row++, i += columns) total += input[i]!;
    totals[column] = total;
  }
}
