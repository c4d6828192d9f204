import { checkChoice, describeValue, isTensor, readArguments } from '@dl/tensor';
import type { Reduction } from '../functional/loss.js';

/** Each spelling of `reduction` PyTorch accepts (`'batchmean'` only where `extra` allows it). */
const reductions = { mean: 'mean', sum: 'sum', none: 'none' } as const;

/**
 * `reduction` as PyTorch spells it ('mean', 'sum', 'none'; plus e.g. 'batchmean' for KLDivLoss);
 * anything else throws, naming the loss.
 */
export function checkReduction<Extra extends string = never>(owner: string, value: unknown, ...extra: Extra[]): Reduction | Extra {
  if (value === undefined) return 'mean';
  const choices: Record<string, Reduction | Extra> = { ...reductions };
  for (const name of extra) choices[name] = name;
  return checkChoice(owner, 'reduction', value, choices);
}

/**
 * A loss's constructor arguments as a PyTorch user passes them: `new CrossEntropyLoss(weight)`,
 * `new MSELoss('sum')`, `new HuberLoss('sum', 0.5)`, or an options object (last). Leading
 * positionals are matched by type (a tensor is `weight`, a string `reduction`, a number the
 * loss's own parameter), since PyTorch's deprecated `size_average`/`reduce` booleans sit between them;
 * those booleans throw, pointing to `reduction`.
 */
export function readLossArguments<Options extends object>(
  owner: string,
  rest: readonly unknown[],
  accepted: readonly string[],
  numberName?: string,
): Options {
  const names: string[] = [];
  for (const value of rest) {
    if (isTensor(value) && accepted.includes('weight')) names.push('weight');
    else if (typeof value === 'string') names.push('reduction');
    else if (typeof value === 'number' && numberName) names.push(numberName);
    else if (typeof value === 'boolean')
      throw new Error(
        `${owner}: PyTorch's deprecated size_average / reduce arguments are not supported; pass { reduction: 'mean' | 'sum' | 'none' }`,
      );
    else if (value === undefined || value === null) names.push('');
    else break;
  }
  const unexpected = rest.slice(0, names.length).find((value, index) => names.indexOf(names[index]!) !== index && value != null);
  if (unexpected !== undefined) throw new Error(`${owner}: unexpected positional argument ${describeValue(unexpected)}`);
  const positionals = rest.slice(0, names.length);
  const options = { ...((rest[names.length] as object | undefined) ?? {}) } as Record<string, unknown>;
  const leftover = rest.slice(names.length + 1);
  if (leftover.some((value) => value !== undefined) || (rest[names.length] !== undefined && typeof rest[names.length] !== 'object'))
    throw new Error(
      `${owner}: unexpected argument ${describeValue(rest[names.length])}; expected a tensor (weight), a reduction string or an options object`,
    );
  positionals.forEach((value, index) => {
    if (value === undefined || value === null || !names[index]) return;
    if (names[index]! in options) throw new Error(`${owner}: \`${names[index]}\` given both as a positional argument and as an option`);
    options[names[index]!] = value;
  });
  return readArguments<Options>(owner, [options], [], accepted);
}
