import { cat, describeValue, empty, pythonNumber, recurrence, stack, type Tensor, warn } from '@dl/tensor';
import { F, Module, init, parameter, type FactoryOptions } from '@dl/nn';
import { checkOptions } from '../options.js';
import { biasFoldsIntoInput, gateCount, type RecurrentMode } from '../cells/recurrent-mode.js';
import { isPackedSequence, type PackedSequence } from '../packing/packed-sequence.js';
import { finalState, initialState, type StateShape } from './initial-state.js';
import { fromSequenceBatch, toSequenceBatch } from './sequence-batch.js';
import { outputLoans } from './output-loans.js';
import { checkWeightDtype } from '../matching-dtype.js';

/** Options every recurrent layer takes (PyTorch's defaults). */
export interface RecurrentLayerOptions extends FactoryOptions {
  /** Stacked layers, each reading the previous one's output; default 1. */
  numLayers?: number;
  /** Learn bias_ih and bias_hh; default true. */
  bias?: boolean;
  /** input and output are [B, T, F] instead of [T, B, F] (h0/hN never are); default false. */
  batchFirst?: boolean;
  /** Dropout probability on each layer's output except the last's, in training; default 0. */
  dropout?: number;
  /** Also run every layer from the end backwards and concatenate both outputs; default false. */
  bidirectional?: boolean;
}

const commonOptions = ['numLayers', 'bias', 'batchFirst', 'dropout', 'bidirectional', 'device', 'dtype'];

/**
 * torch 1.13's text (torch/nn/modules/rnn.py, RNNBase.__init__, line 67), snake_case names included,
 * so that it is the warning torch users search for. The dropout is written as Python writes the
 * number given (1e-05, 0.5; a whole number as an int, which JavaScript cannot tell from a float 1.0).
 */
function dropoutWithOneLayerWarning(dropout: number, numLayers: number): string {
  return `dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects num_layers greater than 1, but got dropout=${pythonNumber(dropout, false)} and num_layers=${numLayers}`;
}

/** The parameters of one layer and direction, in PyTorch's order. */
interface LayerWeights {
  weightIh: Tensor;
  weightHh: Tensor;
  biasIh: Tensor | null;
  biasHh: Tensor | null;
  weightHr: Tensor | null;
}

/**
 * What RNN, LSTM and GRU share (PyTorch's `RNNBase`): the parameters `weight_ih_l{k}[_reverse]`
 * [G·H, in], `weight_hh_l{k}` [G·H, Hout], `bias_ih_l{k}`, `bias_hh_l{k}` [G·H] and, for an LSTM
 * with projections, `weight_hr_l{k}` [P, H], all ~ U(−1/√H, 1/√H); in is I for layer 0 and D·Hout
 * after, Hout being P with projections and H without.
 */
export abstract class RecurrentLayer extends Module {
  readonly numLayers: number;
  readonly bias: boolean;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;
  readonly projSize: number;

  protected constructor(
    protected readonly mode: RecurrentMode,
    protected readonly moduleName: string,
    readonly inputSize: number,
    readonly hiddenSize: number,
    options: RecurrentLayerOptions & { projSize?: number },
    acceptedOptions: readonly string[],
  ) {
    super();
    checkOptions(moduleName, options, [...commonOptions, ...acceptedOptions]);
    this.numLayers = options.numLayers ?? 1;
    this.bias = options.bias ?? true;
    this.batchFirst = options.batchFirst ?? false;
    this.dropout = options.dropout ?? 0;
    this.bidirectional = options.bidirectional ?? false;
    this.projSize = options.projSize ?? 0;
    this.checkSizes();
    const factory = { device: options.device, dtype: options.dtype };
    const rows = gateCount[mode] * hiddenSize;
    const outputSize = this.projSize > 0 ? this.projSize : hiddenSize;
    for (let layer = 0; layer < this.numLayers; layer++)
      for (let direction = 0; direction < this.numDirections; direction++) {
        const suffix = `_l${layer}${direction === 1 ? '_reverse' : ''}`;
        const layerInput = layer === 0 ? inputSize : outputSize * this.numDirections;
        this.registerParameter(`weight_ih${suffix}`, empty([rows, layerInput], factory));
        this.registerParameter(`weight_hh${suffix}`, empty([rows, outputSize], factory));
        if (this.bias) {
          this.registerParameter(`bias_ih${suffix}`, empty([rows], factory));
          this.registerParameter(`bias_hh${suffix}`, empty([rows], factory));
        }
        if (this.projSize > 0) this.registerParameter(`weight_hr${suffix}`, empty([this.projSize, hiddenSize], factory));
      }
    this.resetParameters();
  }

