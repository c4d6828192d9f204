import type { GeneratorState } from '@dl/tensor';
import type { OptimizerStateDict } from '../optim/optimizer.js';
import type { SchedulerStateDict } from '../schedulers/lr-scheduler.js';

/**
 * Type checks of a training checkpoint's `__metadata__` (see training-checkpoint.ts for the
 * layout), run before anything is restored: a damaged or hand-edited file must fail here with the
 * file, the key and the value, not later as NaN weights or a `SyntaxError` from deep inside.
 */

export const checkpointFormat = '@dl/training-checkpoint';
const knownKeys = new Set(['format', 'version', 'epoch', 'optimizer', 'scheduler', 'rng_state']);

/** What the metadata says, typed; tensors are attached by the caller. */
export interface CheckpointMetadata {
  epoch?: number;
  optimizer?: OptimizerStateDict;
  scheduler?: SchedulerStateDict;
  rngState?: GeneratorState;
  user?: Record<string, string>;
}

type Fail = (message: string) => never;
const show = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isIndex = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const decimal = /^(0|[1-9][0-9]*)$/;

/** JSON that may carry ±Infinity and NaN as strings (how the writer stores them). */
function parseJson(text: string, key: string, fail: Fail): unknown {
  try {
    return JSON.parse(text, (_, value) =>
      value === 'Infinity' ? Infinity : value === '-Infinity' ? -Infinity : value === 'NaN' ? NaN : value,
    );
  } catch (error) {
    return fail(`metadata '${key}' is not valid JSON (${(error as Error).message})`);
  }
}

/** A hyper-parameter or scheduler value: a number, a boolean, null, a string name or a list of numbers. */
function checkSetting(value: unknown, where: string, fail: Fail, numeric: ReadonlySet<string>, key: string): void {
  if (numeric.has(key)) {
    const numbers = Array.isArray(value) ? value : [value];
    if (!numbers.every((item) => typeof item === 'number' && !Number.isNaN(item)))
      fail(`${where} must be ${Array.isArray(value) ? 'a list of numbers' : 'a number'}, found ${show(value)}`);
    return;
  }
  const ok =
    value === null ||
    ['number', 'boolean', 'string'].includes(typeof value) ||
    (Array.isArray(value) && value.every((item) => typeof item === 'number'));
  if (!ok) fail(`${where} must be a number, boolean, null, string or list of numbers, found ${show(value)}`);
}

const numericGroupKeys = new Set([
  'lr',
  'initial_lr',
  'momentum',
  'dampening',
  'weight_decay',
  'eps',
  'alpha',
  'betas',
  'lr_decay',
  'initial_accumulator_value',
  'max_lr',
  'min_lr',
]);
const numericSchedulerKeys = new Set([
  'base_lrs',
  '_last_lr',
  'last_epoch',
  '_step_count',
  'gamma',
  'step_size',
  'milestones',
  'T_max',
  'eta_min',
  'factor',
  'patience',
  'threshold',
  'cooldown',
  'min_lrs',
  'eps',
  'best',
  'num_bad_epochs',
  'cooldown_counter',
]);

function readOptimizer(text: string, fail: Fail): OptimizerStateDict {
  const value = parseJson(text, 'optimizer', fail);
  if (!isObject(value) || !Array.isArray(value.param_groups) || !isObject(value.state))
    fail(`metadata 'optimizer' must be {param_groups: [...], state: {...}}, found ${show(value).slice(0, 80)}`);
  const listed = new Set<number>();
  (value.param_groups as unknown[]).forEach((group, index) => {
    const where = `metadata 'optimizer': param_groups[${index}]`;
    if (!isObject(group) || !Array.isArray(group.params) || !group.params.every(isIndex))
      fail(`${where} must be an object with params: a list of indices`);
    for (const id of group.params as number[]) {
      if (listed.has(id)) fail(`${where} lists parameter ${id} twice`);
      listed.add(id);
    }
    for (const [key, setting] of Object.entries(group))
      if (key !== 'params') checkSetting(setting, `${where}.${key}`, fail, numericGroupKeys, key);
  });
  for (const [id, entry] of Object.entries(value.state as Record<string, unknown>)) {
    const where = `metadata 'optimizer': state['${id}']`;
    if (!decimal.test(id) || !listed.has(Number(id))) fail(`${where} belongs to no parameter listed in param_groups`);
    if (!isObject(entry)) fail(`${where} must be an object, found ${show(entry)}`);
    for (const [key, scalar] of Object.entries(entry))
      if (key === 'step' ? !isIndex(scalar) : !(scalar === null || typeof scalar === 'number'))
        fail(`${where}.${key} must be ${key === 'step' ? 'a non-negative integer' : 'a number or null'}, found ${show(scalar)}`);
  }
  return value as unknown as OptimizerStateDict;
}

