import type { FusedKernels, TensorView, WindowGeometry } from '@dl/tensor';
import { gpuBufferOf } from '../backend/gpu-tensor-buffer.js';
import type { GpuRuntime, KernelBinding } from '../runtime/gpu-runtime.js';
import { CONVOLUTION_PARAMETERS, convolutionWords, windowPixelFunction, word } from './convolution-wgsl.js';
import { chooseSplits, chooseTiles } from './gemm-tiles.js';
import { parameterDeclaration } from './parameters.js';
import { runSplitSum } from './split-sum-kernel.js';
import { tiledGemmSource } from './tiled-gemm.js';
import { dispatchTiledGemm } from './tiled-gemm-dispatch.js';

/*
 * One-group 2-D convolution and its two gradients as implicit GEMMs (@dl/tensor's FusedKernels.conv2d):
 * the tiled product of tiled-gemm.ts whose loaders compute im2col addresses as they fill the tiles, so
 * no column matrix exists in memory. With K = C·kh·kw, L = OH·OW:
 *   forward          y[n] (O × L)   = w (O × K) · cols(x[n]) (K × L)            (+ bias), one batch per image
 *   input gradient   dx[n] (C × HW) = Σ_{o,ki,kj} w[o, c, ki, kj] · g[n, o, oi, oj] over the (oi, oj) that
 *                    read pixel (i, j): a product of C × (O·kh·kw) by (O·kh·kw) × HW whose right operand is
 *                    g where i + p − ki·d is a non-negative multiple of the stride, else 0
 *   weight gradient  dw (O × K)     = Σₙ g[n] (O × L) · cols(x[n])ᵀ (L × K): one product over k = N·L,
 *                    split over k (then summed in order) when the O × K output has few tiles
 * The autograd rules (rules.ts) differentiate each into the other two, so second derivatives
 * (WGAN-GP) stay on these kernels.
 */

const bindingOf = (label: string, view: TensorView, access: KernelBinding['access']): KernelBinding => ({
  buffer: gpuBufferOf(label, view.buffer),
  access,
});

const elementsOf = (view: TensorView) => view.shape.reduce((a, b) => a * b, 1);

function forward(
  runtime: GpuRuntime,
  x: TensorView,
  weight: TensorView,
  bias: TensorView | null,
  out: TensorView,
  geometry: WindowGeometry,
): void {
  const label = `conv2d forward${bias ? ' bias' : ''}`;
  if (elementsOf(out) === 0) return;
  const outChannels = weight.shape[0]!;
  const { channels, kernel, outputHeight, outputWidth, batch } = geometry;
  const m = outChannels;
  const n = outputHeight * outputWidth;
  const k = channels * kernel[0] * kernel[1];
  const tiles = chooseTiles(m, n, runtime.device.limits.maxComputeInvocationsPerWorkgroup);
  const vectorWeight = k % 4 === 0 && weight.offset % 4 === 0;
  const source = tiledGemmSource({
    label: `${label}${vectorWeight ? ' vec4 weight' : ''}`,
    tiles,
    valueType: 'f32',
    declarations: `@group(0) @binding(0) var<storage, read> input: array<f32>;
@group(0) @binding(1) var<storage, read> weight: array<${vectorWeight ? 'vec4<f32>' : 'f32'}>;
@group(0) @binding(2) var<storage, read_write> output: array<f32>;
${bias ? '@group(0) @binding(3) var<storage, read> bias: array<f32>;' : ''}
${parameterDeclaration(bias ? 4 : 3, CONVOLUTION_PARAMETERS)}
${windowPixelFunction('input', 'offset0')}`,
    a: {
      code: vectorWeight
        ? `fn loadA4(batch: u32, outer: u32, inner: u32) -> vec4<f32> { return weight[(${word('offset1')} + outer * u32(parameter(2u)) + inner) / 4u]; }`
        : `fn loadA(batch: u32, outer: u32, inner: u32) -> f32 { return weight[${word('offset1')} + outer * u32(parameter(2u)) + inner]; }`,
      contiguous: 'inner',
      vector: vectorWeight,
    },
    b: {
      code: 'fn loadB(batch: u32, outer: u32, inner: u32) -> f32 { return windowPixel(batch, inner, outer); }',
      contiguous: 'outer',
      vector: false,
    },
    store: `fn store(batch: u32, split: u32, row: u32, column: u32, value: f32) {
  output[${word('offset2')} + (batch * u32(parameter(0u)) + row) * u32(parameter(1u)) + column] = value${bias ? ` + bias[${word('offset3')} + row]` : ''};
}`,
  });
  const bindings = [bindingOf(label, x, 'read'), bindingOf(label, weight, 'read'), bindingOf(label, out, 'read-write')];
  if (bias) bindings.push(bindingOf(label, bias, 'read'));
  const extra = convolutionWords(geometry, outChannels, [x.offset, weight.offset, out.offset, bias?.offset ?? 0]);
  dispatchTiledGemm(runtime, { label, source, bindings, tiles, m, n, k, batch, splits: 1, chunk: k, extra });
}

