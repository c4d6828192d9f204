import type { TensorView, WindowGeometry } from '../../core/backend.js';
import { CallFrame } from '../wasm/instance.js';

/**
 * For each pooling window of contiguous x [planes, 1, H, W], the flat position h·W + w of its maximum in
 * the plane, into contiguous int32 [planes, outH·outW] (torch's returnIndices). Window (i, j) covers rows
 * i·s − p + a·d and columns j·s − p + b·d, visited in (a, b) order. The first cell is the starting
 * choice; a later cell replaces it when strictly greater, or when it is the first NaN (NaN wins, as in
 * torch.max). Cells in the padding are skipped rather than read as −∞, so a window never chooses one.
 */
export function maxPool2dIndices(x: TensorView, indices: TensorView, geometry: WindowGeometry, values?: TensorView): void {
  if (x.buffer instanceof Float32Array && isPlainTwoByTwo(geometry)) {
    maxPool2x2Simd(x, indices, geometry, values);
    return;
  }
  choose(x, indices, geometry);
  if (values) readChosen(x, indices, values, geometry);
}

/** values[i] = the plane's cell at indices[i] (what gather along the plane axis computes). */
function readChosen(x: TensorView, indices: TensorView, values: TensorView, geometry: WindowGeometry): void {
  const input = x.buffer as Float32Array | Float64Array;
  const chosen = indices.buffer as Int32Array;
  const output = values.buffer as Float32Array | Float64Array;
  const planeSize = geometry.height * geometry.width;
  const windows = geometry.outputHeight * geometry.outputWidth;
  for (let plane = 0, written = 0; plane < geometry.batch; plane++) {
    const planeStart = x.offset + plane * planeSize;
    for (let window = 0; window < windows; window++, written++) {
      output[values.offset + written] = input[planeStart + chosen[indices.offset + written]!]!;
    }
  }
}

/** The JavaScript loop over windows of any geometry, float32 or float64. */
function choose(x: TensorView, indices: TensorView, geometry: WindowGeometry): void {
  const input = x.buffer as Float32Array | Float64Array;
  const output = indices.buffer as Int32Array;
  const { batch: planes, height, width, outputHeight, outputWidth } = geometry;
  const [kernelHeight, kernelWidth] = geometry.kernel;
  const [strideHeight, strideWidth] = geometry.stride;
  const [paddingHeight, paddingWidth] = geometry.padding;
  const [dilationHeight, dilationWidth] = geometry.dilation;
  // a window inside the image reads its cells at these offsets from its first cell, with no checks
  const cells = kernelHeight * kernelWidth;
  const cellOffsets = new Int32Array(cells);
  for (let a = 0; a < kernelHeight; a++)
    for (let b = 0; b < kernelWidth; b++) cellOffsets[a * kernelWidth + b] = a * dilationHeight * width + b * dilationWidth;
  const spanHeight = (kernelHeight - 1) * dilationHeight;
  const spanWidth = (kernelWidth - 1) * dilationWidth;
  const planeSize = height * width;
  let written = indices.offset;
  for (let plane = 0; plane < planes; plane++) {
    const planeStart = x.offset + plane * planeSize;
    for (let outputRow = 0; outputRow < outputHeight; outputRow++) {
      const firstRow = outputRow * strideHeight - paddingHeight;
      const rowsInside = firstRow >= 0 && firstRow + spanHeight < height;
      for (let outputColumn = 0; outputColumn < outputWidth; outputColumn++) {
        const firstColumn = outputColumn * strideWidth - paddingWidth;
        if (rowsInside && firstColumn >= 0 && firstColumn + spanWidth < width) {
          const windowStart = planeStart + firstRow * width + firstColumn;
          output[written++] =
            (cells === 4 ? fourCellMaximum(input, windowStart, cellOffsets) : windowMaximum(input, windowStart, cellOffsets)) - planeStart;
        } else {
          output[written++] = clippedWindowMaximum(input, planeStart, geometry, firstRow, firstColumn);
        }
      }
    }
  }
}

