import type { TensorView, WindowGeometry } from '@dl/tensor';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { dispatchInputToOutput } from './input-output-dispatch.js';
import { gridFor, linearEntryPoint } from './dispatch-grid.js';
import { Parameters, parameterDeclaration } from './parameters.js';
import { castValue, convertTo, storageType } from './wgsl-types.js';

/** Geometry words shared by unfold and fold; WGSL reads them as the named `let`s below. */
function geometryParameters(count: number, geometry: WindowGeometry, x: TensorView, out: TensorView): Parameters {
  const { channels, height, width, kernel, stride, padding, dilation, outputHeight, outputWidth, padValue } = geometry;
  return new Parameters()
    .int(count, channels, height, width, kernel[0], kernel[1], stride[0], stride[1])
    .int(padding[0], padding[1], dilation[0], dilation[1], outputHeight, outputWidth, x.offset, out.offset)
    .float(padValue);
}

const geometryLets = `  let channels = parameter(1u);
  let height = parameter(2u);
  let width = parameter(3u);
  let kernelHeight = parameter(4u);
  let kernelWidth = parameter(5u);
  let strideHeight = parameter(6u);
  let strideWidth = parameter(7u);
  let paddingHeight = parameter(8u);
  let paddingWidth = parameter(9u);
  let dilationHeight = parameter(10u);
  let dilationWidth = parameter(11u);
  let outputHeight = parameter(12u);
  let outputWidth = parameter(13u);
  let positions = outputHeight * outputWidth;
  let rows = channels * kernelHeight * kernelWidth;
  let item = i32(index);`;

function dispatchWindow(
  runtime: GpuRuntime,
  label: string,
  body: string,
  x: TensorView,
  out: TensorView,
  parameters: Parameters,
  count: number,
): void {
  const source = `// ${label}
@group(0) @binding(0) var<storage, read> input: array<${storageType(label, x.dtype)}>;
@group(0) @binding(1) var<storage, read_write> output: array<${storageType(label, out.dtype)}>;
${parameterDeclaration(2, parameters.length)}
${linearEntryPoint('parameter(0u)', `${geometryLets}\n${body}`)}`;
  dispatchInputToOutput(runtime, {
    label,
    source,
    x,
    out,
    parameters: parameters.toArray(),
    workgroups: gridFor(label, count),
  });
}

/**
 * im2col, one invocation per column element: column row r = (c, ki, kj) at output position (oi, oj)
 * reads pixel (c, oi·s_h − p_h + ki·d_h, oj·s_w − p_w + kj·d_w), or `padValue` outside the image.
 */
export function runUnfold(runtime: GpuRuntime, x: TensorView, out: TensorView, geometry: WindowGeometry): void {
  const label = 'unfold';
  const count = out.shape.reduce((a, b) => a * b, 1);
  if (count === 0) return;
  const type = storageType(label, x.dtype);
  const padValue = castValue({ code: 'bitcast<f32>(parameter(16u))', type: 'f32' }, type);
  const body = `  let position = item % positions;
  let row = (item / positions) % rows;
  let image = item / positions / rows;
  let kj = row % kernelWidth;
  let ki = (row / kernelWidth) % kernelHeight;
  let channel = row / (kernelWidth * kernelHeight);
  let i = (position / outputWidth) * strideHeight - paddingHeight + ki * dilationHeight;
  let j = (position % outputWidth) * strideWidth - paddingWidth + kj * dilationWidth;
  var value = ${padValue};
  if (i >= 0 && i < height && j >= 0 && j < width) {
    value = input[u32(parameter(14u) + ((image * channels + channel) * height + i) * width + j)];
  }
  output[u32(parameter(15u)) + index] = ${convertTo({ code: 'value', type }, out.dtype)};`;
  dispatchWindow(runtime, label, body, x, out, geometryParameters(count, geometry, x, out), count);
}

/**
 * col2im as a gather (no atomics): one invocation per image pixel sums every column element that
 * unfold would have read it into. Pixel i is read by kernel row ki at output row oi exactly when
 * i + p_h − ki·d_h = oi·s_h with 0 ≤ oi < outH (likewise for columns).
 */
export function runFold(runtime: GpuRuntime, x: TensorView, out: TensorView, geometry: WindowGeometry): void {
  const label = 'fold';
  const count = out.shape.reduce((a, b) => a * b, 1);
  if (count === 0) return;
  const type = storageType(label, out.dtype);
  const body = `  let j = item % width;
  let i = (item / width) % height;
  let channel = (item / width / height) % channels;
  let image = item / width / height / channels;
  var total = ${castValue({ code: '0', type: 'i32' }, type)};
  for (var ki = 0; ki < kernelHeight; ki++) {
    let shiftedRow = i + paddingHeight - ki * dilationHeight;
    if (shiftedRow < 0 || shiftedRow % strideHeight != 0) { continue; }
    let outputRow = shiftedRow / strideHeight;
    if (outputRow >= outputHeight) { continue; }
    for (var kj = 0; kj < kernelWidth; kj++) {
      let shiftedColumn = j + paddingWidth - kj * dilationWidth;
      if (shiftedColumn < 0 || shiftedColumn % strideWidth != 0) { continue; }
      let outputColumn = shiftedColumn / strideWidth;
      if (outputColumn >= outputWidth) { continue; }
      let row = (channel * kernelHeight + ki) * kernelWidth + kj;
      let column = (image * rows + row) * positions + outputRow * outputWidth + outputColumn;
      total += ${castValue({ code: 'input[u32(parameter(14u) + column)]', type: storageType(label, x.dtype) }, type)};
    }
  }
  output[u32(parameter(15u)) + index] = total;`;
  dispatchWindow(runtime, label, body, x, out, geometryParameters(count, geometry, x, out), count);
}
