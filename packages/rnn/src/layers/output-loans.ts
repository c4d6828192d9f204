import { TensorLoan, finishedGraphCount, type Tensor } from '@dl/tensor';

/** A call's outputs stay valid through the next call too (a loop may look one step back). */
const LOANS_KEPT = 2;

/**
 * The tensors a recurrent layer or cell returned, released once the module has been called twice more
 * and a training step ran since (a backward pass consumed a graph). A PyTorch loop drops them when it
 * rebinds `output, (h, c) = lstm(x)`; JavaScript cannot see that, and the final states are often
 * never used (a classifier reads `output`, a language model detaches `h`), so they are in no graph a
 * backward pass releases. Without a training step in between (generation under `noGrad`, evaluation)
 * nothing is released here. Tensors made from them by `detach()` and tensors passed to `keep()` are
 * never released; a read of a released one throws an error naming this module.
 * @example
 * const loans = new OutputLoans('LSTM');
 * loans.lend([output, hN, cN]);
 */
export class OutputLoans {
  private readonly given: { loan: TensorLoan; finishedGraphs: number }[] = [];

  constructor(private readonly moduleName: string) {}

  lend(tensors: readonly Tensor[]): void {
    const loan = new TensorLoan();
    for (const tensor of tensors) loan.add(tensor);
    this.given.push({ loan, finishedGraphs: finishedGraphCount() });
    while (this.given.length > LOANS_KEPT) {
      const { loan: oldest, finishedGraphs } = this.given[0]!;
      if (finishedGraphCount() === finishedGraphs) break;
      this.given.shift();
      oldest.release(`${this.moduleName}'s outputs, two calls and a backward() later (detach() or keep() what you carry longer)`);
    }
  }
}

const loansOf = new WeakMap<object, OutputLoans>();

/** The loans of one module instance (kept outside the module, so that they are no field of it). */
export function outputLoans(module: object, moduleName: string): OutputLoans {
  let loans = loansOf.get(module);
  if (!loans) loansOf.set(module, (loans = new OutputLoans(moduleName)));
  return loans;
}