/** Where in `input` the window starting at `windowStart` has its maximum (first of ties, first NaN). */
function windowMaximum(input: Float32Array | Float64Array, windowStart: number, cellOffsets: Int32Array): number {
  let bestAt = windowStart;
  let best = input[windowStart]!;
  for (let cell = 1; cell < cellOffsets.length; cell++) {
    const at = windowStart + cellOffsets[cell]!;
    const value = input[at]!;
    if (value > best || (value !== value && best === best)) {
      best = value;
      bestAt = at;
    }
  }
  return bestAt;
}

/** windowMaximum unrolled for 2×2 windows (MaxPool2d(2)), a quarter faster than the loop over 4 cells. */
function fourCellMaximum(input: Float32Array | Float64Array, windowStart: number, cellOffsets: Int32Array): number {
  let bestAt = windowStart;
  let best = input[windowStart]!;
  let at = windowStart + cellOffsets[1]!;
  let value = input[at]!;
  if (value > best || (value !== value && best === best)) {
    best = value;
    bestAt = at;
  }
  at = windowStart + cellOffsets[2]!;
  value = input[at]!;
  if (value > best || (value !== value && best === best)) {
    best = value;
    bestAt = at;
  }
  at = windowStart + cellOffsets[3]!;
  value = input[at]!;
  if (value > best || (value !== value && best === best)) bestAt = at;
  return bestAt;
}

/** The same choice for a window that reaches into the padding: only the cells inside the image count. */
function clippedWindowMaximum(
  input: Float32Array | Float64Array,
  planeStart: number,
  geometry: WindowGeometry,
  firstRow: number,
  firstColumn: number,
): number {
  const { height, width, kernel, dilation } = geometry;
  let best = -Infinity;
  let bestPosition = -1;
  for (let a = 0; a < kernel[0]; a++) {
    const row = firstRow + a * dilation[0];
    if (row < 0 || row >= height) continue;
    for (let b = 0; b < kernel[1]; b++) {
      const column = firstColumn + b * dilation[1];
      if (column < 0 || column >= width) continue;
      const position = row * width + column;
      const value = input[planeStart + position]!;
      if (bestPosition < 0 || value > best || (value !== value && best === best)) {
        best = value;
        bestPosition = position;
      }
    }
  }
  return bestPosition;
}

/** MaxPool2d(2) on whole windows: 2×2, stride 2, no padding or dilation, floor mode. */
function isPlainTwoByTwo(geometry: WindowGeometry): boolean {
  const { kernel, stride, padding, dilation, height, width, outputHeight, outputWidth } = geometry;
  return (
    kernel[0] === 2 &&
    kernel[1] === 2 &&
    stride[0] === 2 &&
    stride[1] === 2 &&
    padding[0] === 0 &&
    padding[1] === 0 &&
    dilation[0] === 1 &&
    dilation[1] === 1 &&
    outputHeight === height >> 1 &&
    outputWidth === width >> 1
  );
}

/**
 * The 2×2 case in the WebAssembly module (assembly/max-pool.ts), four windows per SIMD step and no
 * branches: the planes are read where they live or copied in (a memcpy, ~0.2 ns per float) and the
 * indices copied out, which
 * is several times cheaper than the branchy JavaScript loop over the same windows.
 */
function maxPool2x2Simd(x: TensorView, indices: TensorView, geometry: WindowGeometry, values: TensorView | undefined): void {
  const { batch: planes, height, width, outputHeight, outputWidth } = geometry;
  const inputSize = planes * height * width;
  const outputSize = planes * outputHeight * outputWidth;
  const frame = new CallFrame();
  const inputAddress = frame.input(x.buffer as Float32Array, x.offset, inputSize);
  const indicesAddress = frame.reserve(outputSize * 4);
  const valuesAddress = values ? frame.output(values.buffer as Float32Array, values.offset, outputSize) : frame.reserve(outputSize * 4);
  frame.exports.maxPool2x2(inputAddress, planes, height, width, indicesAddress, valuesAddress);
  frame.copyOut(indicesAddress, indices.buffer as Int32Array, indices.offset, outputSize);
  if (values) frame.copyOut(valuesAddress, values.buffer as Float32Array, values.offset, outputSize);
}
