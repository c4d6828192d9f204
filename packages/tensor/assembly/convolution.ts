// 2-D convolution for the CPU backend, one image at a time: im2col into a scratch matrix that
// stays in cache, then the module's own sgemm on it. Compiled with sgemm.ts by tools/build-wasm.mjs.
//
// Shapes, per image n (row-major float32, byte addresses in this module's memory):
//   x[n]  C × H × W        input
//   w     O × K            filters, K = C·kh·kw (the weight [O, C, kh, kw] read as a matrix)
//   y[n]  O × L            output, L = OH·OW
//   cols  K × L            im2col(x[n]): cols[(c·kh + i)·kw + j][oy·OW + ox] = x[n][c][oy·sh − ph + i·dh][ox·sw − pw + j·dw]
//                          (0 outside the image)
//
//   forward            y[n]  = w · cols(x[n])  (+ bias[o] on row o)
//   input gradient     dx[n] = col2im(wᵀ · dy[n])          col2im is the adjoint of im2col
//   weight gradient    dw    = Σₙ dy[n] · cols(x[n])ᵀ
//
// Materialising cols one image at a time keeps it at K·L floats (288 × 576 × 4 bytes = 648 KiB for
// the tutorial's second convolution) instead of N times that, so it stays in L2 between im2col and
// the product, and no column matrix ever crosses into JavaScript.

import { sgemm } from './sgemm';
import { winogradConvolve, winogradScratchBytes, winogradTransformFilters, winogradWeightGradient } from './winograd';

const FLOAT_BYTES: i32 = 4;
const POSITIONS: i32 = 16;
/**
 * Winograd needs enough channels on both sides: its products have the channel counts as two of
 * their three dimensions, and with a single input channel (the first layer of an image network) a
 * depth-1 product cannot amortise the transforms, where im2col + sgemm can.
 */
const WINOGRAD_MIN_CHANNELS: i32 = 8;

/** Bytes of the Geometry record: 15 i32 values. */
const GEOMETRY_BYTES: usize = 15 * 4;

/**
 * Geometry of one convolution, written by the caller at `geometryAddress` as 15 i32 values in the
 * order of the fields below (the caller computes the output extents), followed by 36 bytes the
 * kernels use for Winograd's shape record.
 */
@unmanaged class Geometry {
  batch: i32;
  channels: i32;
  height: i32;
  width: i32;
  outChannels: i32;
  kernelHeight: i32;
  kernelWidth: i32;
  strideHeight: i32;
  strideWidth: i32;
  padHeight: i32;
  padWidth: i32;
  dilationHeight: i32;
  dilationWidth: i32;
  outputHeight: i32;
  outputWidth: i32;
}

/** Bytes of scratch the caller must provide: one image's column matrix, or Winograd's transforms. */
export function convolutionScratchBytes(geometryAddress: usize): i32 {
  const g = changetype<Geometry>(geometryAddress);
  const columns = rows(g) * g.outputHeight * g.outputWidth * FLOAT_BYTES;
  if (!usesWinograd(g)) return columns;
  // the forward pass and the weight gradient tile the output, the input gradient tiles the input
  const forward = winogradScratchBytes(g.batch, g.channels, g.outChannels, g.outputHeight, g.outputWidth);
  const backward = winogradScratchBytes(g.batch, g.outChannels, g.channels, g.height, g.width);
  return max(columns, max(forward, backward));
}

/** F(2×2, 3×3) applies to 3×3, stride-1, undilated kernels with padding ≤ 2 (the input gradient pads by 2 − p). */
function usesWinograd(g: Geometry): bool {
  return g.kernelHeight == 3 && g.kernelWidth == 3 && g.strideHeight == 1 && g.strideWidth == 1
    && g.dilationHeight == 1 && g.dilationWidth == 1 && g.padHeight <= 2 && g.padWidth <= 2
    && g.channels >= WINOGRAD_MIN_CHANNELS && g.outChannels >= WINOGRAD_MIN_CHANNELS;
}

