import type { TensorView, WindowGeometry } from '../../core/backend.js';
import type { TypedArray } from '../../core/dtype.js';

/**
 * Visits every (column row, output position) pair of im2col: column row r = (c, ki, kj) reads image
 * pixel (c, oi·s_h - p_h + ki·d_h, oj·s_w - p_w + kj·d_w), or nothing when that falls outside.
 */
function forEachWindowElement(
  geometry: WindowGeometry,
  visit: (columnIndex: number, imageIndex: number) => void,
): void {
  const { batch, channels, height, width, kernel, stride, padding, dilation, outputHeight, outputWidth } = geometry;
  const positions = outputHeight * outputWidth;
  const rows = channels * kernel[0] * kernel[1];
  for (let n = 0; n < batch; n++) {
    for (let row = 0; row < rows; row++) {
      const kj = row % kernel[1];
      const ki = Math.floor(row / kernel[1]) % kernel[0];
      const c = Math.floor(row / (kernel[0] * kernel[1]));
      const imageBase = (n * channels + c) * height * width;
      const columnBase = (n * rows + row) * positions;
      for (let oi = 0; oi < outputHeight; oi++) {
        const i = oi * stride[0] - padding[0] + ki * dilation[0];
        const rowInside = i >= 0 && i < height;
        for (let oj = 0; oj < outputWidth; oj++) {
          const j = oj * stride[1] - padding[1] + kj * dilation[1];
          const inside = rowInside && j >= 0 && j < width;
          visit(columnBase + oi * outputWidth + oj, inside ? imageBase + i * width + j : -1);
        }
      }
    }
  }
}

export function unfold(x: TensorView, out: TensorView, geometry: WindowGeometry): void {
  const image = x.buffer as TypedArray;
  const columns = out.buffer as TypedArray;
  forEachWindowElement(geometry, (columnIndex, imageIndex) => {
    columns[out.offset + columnIndex] = imageIndex < 0 ? geometry.padValue : image[x.offset + imageIndex]!;
  });
}

export function fold(x: TensorView, out: TensorView, geometry: WindowGeometry): void {
  const columns = x.buffer as TypedArray;
  const image = out.buffer as TypedArray;
  image.fill(0, out.offset, out.offset + out.shape.reduce((a, b) => a * b, 1));
  forEachWindowElement(geometry, (columnIndex, imageIndex) => {
    if (imageIndex >= 0) image[out.offset + imageIndex] += columns[x.offset + columnIndex]!;
  });
}
