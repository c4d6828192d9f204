import type { WindowGeometry } from '../core/backend.js';
import type { Tensor } from '../core/tensor.js';
import { record } from '../autograd/record.js';
import { allocate } from './allocate.js';
import { scatterAdd } from './indexing.js';
import { scalarTensor } from './scalar.js';
import { contiguous, expand } from './views.js';

/**
 * The gradient of max pooling with respect to its input planes ([N·C, H·W], `shape`), from the
 * gradient `g` of the pooled values ([N·C, OH·OW]) and the chosen cells: gather's backward, a
 * scatter-add into zeros. A backend with `fused.maxPool2dGradient` (the GPU, whose scatter-add scans
 * a plane's whole row of indices for every cell) visits only the windows containing each cell; the
 * sums are the same, in the same order, and recorded as the scatter-add they replace, so the
 * gradient's own gradient (a gather) is unchanged.
 */
export function maxPoolGradient(g: Tensor, index: Tensor, geometry: WindowGeometry, shape: readonly number[]): Tensor {
  const zeros = expand(scalarTensor(0, g.dtype, g.device), [...shape]);
  const fused = g.storage.backend.fused?.maxPool2dGradient;
  if (!fused) return scatterAdd(zeros, 1, index, g);
  const gradient = contiguous(g);
  const indices = contiguous(index);
  const output = allocate(shape, g.dtype, g.device);
  fused(gradient.kernelView(), indices.kernelView(), geometry, output.kernelView());
  return record(output, 'scatterAdd', [zeros, indices, gradient], { axis: 1 });
}