/**
 * The Winograd shape record (assembly/winograd.ts, 9 i32 fields), right after the caller's Geometry
 * record (which is why the caller reserves GEOMETRY_BYTES + 36 bytes): not in static memory, because
 * threads sharing this module's memory may run convolutions at the same time.
 */
function setWinogradShape(
  geometryAddress: usize, batch: i32, inChannels: i32, inHeight: i32, inWidth: i32,
  outChannels: i32, outHeight: i32, outWidth: i32, padHeight: i32, padWidth: i32,
): usize {
  const shape = geometryAddress + GEOMETRY_BYTES;
  store<i32>(shape, batch, 0);
  store<i32>(shape, inChannels, 4);
  store<i32>(shape, inHeight, 8);
  store<i32>(shape, inWidth, 12);
  store<i32>(shape, outChannels, 16);
  store<i32>(shape, outHeight, 20);
  store<i32>(shape, outWidth, 24);
  store<i32>(shape, padHeight, 28);
  store<i32>(shape, padWidth, 32);
  return shape;
}

/** Bytes of the transformed filters U [16 × O × C] at the start of the scratch. */
// @ts-ignore: decorator
@inline function filterTransformBytes(g: Geometry): usize {
  return <usize>(POSITIONS * g.outChannels * g.channels * FLOAT_BYTES);
}

/** y = w ⋆ x (+ bias): x [N, C, H, W], w [O, K], bias [O] or 0 for none, y [N, O, L]. */
export function convolutionForward(
  geometryAddress: usize, x: usize, w: usize, bias: usize, y: usize, columns: usize, workspace: usize,
): void {
  const g = changetype<Geometry>(geometryAddress);
  if (usesWinograd(g)) {
    const shape = setWinogradShape(geometryAddress, g.batch, g.channels, g.height, g.width, g.outChannels, g.outputHeight, g.outputWidth, g.padHeight, g.padWidth);
    winogradTransformFilters(w, g.outChannels, g.channels, false, columns);
    winogradConvolve(shape, x, columns, bias, y, columns + filterTransformBytes(g), workspace);
    return;
  }
  const k = rows(g), l = outputPlane(g), o = g.outChannels;
  for (let n = 0; n < g.batch; n++) {
    const output = y + <usize>n * outputBytes(g);
    im2col(g, x + <usize>n * imageBytes(g), columns);
    // the bias is the product's starting value: one pass less than adding it afterwards
    if (bias != 0) fillRows(output, bias, o, l);
    sgemm(false, false, o, l, k, w, k, columns, l, output, l, bias != 0, workspace);
  }
}

/** dx = col2im(wᵀ · dy) per image: dy [N, O, L], w [O, K], dx [N, C, H, W] (overwritten). */
export function convolutionInputGradient(
  geometryAddress: usize, dy: usize, w: usize, dx: usize, columns: usize, workspace: usize,
): void {
  const g = changetype<Geometry>(geometryAddress);
  if (usesWinograd(g)) {
    // the full correlation of dy with the filters rotated by 180° and transposed, padded by 2 − p
    const shape = setWinogradShape(geometryAddress, g.batch, g.outChannels, g.outputHeight, g.outputWidth, g.channels, g.height, g.width, 2 - g.padHeight, 2 - g.padWidth);
    winogradTransformFilters(w, g.outChannels, g.channels, true, columns);
    winogradConvolve(shape, dy, columns, 0, dx, columns + filterTransformBytes(g), workspace);
    return;
  }
  const k = rows(g), l = outputPlane(g), o = g.outChannels;
  for (let n = 0; n < g.batch; n++) {
    // columns[K × L] = wᵀ[K × O] · dy[n][O × L]
    sgemm(true, false, k, l, o, w, k, dy + <usize>n * outputBytes(g), l, columns, l, false, workspace);
    col2im(g, columns, dx + <usize>n * imageBytes(g));
  }
}

