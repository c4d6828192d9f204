import { checkChoice, checkOptions, describeValue, isTensor, readArguments, refuseExtraArguments } from '@dl/tensor';
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

/**
 * Throws for arguments after a loss module's `inputs` (JavaScript would drop them, and torch raises a
 * TypeError): the reduction and the weights belong to the constructor. Call it only when `extra` is
 * not empty, so forward, on every training step, pays nothing.
 * @example
 * refuseForwardArguments('MSELoss', ['input', 'target'], [{ reduction: 'sum' }]);
 * // Error: MSELoss.forward: takes (input, target), got 3 arguments; the reduction and other options belong to the constructor: new MSELoss({ reduction: 'sum' })
 */
export function refuseForwardArguments(owner: string, inputs: readonly string[], extra: readonly unknown[]): void {
  refuseExtraArguments(
    `${owner}.forward`,
    inputs,
    extra,
    `the reduction and other options belong to the constructor: new ${owner}({ reduction: 'sum' })`,
  );
}

/**
 * Throws for arguments after a functional loss's options object: torch's legacy positional order
 * (size_average, reduce, reduction) puts the reduction there, which JavaScript would drop. `accepted`
 * are the options the function reads. Call it only when `extra` is not empty (no cost otherwise).
 * @example
 * refuseLossArguments('mseLoss', ['input', 'target'], ['reduction'], [undefined, 'sum']);
 * // Error: mseLoss: takes (input, target, options), got 5 arguments; the options (reduction) go in the options object: mseLoss(input, target, { reduction: 'sum' })
 */
export function refuseLossArguments(
  owner: string,
  inputs: readonly string[],
  accepted: readonly string[],
  extra: readonly unknown[],
): void {
  refuseExtraArguments(
    owner,
    [...inputs, 'options'],
    extra,
    `the options (${accepted.join(', ')}) go in the options object: ${owner}(${inputs.join(', ')}, { reduction: 'sum' })`,
  );
}

/**
 * A weighted loss's arguments after input and target: an options object, or torch's positional class
 * weight (`F.cross_entropy(logits, labels, weights)`) which an options object may follow. Anything
 * else where the weight goes is refused as checkOptions refuses a wrong options object.
 * @example
 * readLossOptions('crossEntropy', [weights, { reduction: 'sum' }], ['weight', 'reduction']); // { weight, reduction }
 */
export function readLossOptions<Options extends object>(owner: string, rest: readonly unknown[], accepted: readonly string[]): Options {
  if (isTensor(rest[0]) || rest[0] === null) return readArguments<Options>(owner, rest, ['weight'], accepted);
  if (rest.length > 1) refuseLossArguments(owner, ['input', 'target'], accepted, rest.slice(1));
  return checkOptions(owner, (rest[0] ?? {}) as Options, accepted);
}
