import { indexSelect, refuseExtraArguments, tensor, type Tensor } from '@dl/tensor';
import { Dataset } from './dataset.js';

/**
 * Rows of tensors that share their first dimension (PyTorch's `TensorDataset`): item i is
 * `[t0[i], t1[i], ...]`, views into the given tensors.
 * @example
 * const data = new TensorDataset(tensor([[1, 2], [3, 4]]), tensor([0, 1]));
 * data.getItem(1); // [tensor([3, 4]), tensor(1)]
 */
export class TensorDataset extends Dataset<Tensor[]> {
  readonly tensors: readonly Tensor[];

  constructor(...tensors: Tensor[]) {
    super();
    if (tensors.length === 0) throw new Error('TensorDataset: expects at least one tensor');
    const size = tensors[0]!.shape[0];
    for (const [position, item] of tensors.entries())
      if (item.ndim === 0 || item.shape[0] !== size)
        throw new Error(
          `TensorDataset: size mismatch between tensors: tensor 0 has ${size} rows, tensor ${position} has shape [${item.shape.join(', ')}]`,
        );
    this.tensors = tensors;
  }

  get length(): number {
    return this.tensors[0]!.shape[0]!;
  }

  getItem(index: number, ...extra: never[]): Tensor[] {
    if (extra.length > 0) refuseExtraArguments('TensorDataset.getItem', ['index'], extra);
    const row = this.resolveIndex(index);
    return this.tensors.map((item) => item.select(0, row));
  }

  /**
   * `[t0[indices], t1[indices], ...]`: what the default collate makes of the items at `indices` (a
   * stack of the rows), in one gather per tensor. A DataLoader with the default collate reads a
   * TensorDataset this way: two batch tensors instead of a row view per item and tensor, then a
   * stack of them.
   * @example
   * new TensorDataset(tensor([[1, 2], [3, 4], [5, 6]])).getRows([2, 0]); // [tensor([[5, 6], [1, 2]])]
   */
  getRows(indices: readonly number[], ...extra: never[]): Tensor[] {
    if (extra.length > 0) refuseExtraArguments('TensorDataset.getRows', ['indices'], extra);
    const rows = indices.map((index) => this.resolveIndex(index));
    const indexOn = new Map<string, Tensor>();
    return this.tensors.map((item) => {
      let index = indexOn.get(item.device);
      if (!index) indexOn.set(item.device, (index = tensor(rows, { dtype: 'int32', device: item.device })));
      return indexSelect(item, 0, index);
    });
  }
}