/** dw = Σₙ dy[n] · cols(x[n])ᵀ: x [N, C, H, W], dy [N, O, L], dw [O, K] (overwritten). */
export function convolutionWeightGradient(
  geometryAddress: usize, x: usize, dy: usize, dw: usize, columns: usize, workspace: usize,
): void {
  const g = changetype<Geometry>(geometryAddress);
  if (usesWinograd(g)) {
    const shape = setWinogradShape(geometryAddress, g.batch, g.channels, g.height, g.width, g.outChannels, g.outputHeight, g.outputWidth, g.padHeight, g.padWidth);
    winogradWeightGradient(shape, x, dy, dw, columns, workspace);
    return;
  }
  const k = rows(g), l = outputPlane(g), o = g.outChannels;
  if (g.batch == 0) memory.fill(dw, 0, <usize>(o * k * FLOAT_BYTES));
  for (let n = 0; n < g.batch; n++) {
    im2col(g, x + <usize>n * imageBytes(g), columns);
    // dw[O × K] (+)= dy[n][O × L] · colsᵀ[L × K]; the first image overwrites
    sgemm(false, true, o, k, l, dy + <usize>n * outputBytes(g), l, columns, l, dw, k, n > 0, workspace);
  }
}

/** L = OH·OW, the columns of the column matrix. */
// @ts-ignore: decorator
@inline function outputPlane(g: Geometry): i32 {
  return g.outputHeight * g.outputWidth;
}

/** Bytes of one input image (C × H × W). */
// @ts-ignore: decorator
@inline function imageBytes(g: Geometry): usize {
  return <usize>(g.channels * g.height * g.width * FLOAT_BYTES);
}

/** Bytes of one output image, or of one image of the output gradient (O × L). */
// @ts-ignore: decorator
@inline function outputBytes(g: Geometry): usize {
  return <usize>(g.outChannels * outputPlane(g) * FLOAT_BYTES);
}

/** K = C·kh·kw, the rows of the column matrix. */
// @ts-ignore: decorator
@inline function rows(g: Geometry): i32 {
  return g.channels * g.kernelHeight * g.kernelWidth;
}

/**
 * One output row of the column matrix, for kernel offset (i, j) of channel c, covers the output
 * grid: for output column ox the input column is ox·sw − pw + j·dw, inside the image for
 * ox ∈ [first, last) (computed once per row instead of testing every element).
 */
// @ts-ignore: decorator
@inline function firstInside(offset: i32, stride: i32, extent: i32): i32 {
  // smallest ox ≥ 0 with ox·stride + offset ≥ 0
  return offset >= 0 ? 0 : min((-offset + stride - 1) / stride, extent);
}

// @ts-ignore: decorator
@inline function endInside(offset: i32, stride: i32, size: i32, extent: i32): i32 {
  // one past the largest ox < extent with ox·stride + offset ≤ size − 1
  if (offset > size - 1) return 0;
  return min((size - 1 - offset) / stride + 1, extent);
}

/** cols(x) for one image, zero outside the image (convolution's zero padding). */
function im2col(g: Geometry, image: usize, columns: usize): void {
  walkColumns(g, image, columns, true);
}

/** image = col2im(columns) for one image: every column entry added back to the pixel it was read from. */
function col2im(g: Geometry, columns: usize, image: usize): void {
  memory.fill(image, 0, imageBytes(g));
  walkColumns(g, image, columns, false);
}

/**
 * Visits every row of the column matrix — channel c, kernel offset (i, j), output row oy — with the
 * input row it reads, iy = oy·sh − ph + i·dh, and the output columns [first, end) whose input column
 * lies inside the image. `gather` copies the input into the row (zeros outside: im2col); otherwise
 * the row is added back onto the input (col2im, the adjoint).
 */
