import { keep, noGrad, readArguments, scope, type Tensor, where, zeros } from '@dl/tensor';
import { deepCopy } from '../module/deep-copy.js';
import { Module } from '../module/module.js';

/**
 * `avgFn(averaged, current, numAveraged)`: the new averaged value from the averaged one, the model's
 * current one and how many models are already in the average (a 0-d int32 tensor).
 */
export type AverageFunction = (averaged: Tensor, current: Tensor, numAveraged: Tensor) => Tensor;

export interface AveragedModelOptions {
  /** Where the averaged copy (and `n_averaged`) lives. Default: the copy stays on the model's device, `n_averaged` on 'cpu' (torch's `None`). */
  device?: string;
  /** The averaging rule. Default: the running mean avg + (p − avg)/(n + 1). */
  avgFn?: AverageFunction;
  /** Average the buffers too (BatchNorm's running statistics), not only the parameters. Default false. */
  useBuffers?: boolean;
}

/** The equally weighted running mean: after n + 1 models, avg ← avg + (p − avg)/(n + 1). */
const runningMean: AverageFunction = (averaged, current, numAveraged) => averaged.add(current.sub(averaged).div(numAveraged.add(1)));

/**
 * A running average of a model's weights for Stochastic Weight Averaging (PyTorch's
 * `torch.optim.swa_utils.AveragedModel`). It holds a deep copy of the model as the submodule `module`
 * and a buffer `n_averaged` (int32 here, torch's int64: torch's state dict loads, and safetensors files are
 * written with it as int64), so its state dict
 * is torch's (`n_averaged`, `module.<name>`). `updateParameters(model)` copies the model's parameters
 * on the first call and averages them with `avgFn` after; with `useBuffers` the buffers are averaged
 * too (an integer buffer such as `num_batches_tracked` truncates the average, as torch's copy does).
 * Without it, refresh BatchNorm statistics with `updateBn` before evaluating. Calling it runs the
 * averaged module.
 * @example
 * const swaModel = new AveragedModel(model);
 * const emaModel = new AveragedModel(model, { avgFn: (a, p) => a.mul(0.999).add(p, 0.001), useBuffers: true });
 * // after each epoch (SWA) or each step (EMA):
 * swaModel.updateParameters(model);
 * await updateBn(loader, swaModel);
 * const logits = swaModel.call(images);
 */
export class AveragedModel<M extends Module = Module> extends Module {
  readonly module: M;
  avgFn: AverageFunction;
  useBuffers: boolean;

  constructor(model: M, options?: AveragedModelOptions);
  /** PyTorch's order: `AveragedModel(model, device, avg_fn, use_buffers)`. */
  constructor(model: M, device?: string, avgFn?: AverageFunction, useBuffers?: boolean);
  constructor(model: M, ...rest: unknown[]) {
    super();
    const options = readArguments<AveragedModelOptions>(
      'AveragedModel',
      rest,
      ['device', 'avgFn', 'useBuffers'],
      ['device', 'avgFn', 'useBuffers'],
    );
    if (options.avgFn !== undefined && typeof options.avgFn !== 'function')
      throw new Error(`AveragedModel: avgFn must be a function (averaged, current, numAveraged) => Tensor, got ${typeof options.avgFn}`);
    const copy = deepCopy(model);
    this.module = options.device === undefined ? copy : copy.to(options.device);
    this.registerBuffer('n_averaged', keep(zeros([], { dtype: 'int32', device: options.device ?? 'cpu' })));
    this.avgFn = options.avgFn ?? runningMean;
    this.useBuffers = options.useBuffers ?? false;
  }

  /** How many models are in the average (state-dict name `n_averaged`, a 0-d int32 tensor). */
  get nAveraged(): Tensor {
    return this.getField('n_averaged') as Tensor;
  }

  /** Runs the averaged module. */
  forward(...inputs: Parameters<M['forward']>): ReturnType<M['forward']> {
    return (this.module.call as (...values: unknown[]) => ReturnType<M['forward']>).apply(this.module, inputs);
  }

  /**
   * Adds `model`'s current parameters (and buffers, with `useBuffers`) to the average, in place, and
   * counts it in `n_averaged`. `model` must have the averaged module's structure.
   * @example
   * for (let epoch = 0; epoch < epochs; epoch++) {
   *   trainOneEpoch(model);
   *   if (epoch >= swaStart) swaModel.updateParameters(model);
   * }
   */
  updateParameters(model: Module): void {
    const averaged = this.useBuffers ? [...this.module.parameters(), ...this.module.buffers()] : this.module.parameters();
    const current = this.useBuffers ? [...model.parameters(), ...model.buffers()] : model.parameters();
    const what = this.useBuffers ? 'parameters and buffers' : 'parameters';
    if (averaged.length !== current.length)
      throw new Error(`AveragedModel.updateParameters: the model has ${current.length} ${what}, the averaged copy ${averaged.length}`);
    noGrad(() => {
      averaged.forEach((target, index) =>
        scope(() => {
          const value = current[index]!.detach().to(target.device);
          const count = this.nAveraged.to(target.device);
          // torch copies on the first update (n = 0) and averages after; chosen on the device, so
          // nothing is read back; copy_ casts to the target's dtype (a float average truncates into int32)
          target.copy_(where(count.eq(0), value, this.avgFn(target.detach(), value, count)));
        }),
      );
      this.nAveraged.add_(1);
    });
  }
}