function readScheduler(text: string, fail: Fail): SchedulerStateDict {
  const value = parseJson(text, 'scheduler', fail);
  if (!isObject(value)) fail(`metadata 'scheduler' must be a JSON object, found ${show(value).slice(0, 80)}`);
  for (const [key, setting] of Object.entries(value)) checkSetting(setting, `metadata 'scheduler'.${key}`, fail, numericSchedulerKeys, key);
  for (const key of ['last_epoch', '_step_count'])
    if (key in value && !Number.isSafeInteger(value[key]))
      fail(`metadata 'scheduler'.${key} must be an integer, found ${show(value[key])}`);
  return value;
}

function readRngState(text: string, fail: Fail): GeneratorState {
  const value = parseJson(text, 'rng_state', fail);
  if (
    !isObject(value) ||
    typeof value.seed !== 'string' ||
    typeof value.offset !== 'string' ||
    !decimal.test(value.seed) ||
    !decimal.test(value.offset)
  )
    fail(`metadata 'rng_state' must be {seed, offset} as decimal strings, found ${show(value)}`);
  const state = value as { seed: string; offset: string };
  const seed = BigInt(state.seed);
  if (seed >= 2n ** 64n) fail(`metadata 'rng_state' seed ${seed} does not fit in 64 bits`);
  return { seed, offset: BigInt(state.offset) };
}

/**
 * Checks every metadata value of a training checkpoint by type; `source` names the file (or "buffer").
 * @example
 * const parts = decodeCheckpointMetadata(metadata, 'run/last.safetensors');
 */
export function decodeCheckpointMetadata(metadata: Record<string, string>, source: string): CheckpointMetadata {
  const fail: Fail = (message) => {
    throw new Error(`training checkpoint: ${source}: ${message}`);
  };
  if (metadata.format !== checkpointFormat)
    fail(
      `not a training checkpoint (format ${show(metadata.format)}, expected '${checkpointFormat}'); use loadSafetensors/parseSafetensors`,
    );
  if (metadata.version !== '1') fail(`version ${show(metadata.version)} is not one this reader knows ('1')`);
  for (const key of Object.keys(metadata)) if (!knownKeys.has(key) && !key.startsWith('user.')) fail(`unexpected metadata key '${key}'`);
  const decoded: CheckpointMetadata = {};
  if (metadata.epoch !== undefined) {
    if (!decimal.test(metadata.epoch) || !Number.isSafeInteger(Number(metadata.epoch)))
      fail(`metadata 'epoch' must be a non-negative integer, found ${show(metadata.epoch)}`);
    decoded.epoch = Number(metadata.epoch);
  }
  if (metadata.optimizer !== undefined) decoded.optimizer = readOptimizer(metadata.optimizer, fail);
  if (metadata.scheduler !== undefined) decoded.scheduler = readScheduler(metadata.scheduler, fail);
  if (metadata.rng_state !== undefined) decoded.rngState = readRngState(metadata.rng_state, fail);
  const user = Object.keys(metadata).filter((key) => key.startsWith('user.'));
  if (user.length > 0) decoded.user = Object.fromEntries(user.map((key) => [key.slice('user.'.length), metadata[key]!]));
  return decoded;
}