function walkColumns(g: Geometry, image: usize, columns: usize, gather: bool): void {
  const outputHeight = g.outputHeight, outputWidth = g.outputWidth;
  const rowBytes = <usize>(outputWidth * FLOAT_BYTES);
  let row = columns;
  for (let c = 0; c < g.channels; c++) {
    const plane = image + <usize>(c * g.height * g.width * FLOAT_BYTES);
    for (let i = 0; i < g.kernelHeight; i++) {
      const rowOffset = i * g.dilationHeight - g.padHeight;
      for (let j = 0; j < g.kernelWidth; j++) {
        const columnOffset = j * g.dilationWidth - g.padWidth;
        const first = firstInside(columnOffset, g.strideWidth, outputWidth);
        const end = max(first, endInside(columnOffset, g.strideWidth, g.width, outputWidth));
        for (let oy = 0; oy < outputHeight; oy++, row += rowBytes) {
          const iy = oy * g.strideHeight + rowOffset;
          const inside = iy >= 0 && iy < g.height;
          // the input address of output column 0 (outside the row for ox < first; never dereferenced there)
          const pixels = plane + <usize>((iy * g.width + columnOffset) * FLOAT_BYTES);
          if (gather) {
            if (!inside) {
              memory.fill(row, 0, rowBytes);
              continue;
            }
            if (first > 0) memory.fill(row, 0, <usize>(first * FLOAT_BYTES));
            if (end < outputWidth) memory.fill(row + <usize>(end * FLOAT_BYTES), 0, <usize>((outputWidth - end) * FLOAT_BYTES));
            copyRun(row, pixels, first, end, g.strideWidth);
          } else if (inside) {
            addRun(pixels, row, first, end, g.strideWidth);
          }
        }
      }
    }
  }
}

/** row[ox] = pixels[ox·stride] for ox in [first, end): one memory.copy when the run is contiguous. */
function copyRun(row: usize, pixels: usize, first: i32, end: i32, stride: i32): void {
  if (stride == 1) {
    memory.copy(row + <usize>(first * FLOAT_BYTES), pixels + <usize>(first * FLOAT_BYTES), <usize>((end - first) * FLOAT_BYTES));
    return;
  }
  const step = <usize>(stride * FLOAT_BYTES);
  for (let ox = first; ox < end; ox++) store<f32>(row + <usize>(ox * FLOAT_BYTES), load<f32>(pixels + <usize>ox * step));
}

/** pixels[ox·stride] += row[ox] for ox in [first, end); four at a time when the run is contiguous. */
function addRun(pixels: usize, row: usize, first: i32, end: i32, stride: i32): void {
  if (stride != 1) {
    const step = <usize>(stride * FLOAT_BYTES);
    for (let ox = first; ox < end; ox++) {
      const pixel = pixels + <usize>ox * step;
      store<f32>(pixel, load<f32>(pixel) + load<f32>(row + <usize>(ox * FLOAT_BYTES)));
    }
    return;
  }
  let ox = first;
  for (; ox + 4 <= end; ox += 4) {
    const offset = <usize>(ox * FLOAT_BYTES);
    v128.store(pixels + offset, f32x4.add(v128.load(pixels + offset), v128.load(row + offset)));
  }
  for (; ox < end; ox++) {
    const offset = <usize>(ox * FLOAT_BYTES);
    store<f32>(pixels + offset, load<f32>(pixels + offset) + load<f32>(row + offset));
  }
}

/** Row r of the O × L matrix at `output` set to bias[r]. */
function fillRows(output: usize, bias: usize, rowCount: i32, length: i32): void {
  for (let r = 0; r < rowCount; r++) {
    const value = f32x4.splat(load<f32>(bias + <usize>(r * FLOAT_BYTES)));
    const row = output + <usize>(r * length * FLOAT_BYTES);
    let index = 0;
    for (; index + 4 <= length; index += 4) v128.store(row + <usize>(index * FLOAT_BYTES), value);
    for (; index < length; index++) store<f32>(row + <usize>(index * FLOAT_BYTES), f32x4.extract_lane(value, 0));
  }
}
