import { describeValue, isPlainObject, isTensor, type GeneratorState, type Tensor } from '@dl/tensor';
import type { OptimizerStateDict } from '../optim/optimizer.js';
import type { SchedulerStateDict } from '../schedulers/lr-scheduler.js';
import { checkpointFormat, decodeCheckpointMetadata } from './checkpoint-metadata.js';
import {
  checkBytes,
  checkStateDict,
  parseSafetensors,
  serializeSafetensors,
  type SafetensorsContent,
  type SafetensorsReadOptions,
} from './safetensors.js';

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

const encodeJson = (value: unknown) =>
  JSON.stringify(value, (_, item) => (typeof item === 'number' && !Number.isFinite(item) ? String(item) : item));

/**
 * Encodes a training checkpoint as safetensors bytes.
 * @example
 * const bytes = await serializeCheckpoint({ model: model.stateDict(), optimizer: optimizer.stateDict(), epoch, rngState: getRngState() });
 */
/** Throws unless `checkpoint` is { model: stateDict, optimizer?, scheduler?, … }, naming `operation`. */
export function checkCheckpoint(operation: string, checkpoint: unknown): void {
  if (!isPlainObject(checkpoint))
    throw new Error(`${operation}: expects a checkpoint { model: model.stateDict(), optimizer?, … }, got ${describeValue(checkpoint)}`);
  checkStateDict(`${operation}: checkpoint.model`, checkpoint.model);
}

export async function serializeCheckpoint(checkpoint: TrainingCheckpoint): Promise<Uint8Array> {
  checkCheckpoint('serializeCheckpoint', checkpoint);
  const tensors: Record<string, Tensor> = {};
  for (const [name, value] of Object.entries(checkpoint.model)) tensors[`model.${name}`] = value;
  const metadata: Record<string, string> = { format: checkpointFormat, version: '1' };
  if (checkpoint.optimizer) {
    const scalars: Record<string, Record<string, unknown>> = {};
    for (const [index, entry] of Object.entries(checkpoint.optimizer.state))
      for (const [key, value] of Object.entries(entry)) {
        if (isTensor(value)) tensors[`optimizer.state.${index}.${key}`] = value;
        else if (Array.isArray(value))
          throw new Error(
            `serializeCheckpoint: optimizer state ${index}.${key} is a list (LBFGS's history), which a training checkpoint cannot store`,
          );
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
 * Decodes `serializeCheckpoint` bytes. Every metadata value is checked by type before anything is
 * returned (see checkpoint-metadata.ts); errors name `source` (the file, default "buffer"). Load the
 * parts with `model.loadStateDict(c.model)`, `optimizer.loadStateDict(c.optimizer)`,
 * `scheduler.loadStateDict(c.scheduler)`, `setRngState(c.rngState)`.
 * @example
 * const checkpoint = parseCheckpoint(bytes);
 * model.loadStateDict(checkpoint.model);
 */
export function parseCheckpoint(bytes: Uint8Array, options: SafetensorsReadOptions & { source?: string } = {}): TrainingCheckpoint {
  checkBytes('parseCheckpoint', bytes);
  return assembleCheckpoint(parseSafetensors(bytes, options), options.source ?? 'buffer');
}

/** Checks the metadata, then files each tensor under the model or the optimizer state it belongs to. */
export function assembleCheckpoint({ tensors, metadata }: SafetensorsContent, source: string): TrainingCheckpoint {
  const decoded = decodeCheckpointMetadata(metadata, source);
  const checkpoint: TrainingCheckpoint = { model: Object.create(null) };
  const optimizerState = decoded.optimizer?.state;
  const listed = new Set(decoded.optimizer?.param_groups.flatMap((group) => group.params) ?? []);
  for (const [name, value] of Object.entries(tensors)) {
    const match = /^optimizer\.state\.(0|[1-9][0-9]*)\.(.+)$/.exec(name);
    if (name.startsWith('model.') && name.length > 'model.'.length) checkpoint.model[name.slice('model.'.length)] = value;
    else if (match && optimizerState && listed.has(Number(match[1]))) {
      const entry = (optimizerState[match[1]!] ??= {});
      if (match[2]! in entry)
        throw new Error(`training checkpoint: ${source}: '${name}' is stored both as a tensor and in metadata 'optimizer'`);
      entry[match[2]!] = value;
    } else
      throw new Error(
        `training checkpoint: ${source}: unexpected tensor '${name}' (expected model.<name> or optimizer.state.<listed index>.<key>)`,
      );
  }
  if (decoded.optimizer) checkpoint.optimizer = decoded.optimizer;
  if (decoded.scheduler) checkpoint.scheduler = decoded.scheduler;
  if (decoded.epoch !== undefined) checkpoint.epoch = decoded.epoch;
  if (decoded.rngState) checkpoint.rngState = decoded.rngState;
  if (decoded.user) checkpoint.metadata = decoded.user;
  return checkpoint;
}
