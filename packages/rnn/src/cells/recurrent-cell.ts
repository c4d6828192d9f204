import { empty, readArguments, recurrence, zeros, type Tensor } from '@dl/tensor';
import { Module, parameter, init, type FactoryOptions } from '@dl/nn';
import { checkOptions, formatShape } from '../options.js';
import { outputLoans } from '../layers/output-loans.js';
import { checkStateTensor } from '../state-pair.js';
import { biasFoldsIntoInput, gateCount, type RecurrentMode } from './recurrent-mode.js';
import { checkWeightDtype } from '../matching-dtype.js';

/** h (and c for LSTM) between steps. */
export interface RecurrentState {
  hidden: Tensor;
  cell: Tensor | null;
}

export interface RecurrentCellOptions extends FactoryOptions {
  /** Learn bias_ih and bias_hh; default true. */
  bias?: boolean;
}

/**
 * A cell's options from PyTorch's positionals (`LSTMCell(8, 16, False)`: no bias; RNNCell's
 * nonlinearity after bias), an options object, or positionals then options.
 * @example
 * cellArguments('RNNCell', [true, 'relu'], ['nonlinearity']); // { bias: true, nonlinearity: 'relu' }
 */
export function cellArguments<Options extends RecurrentCellOptions>(
  cellName: string,
  rest: readonly unknown[],
  extra: readonly string[],
): Options {
  const positionals = ['bias', ...extra];
  return readArguments<Options>(cellName, rest, positionals, [...positionals, 'device', 'dtype']);
}

/**
 * What RNNCell, LSTMCell and GRUCell share (PyTorch's `RNNCellBase`): weight_ih [G·H, I],
 * weight_hh [G·H, H], bias_ih and bias_hh [G·H], all ~ U(−1/√H, 1/√H), G being the number of gates.
 */
export abstract class RecurrentCell extends Module {
  weight_ih: Tensor;
  weight_hh: Tensor;
  bias_ih: Tensor | null;
  bias_hh: Tensor | null;
  readonly bias: boolean;

  protected constructor(
    protected readonly mode: RecurrentMode,
    protected readonly cellName: string,
    readonly inputSize: number,
    readonly hiddenSize: number,
    options: RecurrentCellOptions,
    acceptedOptions: readonly string[] = [],
  ) {
    super();
    checkOptions(cellName, options, ['bias', 'device', 'dtype', ...acceptedOptions]);
    if (!(Number.isInteger(hiddenSize) && hiddenSize > 0))
      throw new Error(`${cellName}: hiddenSize must be a positive integer, got ${hiddenSize}`);
    if (!(Number.isInteger(inputSize) && inputSize >= 0))
      throw new Error(`${cellName}: inputSize must be a non-negative integer, got ${inputSize}`);
    const factory = { device: options.device, dtype: options.dtype };
    const rows = gateCount[mode] * hiddenSize;
    this.bias = options.bias ?? true;
    this.weight_ih = parameter(empty([rows, inputSize], factory));
    this.weight_hh = parameter(empty([rows, hiddenSize], factory));
    this.bias_ih = this.bias ? parameter(empty([rows], factory)) : null;
    this.bias_hh = this.bias ? parameter(empty([rows], factory)) : null;
    this.resetParameters();
  }

  /** Every parameter ~ U(−1/√H, 1/√H) (PyTorch's `reset_parameters`). */
  resetParameters(): void {
    const bound = 1 / Math.sqrt(this.hiddenSize);
    for (const weight of this.parameters()) init.uniform(weight, -bound, bound);
  }

  /** Input [B, I] or [I] (unbatched), checked; returns it batched, and whether it was unbatched. */
  protected batchedInput(input: Tensor): [Tensor, boolean] {
    if (input.ndim !== 1 && input.ndim !== 2)
      throw new Error(
        `${this.cellName}: Expected input to be 1-D or 2-D but received ${input.ndim}-D tensor of shape ${formatShape(input.shape)}`,
      );
    if (input.shape[input.ndim - 1] !== this.inputSize)
      throw new Error(
        `${this.cellName}: input has inconsistent input size: got ${input.shape[input.ndim - 1]} (input ${formatShape(input.shape)}), expected ${this.inputSize}`,
      );
    checkWeightDtype(this.cellName, 'input', input, this.weight_ih);
    return input.ndim === 1 ? [input.unsqueeze(0), true] : [input, false];
  }

  /** A state tensor (h or c) given for `input`, checked and batched; zeros when absent. */
  protected batchedState(state: Tensor | null | undefined, input: Tensor, unbatched: boolean, name: string): Tensor {
    const batch = input.shape[0]!;
    if (state === null || state === undefined) return zeros([batch, this.hiddenSize], { dtype: input.dtype, device: input.device });
    checkStateTensor(this.cellName, state, name);
    checkWeightDtype(this.cellName, name, state, this.weight_ih);
    const expected = unbatched ? [this.hiddenSize] : [batch, this.hiddenSize];
    if (formatShape(state.shape) !== formatShape(expected))
      throw new Error(
        `${this.cellName}: Expected ${name} of shape ${formatShape(expected)} for input ${formatShape(unbatched ? [input.shape[1]!] : input.shape)}, got ${formatShape(state.shape)}`,
      );
    return unbatched ? state.unsqueeze(0) : state;
  }

  /** One step: the input's pre-activations x·W_ihᵀ + b_ih (+ b_hh where it is a plain sum), then a one-step recurrence. */
  protected step(input: Tensor, state: RecurrentState): RecurrentState {
    const folds = biasFoldsIntoInput(this.mode);
    let inputGates = input.matmul(this.weight_ih.t());
    if (this.bias_ih) inputGates = inputGates.add(folds ? this.bias_ih.add(this.bias_hh!) : this.bias_ih);
    const { hN, cN } = recurrence({
      mode: this.mode,
      inputGates,
      batchSizes: [input.shape[0]!],
      h0: state.hidden,
      c0: state.cell,
      weightHh: this.weight_hh,
      biasHh: folds ? null : this.bias_hh,
      weightHr: null,
      reverse: false,
    });
    return { hidden: hN, cell: cN };
  }

  /** RNNCell's and GRUCell's forward: h' from x and h (zeros when absent), unbatched in, unbatched out. */
  protected stepHidden(input: Tensor, hidden: Tensor | null | undefined): Tensor {
    const [batched, unbatched] = this.batchedInput(input);
    const next = this.step(batched, { hidden: this.batchedState(hidden, batched, unbatched, 'hidden'), cell: null }).hidden;
    return this.lend([unbatched ? next.squeeze(0) : next])[0]!;
  }

  /** Lends what a call returns (see `OutputLoans`) and returns it. */
  protected lend<T extends Tensor[]>(returned: T): T {
    outputLoans(this, this.cellName).lend(returned);
    return returned;
  }

  override extraRepr(): string {
    return `${this.inputSize}, ${this.hiddenSize}${this.bias ? '' : ', bias=false'}`;
  }
}
