// The two options every training example takes besides its own: `--device cpu|webgpu` (default cpu)
// and `--steps N` (stop after N optimizer steps). A bad value prints the usage and exits with 2.
import { parseArgs } from 'node:util';
import { devices } from './device.mjs';

/** The parseArgs options for `--device` and `--steps`, to merge with an example's own. */
export const deviceAndStepsOptions = {
  device: { type: 'string', default: 'cpu' },
  steps: { type: 'string' },
};

/**
 * Parses the command line with the example's `options` plus `--device` and `--steps`.
 * @param {import('node:util').ParseArgsConfig['options']} options the example's own options
 * @param {string} usage printed, with the problem, when a value is wrong
 * @returns {{ values: Record<string, any>, device: string, steps: number }} steps is Infinity without --steps
 * @example
 * const { values, device, steps } = parseTrainingArguments({ epochs: { type: 'string', default: '3' } }, 'node main.mjs [--epochs N]');
 */
export function parseTrainingArguments(options, usage) {
  const { values } = parseArgs({ options: { ...options, ...deviceAndStepsOptions } });
  const steps = values.steps === undefined ? Infinity : Number(values.steps);
  const problem = !devices.includes(values.device)
    ? `--device must be one of ${devices.join(', ')} (got ${values.device})`
    : !(Number.isInteger(steps) && steps > 0) && steps !== Infinity
      ? `--steps must be a positive integer (got ${values.steps})`
      : null;
  if (problem) failWithUsage(problem, usage);
  return { values, device: values.device, steps };
}

/**
 * Prints the problem and the usage line (with the shared options), then exits with status 2.
 * @param {string} problem
 * @param {string} usage
 * @returns {never}
 */
export function failWithUsage(problem, usage) {
  console.error(problem);
  console.error(`usage: ${usage} [--device ${devices.join('|')}] [--steps N]`);
  process.exit(2);
}
