import { describeValue, isTensor, keep, noGrad, onesLike, readArguments, scope, type Tensor, zerosLike } from '@dl/tensor';
import { BatchNormBase } from '../layers/batch-norm.js';
import { InstanceNorm1d, InstanceNorm2d, InstanceNorm3d } from '../layers/instance-norm.js';
import { isModule, type Module } from '../module/module.js';

export interface UpdateBnOptions {
  /** Device each batch's input moves to before the model runs. Default: the input stays where the loader made it. */
  device?: string;
}

/** A batch norm whose statistics `updateBn` recomputes: torch's `_BatchNorm` (instance norms are not). */
function isBatchNorm(module: Module): module is BatchNormBase {
  return (
    module instanceof BatchNormBase &&
    !(module instanceof InstanceNorm1d || module instanceof InstanceNorm2d || module instanceof InstanceNorm3d)
  );
}

/**
 * Recomputes every BatchNorm's running mean and variance with one pass over `loader` (PyTorch's
 * `torch.optim.swa_utils.update_bn`), as the averaged weights of an `AveragedModel` need: the
 * statistics are reset (to new tensors, so an earlier state dict keeps its values), momentum is set to
 * null so each becomes the cumulative average over the pass's batches, and the model runs in training
 * mode without gradients. Momenta and the model's mode (`train(wasTraining)` on the whole model, as
 * torch) are restored afterwards, also when the loader throws. A batch that is an array (a
 * DataLoader's `[input, target]`) gives its first element to the model; any other batch is the input.
 * Batch norms without running statistics are left alone (torch fails on them).
 * @example
 * for (let epoch = 0; epoch < epochs; epoch++) { train(model); if (epoch >= swaStart) swaModel.updateParameters(model); }
 * await updateBn(trainLoader, swaModel);
 * swaModel.eval();
 */
export function updateBn(loader: Iterable<unknown> | AsyncIterable<unknown>, model: Module, options?: UpdateBnOptions): Promise<void>;
/** PyTorch's order: `update_bn(loader, model, device)`. */
export function updateBn(loader: Iterable<unknown> | AsyncIterable<unknown>, model: Module, device?: string): Promise<void>;
export async function updateBn(loader: Iterable<unknown> | AsyncIterable<unknown>, model: Module, ...rest: unknown[]): Promise<void> {
  const { device } = readArguments<UpdateBnOptions>('updateBn', rest, ['device'], ['device']);
  const iterable = typeof loader === 'object' && loader !== null && (Symbol.asyncIterator in loader || Symbol.iterator in loader);
  if (!iterable) throw new Error(`updateBn: loader must be an iterable or async iterable of batches, got ${describeValue(loader)}`);
  if (!isModule(model)) throw new Error(`updateBn: model must be a module, got ${describeValue(model)}`);
  const momenta = new Map<BatchNormBase, number | null>();
  for (const norm of model.modules().filter(isBatchNorm)) {
    const mean = norm.runningMean;
    const variance = norm.runningVar;
    if (!mean || !variance) continue;
    norm.registerBuffer('running_mean', keep(zerosLike(mean)));
    norm.registerBuffer('running_var', keep(onesLike(variance)));
    momenta.set(norm, norm.momentum);
  }
  if (momenta.size === 0) return;
  const wasTraining = model.training;
  model.train();
  for (const norm of momenta.keys()) {
    // momentum null: running statistic = cumulative average over num_batches_tracked batches
    (norm as { momentum: number | null }).momentum = null;
    noGrad(() => norm.numBatchesTracked?.fill_(0));
  }
  try {
    for await (const batch of loader) {
      const input = Array.isArray(batch) ? batch[0] : batch;
      if (device !== undefined && !isTensor(input))
        throw new Error(
          `updateBn: with a device, each batch must be a tensor or an array whose first element is one, got ${describeValue(input)}`,
        );
      // the output is not needed: the scope frees it and the moved input
      const run = model.call as (...inputs: unknown[]) => unknown;
      noGrad(() => scope(() => void run.apply(model, [device === undefined ? input : (input as Tensor).to(device)])));
    }
  } finally {
    for (const [norm, momentum] of momenta) (norm as { momentum: number | null }).momentum = momentum;
    model.train(wasTraining);
  }
}
