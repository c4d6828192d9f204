import { refuseExtraArguments } from '../core/options.js';
import { record } from '../autograd/record.js';
import { isFloating } from '../core/dtype.js';
import type { Tensor } from '../core/tensor.js';
import { allocate, broadcastView } from './allocate.js';
import { matmul, matrixLayout } from './linalg.js';
import { checkLayerDtypes } from './same-dtype.js';
import { checkLive } from '../core/tensor-arguments.js';

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
export function linear(input: Tensor, weight: Tensor, bias?: Tensor | null, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('linear', ['input', 'weight', 'bias'], extra);
  checkLayerDtypes('linear', input, weight, bias);
  const layouts = primitiveLayouts(input, weight, bias ?? null);
  if (layouts !== null) return linearPrimitive(input, weight, bias ?? null, layouts);
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

/** How the kernels read x and W in place: whether each is stored transposed. */
interface Layouts {
  inputTransposed: boolean;
  weightTransposed: boolean;
}

/**
 * The layouts of x and W when the primitive takes them: matrices of one floating dtype on one device,
 * with no empty dim, that the kernels read in place; else null. (Read once: every Linear asks.)
 */
function primitiveLayouts(input: Tensor, weight: Tensor, bias: Tensor | null): Layouts | null {
  const { shape } = input;
  const weightShape = weight.shape;
  if (shape.length !== 2 || weightShape.length !== 2) return null;
  const dtype = input.dtype;
  if (weight.dtype !== dtype || !isFloating(dtype) || weight.device !== input.device) return null;
  const outFeatures = weightShape[0]!;
  if (weightShape[1] !== shape[1] || shape[0] === 0 || shape[1] === 0 || outFeatures === 0) return null;
  // with a bias, only on the CPU: webgpu's fusion folds matmul, add and a following activation into
  // one dispatch when they are separate ops, and an add written into the product's own buffer breaks that
  if (bias !== null && input.device !== 'cpu') return null;
  if (bias !== null && (bias.shape.length !== 1 || bias.shape[0] !== outFeatures || bias.dtype !== dtype || bias.device !== input.device))
    return null;
  const inputLayout = matrixLayout(input);
  const weightLayout = matrixLayout(weight);
  if (inputLayout === 'other' || weightLayout === 'other') return null;
  return { inputTransposed: inputLayout === 'transposed', weightTransposed: weightLayout === 'transposed' };
}

/** The primitive: one gemm of x with the stored W read as Wᵀ, then b added row by row in place. */
function linearPrimitive(input: Tensor, weight: Tensor, bias: Tensor | null, layouts: Layouts): Tensor {
  checkLive('linear', 'input', input);
  checkLive('linear', 'weight', weight);
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
    transposeA: layouts.inputTransposed,
    transposeB: !layouts.weightTransposed,
    batchStrideA: 0,
    batchStrideB: 0,
  });
  if (bias !== null) backend.binary('add', destination, broadcastView(bias, output.shape), destination);
  return record(output, 'linear', bias !== null ? [input, weight, bias] : [input, weight], {});
}
