import type { TensorView, WindowGeometry } from '../../core/backend.js';
import type { TypedArray } from '../../core/dtype.js';

/**
 * Output columns oj whose input column j = oj·s − p + kj·d lies inside [0, width): a contiguous range
 * [first, last), so the inner loops below need no bounds test per element.
 */
function insideRange(kernelOffset: number, stride: number, padding: number, extent: number, outputExtent: number): [number, number] {
  const shift = kernelOffset - padding; // j = oj·s + shift
  const first = shift >= 0 ? 0 : Math.ceil(-shift / stride);
  const last = Math.min(outputExtent, Math.max(0, Math.floor((extent - 1 - shift) / stride) + 1));
  return [Math.min(first, outputExtent), Math.max(last, Math.min(first, outputExtent))];
}

/**
 * Calls `row(columnStart, imageStart, first, last, rowInside)` for each (image, channel, ki, kj, oi):
 * column row r = (c, ki, kj) at output row oi reads image row i = oi·s_h − p_h + ki·d_h; along the row,
 * output columns [first, last) read image columns j = oj·s_w − p_w + kj·d_w starting at `imageStart`.
 */
function forEachWindowRow(
  geometry: WindowGeometry,
  row: (columnStart: number, imageStart: number, first: number, last: number, rowInside: boolean) => void,
): void {
  const { batch, channels, height, width, kernel, stride, padding, dilation, outputHeight, outputWidth } = geometry;
  const positions = outputHeight * outputWidth;
  const rows = channels * kernel[0] * kernel[1];
  for (let n = 0; n < batch; n++) {
    for (let r = 0; r < rows; r++) {
      const kj = r % kernel[1];
      const ki = Math.floor(r / kernel[1]) % kernel[0];
      const c = Math.floor(r / (kernel[0] * kernel[1]));
      const imagePlane = (n * channels + c) * height * width;
      const columnRow = (n * rows + r) * positions;
      const [first, last] = insideRange(kj * dilation[1], stride[1], padding[1], width, outputWidth);
      const columnShift = kj * dilation[1] - padding[1];
      for (let oi = 0; oi < outputHeight; oi++) {
        const i = oi * stride[0] - padding[0] + ki * dilation[0];
        const rowInside = i >= 0 && i < height;
        row(columnRow + oi * outputWidth, imagePlane + i * width + columnShift, first, last, rowInside);
      }
    }
  }
}

/** im2col: columns[n, (c, ki, kj), (oi, oj)] = image[n, c, i, j], padValue outside the image. */
export function unfold(x: TensorView, out: TensorView, geometry: WindowGeometry): void {
  const image = x.buffer as TypedArray;
  const columns = out.buffer as TypedArray;
  const { outputWidth, padValue } = geometry;
  const step = geometry.stride[1];
  forEachWindowRow(geometry, (columnStart, imageStart, first, last, rowInside) => {
    const start = out.offset + columnStart;
    if (!rowInside) {
      columns.fill(padValue, start, start + outputWidth);
      return;
    }
    if (first > 0) columns.fill(padValue, start, start + first);
    const source = x.offset + imageStart;
    for (let oj = first; oj < last; oj++) columns[start + oj] = image[source + oj * step]!;
    if (last < outputWidth) columns.fill(padValue, start + last, start + outputWidth);
  });
}

/** col2im, the adjoint of unfold: image[n, c, i, j] = Σ of the column entries that read it. */
export function fold(x: TensorView, out: TensorView, geometry: WindowGeometry): void {
  const columns = x.buffer as TypedArray;
  const image = out.buffer as TypedArray;
  image.fill(0, out.offset, out.offset + out.shape.reduce((a, b) => a * b, 1));
  const step = geometry.stride[1];
  forEachWindowRow(geometry, (columnStart, imageStart, first, last, rowInside) => {
    if (!rowInside) return;
    const source = x.offset + columnStart;
    const target = out.offset + imageStart;
    for (let oj = first; oj < last; oj++) image[target + oj * step] += columns[source + oj]!;
  });
}
