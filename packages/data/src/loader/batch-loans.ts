import { finishedGraphCount, isTensor, TensorLoan, type Tensor } from '@dl/tensor';

/** A batch handed to the loop (its tensors and their device copies), and the training clock then. */
interface Lent {
  loan: TensorLoan;
  finishedGraphs: number;
}

/** Batches stay valid while the loop works on the next one too (a step may look one batch back). */
const LOANS_KEPT = 2;

/**
 * The batches a DataLoader gave out, released when the loop has moved two batches on and a training
 * step ran since (a backward pass consumed a graph): that is how a PyTorch loop drops its previous
 * batch when it rebinds `x, y`, and JavaScript cannot see the rebinding. The copies the loop made
 * with `.to(device)` or a cast go with them (GPU memory, which the garbage collector never sees).
 * Without a training step in between (collecting batches into an array, an evaluation loop) nothing
 * is released: those batches go with the garbage collector once dropped. A tensor kept with `keep()`
 * is never released here.
 */
export class BatchLoans {
  private readonly given: Lent[] = [];

  lend(tensors: Tensor[]): void {
    const loan = new TensorLoan();
    for (const tensor of tensors) loan.add(tensor);
    this.given.push({ loan, finishedGraphs: finishedGraphCount() });
    while (this.given.length > LOANS_KEPT) {
      const { loan: oldest, finishedGraphs } = this.given.shift()!;
      if (finishedGraphCount() !== finishedGraphs) oldest.release('the DataLoader when the loop, training, asked for the batch after next');
    }
  }
}

/** The tensors in `batch` (a tensor, or arrays and plain objects of them) for which `include` holds. */
export function tensorsIn(batch: unknown, include: (tensor: Tensor) => boolean, found: Tensor[] = []): Tensor[] {
  if (isTensor(batch)) {
    if (include(batch)) found.push(batch);
  } else if (Array.isArray(batch)) for (const item of batch) tensorsIn(item, include, found);
  else if (typeof batch === 'object' && batch !== null && Object.getPrototypeOf(batch) === Object.prototype)
    for (const item of Object.values(batch)) tensorsIn(item, include, found);
  return found;
}