function inputGradient(runtime: GpuRuntime, gradient: TensorView, weight: TensorView, out: TensorView, geometry: WindowGeometry): void {
  const label = 'conv2d input gradient';
  if (elementsOf(out) === 0) return;
  const outChannels = weight.shape[0]!;
  const { channels, height, width, kernel, batch } = geometry;
  const m = channels;
  const n = height * width;
  const k = outChannels * kernel[0] * kernel[1];
  const tiles = chooseTiles(m, n, runtime.device.limits.maxComputeInvocationsPerWorkgroup);
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
  const bindings = [bindingOf(label, gradient, 'read'), bindingOf(label, weight, 'read'), bindingOf(label, out, 'read-write')];
  const extra = convolutionWords(geometry, outChannels, [gradient.offset, weight.offset, out.offset]);
  dispatchTiledGemm(runtime, { label, source, bindings, tiles, m, n, k, batch, splits: 1, chunk: k, extra });
}

function weightGradient(runtime: GpuRuntime, x: TensorView, gradient: TensorView, out: TensorView, geometry: WindowGeometry): void {
  const label = 'conv2d weight gradient';
  if (elementsOf(out) === 0) return;
  const outChannels = out.shape[0]!;
  const { channels, kernel, outputHeight, outputWidth, batch } = geometry;
  const positions = outputHeight * outputWidth;
  const m = outChannels;
  const n = channels * kernel[0] * kernel[1];
  const k = batch * positions;
  const tiles = chooseTiles(m, n, runtime.device.limits.maxComputeInvocationsPerWorkgroup);
  const { splits, chunk } = chooseSplits(tiles, m, n, k, 1);
  const split = splits > 1;
  // four consecutive t = (image, position) stay in one image when L is a multiple of 4
  const vectorGradient = positions % 4 === 0 && gradient.offset % 4 === 0;
  const positionsWord = `(${word('outputHeight')} * ${word('outputWidth')})`;
  const source = tiledGemmSource({
    label: `${label}${vectorGradient ? ' vec4 gradient' : ''}${split ? ' split-K' : ''}`,
    tiles,
    valueType: 'f32',
    declarations: `@group(0) @binding(0) var<storage, read> input: array<f32>;
@group(0) @binding(1) var<storage, read> incoming: array<${vectorGradient ? 'vec4<f32>' : 'f32'}>;
@group(0) @binding(2) var<storage, read_write> output: array<f32>;
${parameterDeclaration(3, CONVOLUTION_PARAMETERS)}
${windowPixelFunction('input', 'offset0')}`,
    // A[o][(n, p)] = g[n, o, p]
    a: {
      code: vectorGradient
        ? `fn loadA4(batch: u32, outer: u32, inner: u32) -> vec4<f32> {
  let positions = ${positionsWord};
  return incoming[(${word('offset1')} + ((inner / positions) * ${word('outChannels')} + outer) * positions + inner % positions) / 4u];
}`
        : `fn loadA(batch: u32, outer: u32, inner: u32) -> f32 {
  let positions = ${positionsWord};
  return incoming[${word('offset1')} + ((inner / positions) * ${word('outChannels')} + outer) * positions + inner % positions];
}`,
      contiguous: 'inner',
      vector: vectorGradient,
    },
    // B[(n, p)][q] = cols(x[n])[q, p]
    b: {
      code: `fn loadB(batch: u32, outer: u32, inner: u32) -> f32 {
  let positions = ${positionsWord};
  return windowPixel(inner / positions, outer, inner % positions);
}`,
      contiguous: 'inner',
      vector: false,
    },
    store: split
      ? `fn store(batch: u32, split: u32, row: u32, column: u32, value: f32) {
  output[(split * u32(parameter(0u)) + row) * u32(parameter(1u)) + column] = value;
}`
      : `fn store(batch: u32, split: u32, row: u32, column: u32, value: f32) {
  output[${word('offset2')} + row * u32(parameter(1u)) + column] = value;
}`,
  });
  const partial = split ? runtime.storagePool.acquire(splits * m * n * 4) : null;
  const bindings: KernelBinding[] = [
    bindingOf(label, x, 'read'),
    bindingOf(label, gradient, 'read'),
    partial ? { buffer: partial, access: 'read-write' } : bindingOf(label, out, 'read-write'),
  ];
  const extra = convolutionWords(geometry, outChannels, [x.offset, gradient.offset, out.offset]);
  dispatchTiledGemm(runtime, { label, source, bindings, tiles, m, n, k, batch: 1, splits, chunk, extra });
  if (partial) runSplitSum(runtime, partial, out, 1, splits, m * n);
}

/** The three convolution kernels on one runtime. */
export function convolutionKernels(runtime: GpuRuntime): NonNullable<FusedKernels['conv2d']> {
  return {
    forward: (x, weight, bias, out, geometry) => forward(runtime, x, weight, bias, out, geometry),
    inputGradient: (gradient, weight, out, geometry) => inputGradient(runtime, gradient, weight, out, geometry),
    weightGradient: (x, gradient, out, geometry) => weightGradient(runtime, x, gradient, out, geometry),
  };
}
