import type { TensorView } from '../../core/backend.js';

/**
 * The stable sorting permutation of each row of contiguous x [rows, n] (see FusedKernels.sortIndices):
 * a comparison sort, O(n log n) per row, on the row's positions. The order is total: NaN above every
 * number, ties (−0 and +0 included) broken by position, which makes the result stable whatever the
 * engine's sort algorithm is.
 */
export function sortIndices(x: TensorView, out: TensorView, descending: boolean): void {
  const values = x.buffer as Float32Array | Float64Array | Int32Array;
  const positions = out.buffer as Int32Array;
  const n = x.shape[x.shape.length - 1] ?? 1;
  const size = x.shape.reduce((product, extent) => product * extent, 1);
  if (size === 0) return;
  const direction = descending ? -1 : 1;
  for (let rowStart = 0; rowStart < size; rowStart += n) {
    const order = positions.subarray(out.offset + rowStart, out.offset + rowStart + n);
    for (let position = 0; position < n; position++) order[position] = position;
    const base = x.offset + rowStart;
    order.sort((first, second) => {
      const a = values[base + first] as number;
      const b = values[base + second] as number;
      const aNan = a !== a;
      const bNan = b !== b;
      const byValue = aNan || bNan ? Number(aNan) - Number(bNan) : a < b ? -1 : a > b ? 1 : 0;
      return byValue !== 0 ? direction * byValue : first - second;
    });
  }
}
