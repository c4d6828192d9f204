import type { FusedKernels, WindowGeometry } from '@dl/tensor';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { runConvolutionForward } from './convolution-forward-kernel.js';
import { inputGradientProgram, runConvolutionInputGradient } from './convolution-input-gradient-kernel.js';
import { convolutionAccess } from './convolution-program.js';
import { runConvolutionWeightGradient, weightGradientProgram } from './convolution-weight-gradient-kernel.js';

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
 *
 * A forward convolution knows the shapes of its two gradients, so the first forward of each geometry
 * starts compiling their pipelines (createComputePipelineAsync): by the time backward runs, after the
 * rest of the forward pass and the loss, the driver has compiled them off the critical path. (A first
 * layer, whose input needs no gradient, compiles an input gradient it never runs: once per variant.)
 */

/** Starts compiling the gradients' pipelines of a convolution of this geometry (fresh gradients have offset 0). */
function prepareGradients(runtime: GpuRuntime, geometry: WindowGeometry, outChannels: number): void {
  const maximumThreads = runtime.device.limits.maxComputeInvocationsPerWorkgroup;
  const vectorGradient = (geometry.outputHeight * geometry.outputWidth) % 4 === 0;
  for (const program of [
    inputGradientProgram(maximumThreads, geometry, outChannels),
    weightGradientProgram(maximumThreads, geometry, outChannels, vectorGradient),
  ])
    runtime.prepare({ label: program.label, source: program.source, access: convolutionAccess });
}

/**
 * The three convolution kernels on one runtime. `runForward` runs (or defers, for elementwise fusion)
 * the forward kernel; by default it dispatches it at once.
 */
export function convolutionKernels(
  runtime: GpuRuntime,
  runForward: NonNullable<FusedKernels['conv2d']>['forward'] = (x, weight, bias, out, geometry) =>
    runConvolutionForward(runtime, x, weight, bias, out, geometry),
): NonNullable<FusedKernels['conv2d']> {
  const prepared = new Set<string>();
  return {
    forward: (x, weight, bias, out, geometry) => {
      runForward(x, weight, bias, out, geometry);
      const key = `${JSON.stringify(geometry)} ${weight.shape[0]}`;
      if (prepared.has(key)) return;
      prepared.add(key);
      prepareGradients(runtime, geometry, weight.shape[0]!);
    },
    inputGradient: (gradient, weight, out, geometry) => runConvolutionInputGradient(runtime, gradient, weight, out, geometry),
    weightGradient: (x, gradient, out, geometry) => runConvolutionWeightGradient(runtime, x, gradient, out, geometry),
  };
}
