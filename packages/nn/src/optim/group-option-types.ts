import { describeValue } from '@dl/tensor';
import { toCamelCase } from './state-dict-keys.js';

/**
 * Checks a parameter group's options by the type of their defaults: an option whose default is a
 * number must be a number (not NaN), a boolean's a boolean, a pair's (betas, etas, stepSizes) as many
 * numbers. torch's optimizers refuse a string or None learning rate, momentum or beta through their
 * range checks and arithmetic ("'<' not supported between instances of 'str' and 'float'"); in
 * JavaScript, '0.1' would be coerced to a number by one formula and concatenated by another, a null
 * weight decay read as 0, and the string 'false' taken as true.
 *
 * It also refuses an option spelled torch's way in a group that was changed after construction: a
 * group takes keys beyond its options (the learning-rate schedulers add `initialLr` and theirs), so
 * `optimizer.paramGroups[0].weight_decay = 0` would otherwise add a key nothing reads.
 */
export function checkGroupOptionTypes(owner: string, group: Record<string, unknown>, defaults: object): void {
  const problem = groupOptionProblem(group, defaults as Record<string, unknown>);
  if (problem !== null) throw new Error(`${owner}: ${problem}`);
}

/** Checks each group again before a step: a group may have changed since it was added (a learning rate set by hand, or read from text). */
export function checkGroupsBeforeStep(owner: string, groups: readonly Record<string, unknown>[], defaults: object): void {
  // runs every step: the message, and the owner's words in it, are built only for a problem
  for (let index = 0; index < groups.length; index++) {
    const problem = groupOptionProblem(groups[index]!, defaults as Record<string, unknown>);
    if (problem !== null) throw new Error(`${owner}: parameter group ${index}: ${problem}`);
  }
}

/** What is wrong with a group's options, or null. */
function groupOptionProblem(group: Record<string, unknown>, defaults: Record<string, unknown>): string | null {
  for (const key in defaults) {
    const expected = defaults[key];
    const value = group[key];
    if (typeof expected === 'number') {
      if (typeof value !== 'number' || Number.isNaN(value)) return `${key} must be a number, got ${describeValue(value)}`;
    } else if (typeof expected === 'boolean') {
      if (typeof value !== 'boolean') return `${key} must be true or false, got ${describeValue(value)}`;
    } else if (Array.isArray(expected)) {
      const isPair =
        Array.isArray(value) && value.length === expected.length && value.every((item) => typeof item === 'number' && !Number.isNaN(item));
      if (!isPair) return `${key} must be ${expected.length} numbers, got ${describeValue(value)}`;
    }
  }
  for (const key in group) {
    if (!key.includes('_')) continue;
    const name = toCamelCase(key);
    if (name in defaults) return `the option \`${key}\` is spelled \`${name}\` here (group.${name})`;
  }
  return null;
}
