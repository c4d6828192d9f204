import type { TensorView, WindowGeometry } from '@dl/tensor';
import type { FusedElementProgram } from '../fusion/fused-elementwise-source.js';
import type { KernelEpilogue } from '../fusion/fusion-group.js';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { bindingOf, type ConvolutionProgram, elementsOf } from './convolution-program.js';
import { CONVOLUTION_PARAMETERS, convolutionWords, windowPixelFunction, word } from './convolution-wgsl.js';
import { chooseTiles } from './gemm-tiles.js';
import { parameterDeclaration } from './parameters.js';
import { tiledGemmSource } from './tiled-gemm.js';
import { dispatchTiledGemm } from './tiled-gemm-dispatch.js';
import { withHelpers } from './wgsl-math.js';

/**
 * The forward convolution as an implicit GEMM, one batch entry per image:
 *   y[n] (O × L) = w (O × K) · cols(x[n]) (K × L)  (+ bias[o] added at the store)
 * where the B loader reads cols(x[n])[q, p] from the image itself (windowPixel). The weight is read
 * as vec4 when K and its offset are multiples of 4. With an `epilogue` (its program built for the
 * bindings after the bias and the parameters after the convolution's), the store hands the biased
 * value of output element (n·O + o)·L + p to `writeElement` instead of writing it.
 */
export function forwardProgram(
  maximumThreads: number,
  geometry: WindowGeometry,
  outChannels: number,
  vectorWeight: boolean,
  bias: boolean,
  epilogue?: { label: string; program: FusedElementProgram },
): ConvolutionProgram {
  const label = epilogue?.label ?? forwardLabel(bias);
  const fused = epilogue?.program;
  const { channels, kernel, outputHeight, outputWidth } = geometry;
  const m = outChannels;
  const n = outputHeight * outputWidth;
  const k = channels * kernel[0] * kernel[1];
  const tiles = chooseTiles(m, n, maximumThreads);
  const source = tiledGemmSource({
    label: `${label}${vectorWeight ? ' vec4 weight' : ''}`,
    tiles,
    valueType: 'f32',
    declarations: `@group(0) @binding(0) var<storage, read> input: array<f32>;
@group(0) @binding(1) var<storage, read> weight: array<${vectorWeight ? 'vec4<f32>' : 'f32'}>;
${fused ? '' : '@group(0) @binding(2) var<storage, read_write> output: array<f32>;'}
${bias ? `@group(0) @binding(${fused ? 2 : 3}) var<storage, read> bias: array<f32>;` : ''}
${fused?.code ?? ''}
${parameterDeclaration((bias ? 3 : 2) + (fused ? fused.bindings.length : 1), CONVOLUTION_PARAMETERS + (fused?.parameters.length ?? 0))}
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
  ${fused ? 'writeElement(' : `output[${word('offset2')} + `}(batch * u32(parameter(0u)) + row) * u32(parameter(1u)) + column${fused ? ', ' : '] = '}value${bias ? ` + bias[${word('offset3')} + row]` : ''}${fused ? ')' : ''};
}`,
  });
  return { label, source: fused ? withHelpers(source) : source, tiles, m, n, k, splits: 1, chunk: k };
}

/** The forward convolution's kernel label. */
export function forwardLabel(bias: boolean): string {
  return `conv2d forward${bias ? ' bias' : ''}`;
}

export function runConvolutionForward(
  runtime: GpuRuntime,
  x: TensorView,
  weight: TensorView,
  bias: TensorView | null,
  out: TensorView,
  geometry: WindowGeometry,
  epilogue?: KernelEpilogue,
): void {
  if (elementsOf(out) === 0) return;
  const outChannels = weight.shape[0]!;
  const k = geometry.channels * geometry.kernel[0] * geometry.kernel[1];
  const vectorWeight = k % 4 === 0 && weight.offset % 4 === 0;
  const fused = epilogue && { label: epilogue.label, program: epilogue.program(bias ? 3 : 2, CONVOLUTION_PARAMETERS, 'f32') };
  const program = forwardProgram(
    runtime.device.limits.maxComputeInvocationsPerWorkgroup,
    geometry,
    outChannels,
    vectorWeight,
    bias !== null,
    fused,
  );
  const { label } = program;
  const bindings = [bindingOf(label, x, 'read'), bindingOf(label, weight, 'read')];
  if (!fused) bindings.push(bindingOf(label, out, 'read-write'));
  if (bias) bindings.push(bindingOf(label, bias, 'read'));
  if (fused) bindings.push(...fused.program.bindings);
  const extra = [
    ...convolutionWords(geometry, outChannels, [x.offset, weight.offset, out.offset, bias?.offset ?? 0]),
    ...(fused?.program.parameters ?? []),
  ];
  dispatchTiledGemm(runtime, { ...program, bindings, batch: geometry.batch, extra });
}
