import {
  checkBoolean,
  checkInteger,
  checkNumber,
  checkOptions,
  isTensor,
  keep,
  noGrad,
  refuseExtraArguments,
  type Tensor,
} from '@dl/tensor';

/** What EarlyStopping needs of a model: PyTorch-style state dicts. */
export interface StatefulModel {
  stateDict(): Record<string, Tensor>;
  loadStateDict(stateDict: Record<string, Tensor>): unknown;
}

export interface EarlyStoppingOptions {
  /** Epochs without improvement before stopping. Default 5. */
  patience?: number;
  /** Smallest change that counts as an improvement. Default 0. */
  minDelta?: number;
  /** 'min' for a loss, 'max' for an accuracy. Default 'min'. */
  mode?: 'min' | 'max';
  /** Keep a copy of the weights at the best epoch and put them back when stopping. Default false. */
  restoreBestWeights?: boolean;
}

/**
 * Stops training when a monitored metric has not improved for `patience` epochs (Keras's
 * `EarlyStopping`): improvement is `metric < best − minDelta` ('min') or `metric > best + minDelta`
 * ('max'). With `restoreBestWeights`, the best epoch's state dict is copied and loaded back into the
 * model when `step` reports a stop.
 * @example
 * const stopper = new EarlyStopping({ patience: 3, restoreBestWeights: true });
 * for (let epoch = 0; epoch < 100; epoch++) {
 *   train();
 *   if (stopper.step(validationLoss(), model)) break;
 * }
 */
export class EarlyStopping {
  readonly patience: number;
  readonly minDelta: number;
  readonly mode: 'min' | 'max';
  readonly restoreBestWeights: boolean;
  best: number;
  bestEpoch = -1;
  /** Epochs since the last improvement. */
  counter = 0;
  epoch = -1;
  shouldStop = false;
  private bestState: Record<string, Tensor> | null = null;

  constructor(options: EarlyStoppingOptions = {}, ...extra: never[]) {
    if (extra.length > 0) refuseExtraArguments('EarlyStopping', ['options'], extra);
    checkOptions('EarlyStopping', options, ['patience', 'minDelta', 'mode', 'restoreBestWeights']);
    // read from a command line they would be strings: '3' compared by coercion, 'false' truthy
    this.patience = checkInteger('EarlyStopping', 'patience', options.patience ?? 5, 0);
    this.minDelta = Math.abs(checkNumber('EarlyStopping', 'minDelta', options.minDelta ?? 0));
    this.mode = options.mode ?? 'min';
    if (this.mode !== 'min' && this.mode !== 'max') throw new Error(`EarlyStopping: mode must be 'min' or 'max' (got ${this.mode})`);
    this.restoreBestWeights = checkBoolean('EarlyStopping', 'restoreBestWeights', options.restoreBestWeights ?? false);
    this.best = this.mode === 'min' ? Infinity : -Infinity;
  }

  private improves(metric: number): boolean {
    return this.mode === 'min' ? metric < this.best - this.minDelta : metric > this.best + this.minDelta;
  }

  /**
   * Records one epoch's metric (a number or a one-element CPU tensor); returns true when training
   * should stop. `model` is needed for `restoreBestWeights`.
   */
  step(metric: number | Tensor, model?: StatefulModel): boolean {
    const value = isTensor(metric) ? metric.itemSync() : metric;
    this.epoch += 1;
    if (this.improves(value)) {
      this.best = value;
      this.bestEpoch = this.epoch;
      this.counter = 0;
      if (this.restoreBestWeights) {
        if (!model) throw new Error('EarlyStopping: restoreBestWeights needs the model in step(metric, model)');
        this.saveBest(model);
      }
    } else {
      this.counter += 1;
      if (this.counter >= this.patience) {
        this.shouldStop = true;
        if (this.restoreBestWeights && model) this.restore(model);
      }
    }
    return this.shouldStop;
  }

  private saveBest(model: StatefulModel): void {
    this.disposeBest();
    this.bestState = noGrad(() =>
      Object.fromEntries(Object.entries(model.stateDict()).map(([name, value]) => [name, keep(value.clone())])),
    );
  }

  /** Loads the best epoch's weights into `model` (no-op before the first improvement). */
  restore(model: StatefulModel): void {
    if (this.bestState) model.loadStateDict(this.bestState);
  }

  private disposeBest(): void {
    for (const value of Object.values(this.bestState ?? {})) value.dispose();
    this.bestState = null;
  }

  /** Forgets the best metric and copy, for a new run. */
  reset(): void {
    this.disposeBest();
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.bestEpoch = -1;
    this.counter = 0;
    this.epoch = -1;
    this.shouldStop = false;
  }
}
