import { promoteTypes } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { castTo } from './convert.js';
import { zeros } from './creation.js';
import { cat, pad } from './join.js';
import { reshape } from './views.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';

/**
 * The block-diagonal matrix of the given tensors (torch.block_diag): each is a block, a 2-D matrix, a
 * 1-D tensor of n values (one row [1, n]) or a 0-d value ([1, 1]); the blocks sit on the diagonal in
 * order, zeros elsewhere, in the promoted dtype; no tensor at all gives torch's [1, 0] float32 matrix. Each block is padded
 * with zeros to the full width and the rows are concatenated, so gradients flow to every block.
 * @example
 * blockDiag(tensor([[1, 2]]), tensor(3)); // [[1, 2, 0], [0, 0, 3]]
 */
export function blockDiag(...tensors: Tensor[]): Tensor {
  tensors.forEach((tensor, index) => {
    checkTensorArguments('blockDiag', { [`tensor ${index}`]: tensor });
    if (tensor.ndim > 2)
      throw new Error(`blockDiag: input tensors must have 2 or fewer dimensions. Input ${index} has ${tensor.ndim} dimensions`);
  });
  if (tensors.length === 0) return zeros([1, 0]); // torch.block_diag() is [1, 0]
  assertSameDevice('blockDiag', tensors);
  const dtype = tensors.map((tensor) => tensor.dtype).reduce((common, next) => promoteTypes(common, next));
  return composite(() => {
    const blocks = tensors.map((tensor) => reshape(castTo(tensor, dtype), tensor.ndim === 2 ? tensor.shape : [1, tensor.numel()]));
    const width = blocks.reduce((total, block) => total + block.shape[1]!, 0);
    let column = 0;
    const rows = blocks.map((block) => {
      const padded = pad(block, [column, width - column - block.shape[1]!]);
      column += block.shape[1]!;
      return padded;
    });
    return cat(rows, 0);
  });
}
