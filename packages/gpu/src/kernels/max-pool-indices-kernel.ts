import type { TensorView, WindowGeometry } from '@dl/tensor';
import { gpuBufferOf } from '../backend/gpu-tensor-buffer.js';
import type { GpuRuntime, KernelBinding } from '../runtime/gpu-runtime.js';
import { gridFor, linearEntryPoint } from './dispatch-grid.js';
import { Parameters, parameterDeclaration } from './parameters.js';
import { withHelpers } from './wgsl-math.js';

/**
 * Max pooling's choice in one pass (@dl/tensor's FusedKernels.maxPool2dIndices), in place of unfold
 * with −∞ padding, argmax and gather. One invocation per window (i, j) of one plane visits the cells at
 * rows i·s − p + a·d and columns j·s − p + b·d in (a, b) order, skipping those in the padding; the first
 * real cell is the starting choice and a later one replaces it when strictly greater, or when it is the
 * first NaN (NaN wins, as torch.max). The flat position h·W + w goes to `indices`, the value to
 * `values`: the CPU kernel's rules, so both choose the same cells.
 * Parameters: windows, planes' H, W, kernel, stride, padding, dilation, outH, outW, then the offsets.
 */
export function runMaxPool2dIndices(
  runtime: GpuRuntime,
  x: TensorView,
  indices: TensorView,
  geometry: WindowGeometry,
  values: TensorView | undefined,
): void {
  const label = `maxPool2dIndices${values ? ' with values' : ''}`;
  if (x.dtype !== 'float32') throw new Error(`webgpu maxPool2dIndices: x must be float32, got ${x.dtype}`);
  const { batch: planes, height, width, kernel, stride, padding, dilation, outputHeight, outputWidth } = geometry;
  const count = planes * outputHeight * outputWidth;
  if (count === 0) return;
  const parameters = new Parameters()
    .int(count, height, width, kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1])
    .int(dilation[0], dilation[1], outputHeight, outputWidth, x.offset, indices.offset, values?.offset ?? 0);
  const body = `  let height = parameter(1u);
  let width = parameter(2u);
  let outputWidth = parameter(12u);
  let windows = parameter(11u) * outputWidth;
  let item = i32(index);
  let plane = item / windows;
  let window = item % windows;
  let firstRow = (window / outputWidth) * parameter(5u) - parameter(7u);
  let firstColumn = (window % outputWidth) * parameter(6u) - parameter(8u);
  let planeStart = parameter(13u) + plane * height * width;
  var best = 0.0;
  var bestPosition = -1;
  for (var a = 0; a < parameter(3u); a++) {
    let row = firstRow + a * parameter(9u);
    if (row < 0 || row >= height) { continue; }
    for (var b = 0; b < parameter(4u); b++) {
      let column = firstColumn + b * parameter(10u);
      if (column < 0 || column >= width) { continue; }
      let position = row * width + column;
      let value = input[u32(planeStart + position)];
      if (bestPosition < 0 || value > best || (isNan(value) && !isNan(best))) {
        best = value;
        bestPosition = position;
      }
    }
  }
  chosen[u32(parameter(14u)) + index] = bestPosition;
${values ? '  maxima[u32(parameter(15u)) + index] = best;' : ''}`;
  const source = withHelpers(`// ${label}
@group(0) @binding(0) var<storage, read> input: array<f32>;
@group(0) @binding(1) var<storage, read_write> chosen: array<i32>;
${values ? '@group(0) @binding(2) var<storage, read_write> maxima: array<f32>;' : ''}
${parameterDeclaration(values ? 3 : 2, parameters.length)}
${linearEntryPoint('parameter(0u)', body)}`);
  const bindings: KernelBinding[] = [
    { buffer: gpuBufferOf(label, x.buffer), access: 'read' },
    { buffer: gpuBufferOf(label, indices.buffer), access: 'read-write' },
  ];
  if (values) bindings.push({ buffer: gpuBufferOf(label, values.buffer), access: 'read-write' });
  runtime.dispatch({ label, source, bindings, parameters: parameters.toArray(), workgroups: gridFor(label, count) });
}
