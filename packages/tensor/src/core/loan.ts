import type { Tensor } from './tensor.js';

/**
 * Tensors a library lends to the user for a while (a DataLoader's batch), with the copies the user
 * makes of them on the way to a device (`batch.to('webgpu')`, `.float()`): the lender releases them
 * all together when it knows the loop has moved on, which is what keeps GPU memory flat in
 * `for (x, y of loader) { x = x.to(device) ... }` loops. JavaScript cannot see the copies being dropped,
 * and the garbage collector never sees GPU memory.
 */
export class TensorLoan {
  readonly tensors: Tensor[] = [];

  /** Lends `tensor` under this loan (its device and dtype copies join it). */
  add(tensor: Tensor): void {
    tensor.loan = this;
    this.tensors.push(tensor);
  }

  /** Releases every lent tensor nobody kept, recording `freedBy` for the error a later read throws. */
  release(freedBy: string): void {
    for (const tensor of this.tensors) if (!tensor.kept) tensor.release(freedBy);
    this.tensors.length = 0;
  }
}

/** `copy` was made from `source` by a device move or a cast: it shares the source's loan. */
export function joinLoan(source: Tensor, copy: Tensor): Tensor {
  if (source.loan && copy !== source) source.loan.add(copy);
  return copy;
}
