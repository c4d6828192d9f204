import { isTensor } from './brand.js';
import { checkBoolean, checkOptions, describeValue, isPlainObject, readArguments } from './options.js';

/** The keywords of torch's `to`: `to(device=None, dtype=None, non_blocking=False, copy=False)`. */
export interface ToOptions {
  /** A dtype, ours or torch's name (`'float64'`, `'double'`, `'half'`, …). Default: the tensor's own. */
  dtype?: string;
  /** A device name: `'cpu'`, `'webgpu'`. Default: the tensor's own. */
  device?: string;
  /** torch's `non_blocking`: accepted, and without effect (a hint for pinned-memory copies, which this library has none of). Default false. */
  nonBlocking?: boolean;
  /** torch's `copy`: a new tensor even when neither dtype nor device changes. Tensors only; Module.to has no `copy`. Default false. */
  copy?: boolean;
}

/** What a `to` call asks for: a device, a dtype (as given; resolved by the caller), and whether to copy. */
export interface ToTarget {
  device?: string;
  dtype?: string;
  copy: boolean;
}

// torch's dtype names as well as ours: a first argument spelled so is a dtype, anything else a device
const dtypeName =
  /^(float|double|int|long|half|short|byte|char|bool|int64|int32|int16|int8|uint8|float16|float32|float64|bfloat16|complex.*)$/;

/** The metadata-carrying first argument of `to`: a tensor's dtype and device (torch's `to(other)`). */
interface TensorLike {
  readonly dtype: string;
  readonly device: string;
}

/**
 * Reads the arguments of torch's `to` in every form it takes: `to(device, dtype?, nonBlocking?, copy?)`,
 * `to(dtype, nonBlocking?, copy?)`, `to(other)` (a tensor: its dtype and device), and
 * `to({ device, dtype, nonBlocking, copy })`, with an options object allowed after the positionals.
 * Anything else (an unknown option, too many positionals, a non-boolean flag) throws, naming `owner`;
 * `allowCopy` false (Module.to) refuses `copy`.
 * @example
 * readToArguments('to', 'cpu', ['double']); // { device: 'cpu', dtype: 'double', copy: false }
 */
export function readToArguments(owner: string, target: unknown, rest: readonly unknown[], allowCopy = true): ToTarget {
  const flags = allowCopy ? ['nonBlocking', 'copy'] : ['nonBlocking'];
  let options: ToOptions;
  if (isTensor(target)) {
    const other = target as TensorLike;
    options = { ...readArguments<ToOptions>(owner, rest, flags, flags), dtype: other.dtype, device: other.device };
  } else if (isPlainObject(target)) {
    if (rest.some((value) => value !== undefined))
      throw new Error(`${owner}: the options object must be the only argument when it comes first, got ${rest.length + 1} arguments`);
    options = checkOptions(owner, target as ToOptions, ['device', 'dtype', ...flags]);
  } else if (typeof target === 'string' && dtypeName.test(target)) {
    options = { ...readArguments<ToOptions>(owner, rest, flags, flags), dtype: target };
  } else if (typeof target === 'string') {
    options = { ...readArguments<ToOptions>(owner, rest, ['dtype', ...flags], ['dtype', ...flags]), device: target };
  } else throw new Error(`${owner}: expected a device, a dtype, a tensor or an options object, got ${describeValue(target)}`);
  if (options.nonBlocking !== undefined) checkBoolean(owner, 'nonBlocking', options.nonBlocking);
  const copy = options.copy === undefined ? false : checkBoolean(owner, 'copy', options.copy);
  if (options.dtype === undefined && options.device === undefined) throw new Error(`${owner}: give a dtype, a device, or both`);
  for (const key of ['dtype', 'device'] as const)
    if (options[key] !== undefined && typeof options[key] !== 'string')
      throw new Error(`${owner}: ${key} must be a string, got ${describeValue(options[key])}`);
  return { device: options.device, dtype: options.dtype, copy };
}
