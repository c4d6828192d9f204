import type { Conv2dKernels, WindowGeometry } from '../core/backend.js';
import type { Tensor } from '../core/tensor.js';
import { record } from '../autograd/record.js';
import { allocate } from './allocate.js';
import { matmul } from './linalg.js';
import { sum } from './reduce.js';
import { contiguous, reshape, transpose } from './views.js';
import { foldPrimitive, unfoldPrimitive } from './window.js';

// One-group 2-D convolution as three differentiable primitives, for backends with fused convolution
// kernels (the CPU's WebAssembly im2col + sgemm). With x [N, C, H, W], weight w [O, C, kh, kw],
// cols(x) = im2col(x) [N, K = C·kh·kw, L = OH·OW] and y = conv2d(x, w) [N, O, OH, OW]:
//
//   conv2d(x, w)[n]               = w · cols(x[n])                  (+ bias)
//   conv2dInputGradient(g, w)[n]  = col2im(wᵀ · g[n])               = ∂⟨g, conv2d(x, w)⟩/∂x
//   conv2dWeightGradient(x, g)    = Σₙ g[n] · cols(x[n])ᵀ           = ∂⟨g, conv2d(x, w)⟩/∂w
//
// Each is bilinear in its two tensor inputs, and the gradients of each are again these three
// (rules.ts), so gradients of gradients stay on the fused kernels. Without fused kernels (other
// backends, float64) the same functions run the reference composites of unfold, matmul and fold.

/** The fused kernels when every operand is float32 on a backend that has them. */
export function fusedConvolution(...operands: (Tensor | null | undefined)[]): Conv2dKernels | undefined {
  const first = operands[0]!;
  const kernels = first.storage.backend.fused?.conv2d;
  if (!kernels) return undefined;
  for (const operand of operands) {
    if (operand && (operand.dtype !== 'float32' || operand.device !== first.device)) return undefined;
  }
  return kernels;
}

/** conv2d(x, w) (+ bias) for one group; `geometry` is from x's shape. */
export function conv2dPrimitive(x: Tensor, weight: Tensor, bias: Tensor | null, geometry: WindowGeometry): Tensor {
  const kernels = fusedConvolution(x, weight, bias);
  const outChannels = weight.shape[0]!;
  if (!kernels) {
    const columns = unfoldPrimitive(x, geometry);
    const product = matmul(reshape(weight, [1, outChannels, -1]), columns);
    const output = reshape(product, [geometry.batch, outChannels, geometry.outputHeight, geometry.outputWidth]);
    return bias ? output.add(reshape(bias, [1, -1, 1, 1])) : output;
  }
  const input = contiguous(x);
  const filters = contiguous(weight);
  const offsets = bias ? contiguous(bias) : null;
  const output = allocate([geometry.batch, outChannels, geometry.outputHeight, geometry.outputWidth], 'float32', x.device);
  kernels.forward(input.kernelView(), filters.kernelView(), offsets?.kernelView() ?? null, output.kernelView(), geometry);
  return record(output, 'conv2d', offsets ? [input, filters, offsets] : [input, filters], { geometry });
}

/** col2im(wᵀ · g[n]) per image: the gradient of conv2d with respect to its input, [N, C, H, W]. */
export function conv2dInputGradient(gradient: Tensor, weight: Tensor, geometry: WindowGeometry): Tensor {
  const kernels = fusedConvolution(gradient, weight);
  const { batch, channels, height, width } = geometry;
  const outChannels = weight.shape[0]!;
  if (!kernels) {
    const filters = transpose(reshape(weight, [1, outChannels, -1]), 1, 2); // [1, K, O]
    const columns = matmul(filters, reshape(gradient, [batch, outChannels, -1])); // [N, K, L]
    return foldPrimitive(columns, geometry);
  }
  const incoming = contiguous(gradient);
  const filters = contiguous(weight);
  const output = allocate([batch, channels, height, width], 'float32', gradient.device);
  kernels.inputGradient(incoming.kernelView(), filters.kernelView(), output.kernelView(), geometry);
  return record(output, 'conv2dInputGradient', [incoming, filters], { geometry });
}

/** Σₙ g[n] · cols(x[n])ᵀ: the gradient of conv2d with respect to a weight of shape `weightShape`. */
export function conv2dWeightGradient(x: Tensor, gradient: Tensor, geometry: WindowGeometry, weightShape: readonly number[]): Tensor {
  const kernels = fusedConvolution(x, gradient);
  const outChannels = weightShape[0]!;
  if (!kernels) {
    const columns = unfoldPrimitive(x, geometry); // [N, K, L]
    const perImage = matmul(reshape(gradient, [geometry.batch, outChannels, -1]), transpose(columns, 1, 2)); // [N, O, K]
    return reshape(sum(perImage, 0), weightShape);
  }
  const input = contiguous(x);
  const incoming = contiguous(gradient);
  const output = allocate(weightShape, 'float32', x.device);
  kernels.weightGradient(input.kernelView(), incoming.kernelView(), output.kernelView(), geometry);
  return record(output, 'conv2dWeightGradient', [input, incoming], { geometry });
}
