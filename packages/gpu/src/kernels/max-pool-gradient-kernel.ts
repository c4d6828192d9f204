import type { TensorView, WindowGeometry } from '@dl/tensor';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { gridFor, linearEntryPoint } from './dispatch-grid.js';
import { dispatchInputsToOutput } from './input-output-dispatch.js';
import { Parameters, parameterDeclaration } from './parameters.js';

/**
 * Max pooling's gradient (@dl/tensor's FusedKernels.maxPool2dGradient): one invocation per input cell
 * (h, w) of a plane visits the windows that can contain it — rows i with i·s − p ≤ h ≤ i·s − p + (k − 1)·d,
 * columns alike, at most ⌈k/s⌉² of them — in ascending window order, and adds the gradient of each
 * whose chosen cell is (h, w). The scatter-add it replaces scans every window of the plane in the
 * same order, so the sums are the same bit for bit, at a fraction of the reads.
 * Parameters: cells, H, W, kernel, stride, padding, dilation, outH, outW, then the offsets.
 */
export function runMaxPool2dGradient(
  runtime: GpuRuntime,
  gradient: TensorView,
  indices: TensorView,
  geometry: WindowGeometry,
  out: TensorView,
): void {
  const label = 'maxPool2dGradient';
  if (gradient.dtype !== 'float32') throw new Error(`webgpu maxPool2dGradient: the gradient must be float32, got ${gradient.dtype}`);
  const { batch: planes, height, width, kernel, stride, padding, dilation, outputHeight, outputWidth } = geometry;
  const count = planes * height * width;
  if (count === 0) return;
  const parameters = new Parameters()
    .int(count, height, width, kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1])
    .int(dilation[0], dilation[1], outputHeight, outputWidth, gradient.offset, indices.offset, out.offset);
  const body = `  let height = parameter(1u);
  let width = parameter(2u);
  let outputHeight = parameter(11u);
  let outputWidth = parameter(12u);
  let cells = height * width;
  let plane = i32(index) / cells;
  let cell = i32(index) % cells;
  let row = cell / width;
  let column = cell % width;
  // the windows whose span covers this row (column): from ⌈(h + p − (k − 1)·d) / s⌉ to ⌊(h + p) / s⌋
  let lowestRow = row + parameter(7u) - (parameter(3u) - 1) * parameter(9u);
  let lowestColumn = column + parameter(8u) - (parameter(4u) - 1) * parameter(10u);
  let firstWindowRow = select(0, (lowestRow + parameter(5u) - 1) / parameter(5u), lowestRow > 0);
  let firstWindowColumn = select(0, (lowestColumn + parameter(6u) - 1) / parameter(6u), lowestColumn > 0);
  let lastWindowRow = min(outputHeight - 1, (row + parameter(7u)) / parameter(5u));
  let lastWindowColumn = min(outputWidth - 1, (column + parameter(8u)) / parameter(6u));
  let windowsStart = plane * outputHeight * outputWidth;
  var total = 0.0;
  for (var windowRow = firstWindowRow; windowRow <= lastWindowRow; windowRow++) {
    for (var windowColumn = firstWindowColumn; windowColumn <= lastWindowColumn; windowColumn++) {
      let window = windowsStart + windowRow * outputWidth + windowColumn;
      if (chosen[u32(parameter(14u) + window)] == cell) { total += gradient[u32(parameter(13u) + window)]; }
    }
  }
  result[u32(parameter(15u)) + index] = total;`;
  const source = `// ${label}
@group(0) @binding(0) var<storage, read> gradient: array<f32>;
@group(0) @binding(1) var<storage, read> chosen: array<i32>;
@group(0) @binding(2) var<storage, read_write> result: array<f32>;
${parameterDeclaration(3, parameters.length)}
${linearEntryPoint('parameter(0u)', body)}`;
  dispatchInputsToOutput(runtime, {
    label,
    source,
    inputs: [gradient, indices],
    out,
    parameters: parameters.toArray(),
    workgroups: gridFor(label, count),
  });
}
