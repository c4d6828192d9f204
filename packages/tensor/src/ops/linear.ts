import { record } from '../autograd/record.js';
import { isFloating } from '../core/dtype.js';
import type { Tensor } from '../core/tensor.js';
import { allocate, broadcastView } from './allocate.js';
import { matmul, matrixLayout } from './linalg.js';

/**
 * y = x·Wᵀ + b with x [*, in], weight [out, in], bias [out] (torch.nn.functional.linear, which
 * @dl/nn's `F.linear` and every `Linear` layer call).
 *
 * A matrix input is one primitive, as torch's addmm: the product reads W where it is stored (no
 * transposed view), the bias is added into the product's own buffer, and the graph gets one node
 * whose backward gives all three gradients. Before, a Linear made a view Wᵀ, a product and a sum,
 * each a tensor and a node of its own, and their backward passes a transposed gradient and a
 * broadcast reduction: three times the bookkeeping for the same arithmetic. Other ranks, dtypes that
 * differ, or layouts the kernels cannot read in place take the general ops, with their errors.
 * @example
 * linear(x, weight, bias); // x [N, in], weight [out, in], bias [out] → [N, out]
 */
export function linear(input: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  if (isPrimitiveCase(input, weight, bias ?? null)) return linearPrimitive(input, weight, bias ?? null);
  // the two intermediates (the view wᵀ, the product before the bias) are released here rather than
  // by a composite() scope: the graph keeps its own references
  const transposed = weight.t();
  const product = matmul(input, transposed);
  if (transposed !== weight) transposed.dispose(); // t() of a 1-D weight is the weight itself
  if (!bias) return product;
  const output = product.add(bias);
  product.dispose();
  return output;
}

/** Matrices of one floating dtype on one device, with no empty dim, that the kernels read in place. */
function isPrimitiveCase(input: Tensor, weight: Tensor, bias: Tensor | null): boolean {
  if (input.ndim !== 2 || weight.ndim !== 2) return false;
  const dtype = input.dtype;
  if (weight.dtype !== dtype || !isFloating(dtype) || weight.device !== input.device) return false;
  const [rows, features] = input.shape as [number, number];
  const outFeatures = weight.shape[0]!;
  if (weight.shape[1] !== features || rows === 0 || features === 0 || outFeatures === 0) return false;
  if (bias !== null && (bias.ndim !== 1 || bias.shape[0] !== outFeatures || bias.dtype !== dtype || bias.device !== input.device))
    return false;
  return matrixLayout(input) !== 'other' && matrixLayout(weight) !== 'other';
}

/** The primitive: one gemm of x with the stored W read as Wᵀ, then b added row by row in place. */
function linearPrimitive(input: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  input.assertAlive('linear');
  weight.assertAlive('linear');
  bias?.assertAlive('linear');
  const rows = input.shape[0]!;
  const features = input.shape[1]!;
  const outFeatures = weight.shape[0]!;
  const output = allocate([rows, outFeatures], input.dtype, input.device);
  const destination = output.kernelView();
  const backend = input.storage.backend;
  // op(B) = Wᵀ: a row-major W [out, in] is Wᵀ stored column-major; a transposed view of one is Wᵀ row-major
  backend.matmul(input.kernelView(), weight.kernelView(), destination, {
    batch: 1,
    m: rows,
    n: outFeatures,
    k: features,
    transposeA: matrixLayout(input) === 'transposed',
    transposeB: matrixLayout(weight) === 'normal',
    batchStrideA: 0,
    batchStrideB: 0,
  });
  if (bias !== null) backend.binary('add', destination, broadcastView(bias, output.shape), destination);
  return record(output, 'linear', bias !== null ? [input, weight, bias] : [input, weight], {});
}