  private checkSizes(): void {
    const name = this.moduleName;
    if (!(Number.isInteger(this.hiddenSize) && this.hiddenSize > 0))
      throw new Error(`${name}: hiddenSize must be greater than zero, got ${this.hiddenSize}`);
    if (!(Number.isInteger(this.inputSize) && this.inputSize >= 0))
      throw new Error(`${name}: inputSize must be a non-negative integer, got ${this.inputSize}`);
    if (!(Number.isInteger(this.numLayers) && this.numLayers > 0))
      throw new Error(`${name}: numLayers must be greater than zero, got ${this.numLayers}`);
    // typeof first: `true >= 0` and `'0.5' <= 1` hold in JavaScript, and torch rejects both
    if (!(typeof this.dropout === 'number' && this.dropout >= 0 && this.dropout <= 1))
      throw new Error(
        `${name}: dropout should be a number in range [0, 1] representing the probability of an element being zeroed, got ${describeValue(this.dropout)}`,
      );
    // torch warns here, between its dropout and proj_size checks, and builds the layer anyway: the
    // dropout of a one-layer stack never runs (it goes between layers), which is likely a mistake
    if (this.dropout > 0 && this.numLayers === 1) warn(dropoutWithOneLayerWarning(this.dropout, this.numLayers));
    if (!(Number.isInteger(this.projSize) && this.projSize >= 0))
      throw new Error(`${name}: projSize should be a non-negative integer, got ${this.projSize}`);
    if (this.projSize >= this.hiddenSize && this.projSize > 0)
      throw new Error(`${name}: projSize has to be smaller than hiddenSize (got projSize ${this.projSize}, hiddenSize ${this.hiddenSize})`);
  }

  /** 2 when bidirectional, else 1. */
  get numDirections(): number {
    return this.bidirectional ? 2 : 1;
  }

  /** Features of h (P with projections, else H). */
  protected get outputSize(): number {
    return this.projSize > 0 ? this.projSize : this.hiddenSize;
  }

  /** Every parameter ~ U(−1/√H, 1/√H) (PyTorch's `reset_parameters`). */
  resetParameters(): void {
    const bound = 1 / Math.sqrt(this.hiddenSize);
    for (const weight of this.parameters()) init.uniform(weight, -bound, bound);
  }

  /**
   * PyTorch's `flatten_parameters`, which packs the weights into one cuDNN buffer; the recurrence here
   * reads each parameter where it lies, so there is nothing to do. Kept so torch code runs unchanged.
   */
  flattenParameters(): void {}

  /**
   * PyTorch's `all_weights`: one list per layer and direction (index layer·D + direction), each
   * `[weight_ih, weight_hh, bias_ih, bias_hh, weight_hr]` less the absent ones (no bias, no projection).
   */
  get allWeights(): Tensor[][] {
    const lists: Tensor[][] = [];
    for (let layer = 0; layer < this.numLayers; layer++)
      for (let direction = 0; direction < this.numDirections; direction++) {
        const { weightIh, weightHh, biasIh, biasHh, weightHr } = this.weightsOf(layer, direction);
        lists.push([weightIh, weightHh, biasIh, biasHh, weightHr].filter((weight): weight is Tensor => weight !== null));
      }
    return lists;
  }

  private weightsOf(layer: number, direction: number): LayerWeights {
    const suffix = `_l${layer}${direction === 1 ? '_reverse' : ''}`;
    const field = (name: string) => (this.getField(`${name}${suffix}`) as Tensor | undefined) ?? null;
    return {
      weightIh: field('weight_ih')!,
      weightHh: field('weight_hh')!,
      biasIh: field('bias_ih'),
      biasHh: field('bias_hh'),
      weightHr: field('weight_hr'),
    };
  }

