import type { TensorView, WindowGeometry } from '@dl/tensor';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { bindingOf, type ConvolutionProgram, elementsOf } from './convolution-program.js';
import { CONVOLUTION_PARAMETERS, convolutionWords, word } from './convolution-wgsl.js';
import { chooseTiles } from './gemm-tiles.js';
import { parameterDeclaration } from './parameters.js';
import { tiledGemmSource } from './tiled-gemm.js';
import { dispatchTiledGemm } from './tiled-gemm-dispatch.js';

/**
 * The input gradient as an implicit GEMM, one batch entry per image, without col2im:
 *   dx[n, c, i, j] = Σ_{o,ki,kj} w[o, c, ki, kj] · g[n, o, oi, oj] over the windows (oi, oj) that read
 *   pixel (i, j), i.e. where i + p − ki·d = oi·s with 0 ≤ oi < OH (likewise j):
 * a product of C × (O·kh·kw) by (O·kh·kw) × HW whose right operand is g there and 0 elsewhere.
 */
export function inputGradientProgram(maximumThreads: number, geometry: WindowGeometry, outChannels: number): ConvolutionProgram {
  const label = 'conv2d input gradient';
  const { channels, height, width, kernel } = geometry;
  const m = channels;
  const n = height * width;
  const k = outChannels * kernel[0] * kernel[1];
  const tiles = chooseTiles(m, n, maximumThreads);
  const area = `${word('kernelHeight')} * ${word('kernelWidth')}`;
  const source = tiledGemmSource({
    label,
    tiles,
    valueType: 'f32',
    declarations: `@group(0) @binding(0) var<storage, read> incoming: array<f32>;
@group(0) @binding(1) var<storage, read> weight: array<f32>;
@group(0) @binding(2) var<storage, read_write> output: array<f32>;
${parameterDeclaration(3, CONVOLUTION_PARAMETERS)}`,
    // A[c][(o, ki, kj)] = w[o, c, ki, kj]
    a: {
      code: `fn loadA(batch: u32, outer: u32, inner: u32) -> f32 {
  let area = ${area};
  return weight[${word('offset1')} + ((inner / area) * ${word('channels')} + outer) * area + inner % area];
}`,
      contiguous: 'inner',
      vector: false,
    },
    // B[(o, ki, kj)][(i, j)] = g[n, o, oi, oj] where i = oi·s − p + ki·d (likewise j), else 0
    b: {
      code: `fn loadB(batch: u32, outer: u32, inner: u32) -> f32 {
  let area = ${area};
  let cell = inner % area;
  let shiftedRow = i32(outer / ${word('width')} + ${word('paddingHeight')}) - i32((cell / ${word('kernelWidth')}) * ${word('dilationHeight')});
  let shiftedColumn = i32(outer % ${word('width')} + ${word('paddingWidth')}) - i32((cell % ${word('kernelWidth')}) * ${word('dilationWidth')});
  if (shiftedRow < 0 || shiftedColumn < 0) { return 0.0; }
  let row = u32(shiftedRow);
  let column = u32(shiftedColumn);
  if (row % ${word('strideHeight')} != 0u || column % ${word('strideWidth')} != 0u) { return 0.0; }
  let outputRow = row / ${word('strideHeight')};
  let outputColumn = column / ${word('strideWidth')};
  if (outputRow >= ${word('outputHeight')} || outputColumn >= ${word('outputWidth')}) { return 0.0; }
  return incoming[${word('offset0')} + ((batch * ${word('outChannels')} + inner / area) * ${word('outputHeight')} + outputRow) * ${word('outputWidth')} + outputColumn];
}`,
      contiguous: 'outer',
      vector: false,
    },
    store: `fn store(batch: u32, split: u32, row: u32, column: u32, value: f32) {
  output[${word('offset2')} + (batch * u32(parameter(0u)) + row) * u32(parameter(1u)) + column] = value;
}`,
  });
  return { label, source, tiles, m, n, k, splits: 1, chunk: k };
}

export function runConvolutionInputGradient(
  runtime: GpuRuntime,
  gradient: TensorView,
  weight: TensorView,
  out: TensorView,
  geometry: WindowGeometry,
): void {
  if (elementsOf(out) === 0) return;
  const outChannels = weight.shape[0]!;
  const program = inputGradientProgram(runtime.device.limits.maxComputeInvocationsPerWorkgroup, geometry, outChannels);
  const { label } = program;
  const bindings = [bindingOf(label, gradient, 'read'), bindingOf(label, weight, 'read'), bindingOf(label, out, 'read-write')];
  const extra = convolutionWords(geometry, outChannels, [gradient.offset, weight.offset, out.offset]);
  dispatchTiledGemm(runtime, { ...program, bindings, batch: geometry.batch, extra });
}
