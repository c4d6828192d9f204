import type { TensorView, WindowGeometry } from '@dl/tensor';
import type { GpuRuntime, KernelBinding } from '../runtime/gpu-runtime.js';
import { bindingOf, type ConvolutionProgram, elementsOf } from './convolution-program.js';
import { CONVOLUTION_PARAMETERS, convolutionWords, windowPixelFunction, word } from './convolution-wgsl.js';
import { chooseSplits, chooseTiles } from './gemm-tiles.js';
import { parameterDeclaration } from './parameters.js';
import { runSplitSum } from './split-sum-kernel.js';
import { tiledGemmSource } from './tiled-gemm.js';
import { dispatchTiledGemm } from './tiled-gemm-dispatch.js';

/**
 * The weight gradient as one implicit GEMM over k = N·L (every image and position):
 *   dw (O × K) = Σₙ g[n] (O × L) · cols(x[n])ᵀ (L × K)
 * split over k when the O × K output has few tiles (then the slices are added in order). The gradient
 * is read as vec4 when L and its offset are multiples of 4 (four consecutive (n, p) stay in one image).
 */
export function weightGradientProgram(
  maximumThreads: number,
  geometry: WindowGeometry,
  outChannels: number,
  vectorGradient: boolean,
): ConvolutionProgram {
  const label = 'conv2d weight gradient';
  const { channels, kernel, outputHeight, outputWidth, batch } = geometry;
  const m = outChannels;
  const n = channels * kernel[0] * kernel[1];
  const k = batch * outputHeight * outputWidth;
  const tiles = chooseTiles(m, n, maximumThreads);
  const { splits, chunk } = chooseSplits(tiles, m, n, k, 1);
  const split = splits > 1;
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
  return { label, source, tiles, m, n, k, splits, chunk };
}

export function runConvolutionWeightGradient(
  runtime: GpuRuntime,
  x: TensorView,
  gradient: TensorView,
  out: TensorView,
  geometry: WindowGeometry,
): void {
  if (elementsOf(out) === 0) return;
  const outChannels = out.shape[0]!;
  const vectorGradient = (geometry.outputHeight * geometry.outputWidth) % 4 === 0 && gradient.offset % 4 === 0;
  const program = weightGradientProgram(runtime.device.limits.maxComputeInvocationsPerWorkgroup, geometry, outChannels, vectorGradient);
  const { label, splits, m, n } = program;
  const partial = splits > 1 ? runtime.storagePool.acquire(splits * m * n * 4) : null;
  const bindings: KernelBinding[] = [
    bindingOf(label, x, 'read'),
    bindingOf(label, gradient, 'read'),
    partial ? { buffer: partial, access: 'read-write' } : bindingOf(label, out, 'read-write'),
  ];
  const extra = convolutionWords(geometry, outChannels, [x.offset, gradient.offset, out.offset]);
  dispatchTiledGemm(runtime, { ...program, bindings, batch: 1, extra });
  if (partial) runSplitSum(runtime, partial, out, 1, splits, m * n);
}