  /**
   * The shared forward: input [T, B, I] ([B, T, I] batch-first, [T, I] unbatched, or packed), initial
   * states [L·D, B, ·] → output [T, B, D·Hout] (same layout as the input) and final states.
   */
  protected runLayers(
    input: Tensor | PackedSequence,
    hidden: Tensor | null | undefined,
    cell: Tensor | null | undefined,
  ): [Tensor | PackedSequence, Tensor, Tensor | null] {
    const batch = toSequenceBatch(this.moduleName, input, this.inputSize, this.batchFirst);
    const shape: StateShape = {
      moduleName: this.moduleName,
      slices: this.numLayers * this.numDirections,
      batch: batch.batchSizes[0] ?? 0,
      unbatched: batch.layout?.unbatched ?? false,
      like: batch.rows,
    };
    const isLstm = this.mode === 'lstm';
    const hiddenLabel = isLstm ? 'hidden[0]' : 'hidden';
    const weight = this.getField('weight_ih_l0') as Tensor; // every layer's weights share one dtype
    checkWeightDtype(this.moduleName, 'input', batch.rows, weight);
    const initialHidden = initialState(hidden, shape, this.outputSize, hiddenLabel, batch.sortedIndices);
    const initialCell = isLstm ? initialState(cell, shape, this.hiddenSize, 'hidden[1]', batch.sortedIndices) : null;
    checkWeightDtype(this.moduleName, hiddenLabel, initialHidden, weight);
    if (initialCell) checkWeightDtype(this.moduleName, 'hidden[1]', initialCell, weight);

    let rows = batch.rows;
    const finals: { hidden: Tensor; cell: Tensor | null }[] = [];
    for (let layer = 0; layer < this.numLayers; layer++) {
      const outputs: Tensor[] = [];
      for (let direction = 0; direction < this.numDirections; direction++) {
        const slice = layer * this.numDirections + direction; // hN ordering: layer·D + direction
        const weights = this.weightsOf(layer, direction);
        const folds = biasFoldsIntoInput(this.mode);
        // x·W_ihᵀ for every step in one product. Where the pre-activation is a plain sum (RNN, LSTM),
        // b_ih joins b_hh, which the recurrence adds per step (inside the fused kernel: cheaper than a
        // pass over all N·G input gates and the column sums of its gradient); GRU's reset gate
        // multiplies W_hn·h + b_hn, so there b_ih goes with the input and b_hh with the recurrence.
        let inputGates = rows.matmul(weights.weightIh.t());
        if (weights.biasIh && !folds) inputGates = inputGates.add(weights.biasIh);
        const result = recurrence({
          mode: this.mode,
          inputGates,
          batchSizes: batch.batchSizes,
          h0: initialHidden.select(0, slice),
          c0: initialCell?.select(0, slice) ?? null,
          weightHh: weights.weightHh,
          biasHh: folds && weights.biasIh ? weights.biasIh.add(weights.biasHh!) : weights.biasHh,
          weightHr: weights.weightHr,
          reverse: direction === 1,
        });
        outputs.push(result.output);
        finals.push({ hidden: result.hN, cell: result.cN });
      }
      rows = outputs.length === 1 ? outputs[0]! : cat(outputs, 1);
      if (this.dropout > 0 && layer < this.numLayers - 1) rows = F.dropout(rows, this.dropout, this.training);
    }
    const unsorted = isPackedSequence(input) ? input.unsortedIndices : null;
    const output = fromSequenceBatch(batch, isPackedSequence(input) ? input : null, rows);
    const hiddenOut = finalState(
      stack(
        finals.map((final) => final.hidden),
        0,
      ),
      unsorted,
      shape.unbatched,
    );
    const cellOut = isLstm
      ? finalState(
          stack(
            finals.map((final) => final.cell!),
            0,
          ),
          unsorted,
          shape.unbatched,
        )
      : null;
    const returned = [isPackedSequence(output) ? output.data : output, hiddenOut, ...(cellOut ? [cellOut] : [])];
    outputLoans(this, this.moduleName).lend(returned);
    return [output, hiddenOut, cellOut];
  }

  override extraRepr(): string {
    const parts = [`${this.inputSize}, ${this.hiddenSize}`];
    if (this.projSize > 0) parts.push(`projSize=${this.projSize}`);
    if (this.numLayers !== 1) parts.push(`numLayers=${this.numLayers}`);
    if (!this.bias) parts.push('bias=false');
    if (this.batchFirst) parts.push('batchFirst=true');
    if (this.dropout !== 0) parts.push(`dropout=${this.dropout}`);
    if (this.bidirectional) parts.push('bidirectional=true');
    return parts.join(', ');
  }
}
