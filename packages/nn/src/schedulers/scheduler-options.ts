import { readArguments } from '@dl/tensor';
import { checkSchedulerOptionTypes } from './scheduler-option-types.js';

/**
 * A scheduler's options from its constructor's arguments after the optimizer: PyTorch's positional
 * order (`new StepLR(optimizer, 10, 0.5)`), an options object (`{ stepSize: 10, gamma: 0.5 }`), or
 * positionals then options. Unknown keys throw (`step_size` → "did you mean `stepSize`?", `T_max` →
 * `tMax`), and so do a missing required option, which would otherwise make the rate NaN, and a value
 * of the wrong type (scheduler-option-types.ts).
 * @example
 * schedulerOptions('StepLR', [10, 0.5], ['stepSize', 'gamma', 'lastEpoch'], ['stepSize']); // { stepSize: 10, gamma: 0.5 }
 */
export function schedulerOptions<Options extends object>(
  owner: string,
  rest: readonly unknown[],
  accepted: readonly (keyof Options & string)[],
  required: readonly (keyof Options & string)[] = [],
  positionals: readonly (keyof Options & string)[] = accepted,
): Options {
  const options = readArguments<Options>(owner, rest, positionals, accepted);
  for (const name of required)
    if ((options as Record<string, unknown>)[name] === undefined) throw new Error(`${owner}: the option \`${name}\` is required`);
  checkSchedulerOptionTypes(owner, options);
  return options;
}
