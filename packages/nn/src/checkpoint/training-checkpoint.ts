import { isTensor, type GeneratorState, type Tensor } from '@dl/tensor';
import type { OptimizerStateDict } from '../optim/optimizer.js';
import type { SchedulerStateDict } from '../schedulers/lr-scheduler.js';
import { parseSafetensors, serializeSafetensors } from './safetensors.js';

/** Everything needed to resume training where it stopped (PyTorch's usual `torch.save({...})` dict). */
export interface TrainingCheckpoint {
  /** `model.stateDict()`. */
  model: Record<string, Tensor>;
  /** `optimizer.stateDict()`. */
  optimizer?: OptimizerStateDict;
  /** `scheduler.stateDict()`. */
  scheduler?: SchedulerStateDict;
  /** The number of epochs done. */
  epoch?: number;
  /** `getRngState()`, so random ops (dropout, shuffling) continue the same sequence. */
  rngState?: GeneratorState;
  /** Anything else, as strings. */
  metadata?: Record<string, string>;
}

/**
 * File layout (a safetensors file): tensors `model.<name>` and `optimizer.state.<index>.<key>`;
 * `__metadata__` holds `format` ('@dl/training-checkpoint'), `epoch`, `optimizer` (JSON: param_groups and
 * the non-tensor state such as `step`), `scheduler` (JSON), `rng_state` (JSON, decimal strings) and the
 * user's metadata under `user.<key>`. ±Infinity and NaN, which JSON lacks, are written as strings.
 */
const format = '@dl/training-checkpoint';

const encodeJson = (value: unknown) =>
  JSON.stringify(value, (_, item) => (typeof item === 'number' && !Number.isFinite(item) ? String(item) : item));

/**
 * Encodes a training checkpoint as safetensors bytes.
 * @example
 * const bytes = await serializeCheckpoint({ model: model.stateDict(), optimizer: optimizer.stateDict(), epoch, rngState: getRngState() });
 */
export async function serializeCheckpoint(checkpoint: TrainingCheckpoint): Promise<Uint8Array> {
  const tensors: Record<string, Tensor> = {};
  for (const [name, value] of Object.entries(checkpoint.model)) tensors[`model.${name}`] = value;
  const metadata: Record<string, string> = { format, version: '1' };
  if (checkpoint.optimizer) {
    const scalars: Record<string, Record<string, unknown>> = {};
    for (const [index, entry] of Object.entries(checkpoint.optimizer.state))
      for (const [key, value] of Object.entries(entry)) {
        if (isTensor(value)) tensors[`optimizer.state.${index}.${key}`] = value;
        else (scalars[index] ??= {})[key] = value;
      }
    metadata.optimizer = encodeJson({ param_groups: checkpoint.optimizer.param_groups, state: scalars });
  }
  if (checkpoint.scheduler) metadata.scheduler = encodeJson(checkpoint.scheduler);
  if (checkpoint.epoch !== undefined) metadata.epoch = String(checkpoint.epoch);
  if (checkpoint.rngState)
    metadata.rng_state = JSON.stringify({ seed: checkpoint.rngState.seed.toString(), offset: checkpoint.rngState.offset.toString() });
  for (const [key, value] of Object.entries(checkpoint.metadata ?? {})) metadata[`user.${key}`] = value;
  return serializeSafetensors(tensors, metadata);
}

/**
 * Decodes `serializeCheckpoint` bytes. Load the parts with `model.loadStateDict(c.model)`,
 * `optimizer.loadStateDict(c.optimizer)`, `scheduler.loadStateDict(c.scheduler)`, `setRngState(c.rngState)`.
 */
export function parseCheckpoint(bytes: Uint8Array, options: { device?: string } = {}): TrainingCheckpoint {
  const { tensors, metadata } = parseSafetensors(bytes, options);
  if (metadata.format !== format) throw new Error(`not a training checkpoint (format '${metadata.format ?? 'missing'}'); use parseSafetensors`);
  const checkpoint: TrainingCheckpoint = { model: {} };
  let optimizerState: OptimizerStateDict['state'] | undefined;
  if (metadata.optimizer) {
    const saved = JSON.parse(metadata.optimizer) as { param_groups: OptimizerStateDict['param_groups']; state: OptimizerStateDict['state'] };
    optimizerState = saved.state;
    checkpoint.optimizer = { state: optimizerState, param_groups: saved.param_groups };
  }
  for (const [name, value] of Object.entries(tensors)) {
    if (name.startsWith('model.')) checkpoint.model[name.slice('model.'.length)] = value;
    else {
      const match = /^optimizer\.state\.(\d+)\.(.+)$/.exec(name);
      if (!match || !optimizerState) throw new Error(`training checkpoint: unexpected tensor '${name}'`);
      (optimizerState[match[1]!] ??= {})[match[2]!] = value;
    }
  }
  if (metadata.scheduler) checkpoint.scheduler = JSON.parse(metadata.scheduler);
  if (metadata.epoch !== undefined) checkpoint.epoch = Number(metadata.epoch);
  if (metadata.rng_state) {
    const { seed, offset } = JSON.parse(metadata.rng_state) as { seed: string; offset: string };
    checkpoint.rngState = { seed: BigInt(seed), offset: BigInt(offset) };
  }
  const user = Object.entries(metadata).filter(([key]) => key.startsWith('user.'));
  if (user.length > 0) checkpoint.metadata = Object.fromEntries(user.map(([key, value]) => [key.slice('user.'.length), value]));
  return checkpoint;
}
