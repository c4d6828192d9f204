import { cat, describeValue, noGrad, randLike, readArguments, scope, type Tensor } from '@dl/tensor';
import { isModule, type Module } from '../module/module.js';
import { checkAmount, type PruningAmount } from './amount.js';
import { customFromMask } from './custom-from-mask.js';
import { checkShapeOf, pruningTarget, type PruningTarget } from './pruned-parameter.js';
import { pruneSmallestKept, unstructuredCount } from './unstructured.js';

/** The unstructured methods `prune.globalUnstructured` accepts (torch's `pruning_method` classes). */
export type GlobalPruningMethod = 'l1Unstructured' | 'randomUnstructured';

/** Options of `prune.globalUnstructured`. */
export interface GlobalUnstructuredOptions {
  /** How entries are chosen: the smallest |value| ('l1Unstructured') or at random ('randomUnstructured'). Required. */
  pruningMethod?: GlobalPruningMethod;
  /** Scores, by module then parameter name, used in place of a parameter's values. Default none (every parameter scored by its own, masked, values). */
  importanceScores?: Map<Module, Record<string, Tensor>>;
  /** How much to prune: a fraction in [0, 1] of all the entries still kept, or an integer count. Required. */
  amount?: PruningAmount;
}

const methods: readonly string[] = ['l1Unstructured', 'randomUnstructured'];
const structured: readonly string[] = ['lnStructured', 'randomStructured', 'customFromMask'];

/**
 * Prunes `amount` of the entries of all `parameters` together ([module, name] pairs), as torch's
 * `prune.global_unstructured`: the parameters (or their importance scores) are flattened into one
 * vector, and their masks into one mask, the method prunes among the entries still kept, and each
 * parameter gets its slice through `customFromMask`. With 'l1Unstructured' the smallest |value| over
 * every parameter go first, so layers lose different fractions. Nothing is returned, as in torch.
 * @example
 * prune.globalUnstructured([[model.fc1, 'weight'], [model.fc2, 'weight']], 'l1Unstructured', { amount: 0.2 });
 */
export function globalUnstructured(
  parameters: Iterable<readonly [Module, string]>,
  pruningMethod?: GlobalPruningMethod | GlobalUnstructuredOptions,
  importanceScores?: Map<Module, Record<string, Tensor>> | GlobalUnstructuredOptions,
  options?: GlobalUnstructuredOptions,
): void {
  const owner = 'prune.globalUnstructured';
  if (parameters === null || typeof parameters !== 'object' || !(Symbol.iterator in parameters))
    throw new Error(`${owner}: parameters should be an iterable of [module, name] pairs, got ${describeValue(parameters)}`);
  const read = readArguments<GlobalUnstructuredOptions>(
    owner,
    [pruningMethod, importanceScores, options],
    ['pruningMethod', 'importanceScores'],
    ['pruningMethod', 'importanceScores', 'amount'],
  );
  const method = read.pruningMethod as string | undefined;
  if (method === undefined) throw new Error(`${owner}: pruningMethod is required`);
  if (structured.includes(method))
    throw new Error(`${owner}: only "unstructured" pruning methods are supported; '${method}' is not (accepted: ${methods.join(', ')})`);
  if (!methods.includes(method))
    throw new Error(`${owner}: unknown pruningMethod ${describeValue(method)} (accepted: ${methods.join(', ')})`);
  if (read.amount === undefined) throw new Error(`${owner}: amount is required`);
  const amount = checkAmount(owner, read.amount);
  const scoresByModule = read.importanceScores ?? new Map<Module, Record<string, Tensor>>();
  if (!(scoresByModule instanceof Map))
    throw new Error(`${owner}: importanceScores must be a Map from module to { name: scores }, got ${describeValue(scoresByModule)}`);

  const pairs = [...parameters];
  for (const pair of pairs)
    if (!Array.isArray(pair) || pair.length !== 2 || !isModule(pair[0]) || typeof pair[1] !== 'string')
      throw new Error(`${owner}: every entry of parameters should be a [module, name] pair, got ${describeValue(pair)}`);
  // the per-parameter slices of the global mask, computed before any module changes
  const slices = scope(
    () => noGrad(() => combinedMask(owner, pairs, scoresByModule, method as GlobalPruningMethod, amount)),
    `the end of ${owner}`,
  );
  pairs.forEach(([module, name], index) => customFromMask(module, name, slices[index]!));
  for (const slice of slices) slice.dispose(); // each module holds its own copy
}

/** One slice per parameter of the global mask (torch's PruningContainer over the concatenated vector). */
function combinedMask(
  owner: string,
  pairs: (readonly [Module, string])[],
  scoresByModule: Map<Module, Record<string, Tensor>>,
  method: GlobalPruningMethod,
  amount: PruningAmount,
): Tensor[] {
  const targets = pairs.map(([module, name]) => pruningTarget(owner, module, name));
  const scores = pairs.map(([module, name], index) => {
    const given = scoresByModule.get(module)?.[name];
    const value = targets[index]!.value;
    return given === undefined ? value : checkShapeOf(owner, 'importanceScores', given, value, name);
  });
  const vector = cat(scores.map((score) => score.flatten()));
  const whole: PruningTarget = {
    value: vector,
    mask: cat(targets.map((target) => target.mask.flatten())),
    pruned: targets.some((target) => target.pruned),
  };
  const ranking = method === 'l1Unstructured' ? vector.abs() : randLike(vector);
  const mask = pruneSmallestKept(ranking, whole.mask, unstructuredCount(owner, whole, amount));
  let offset = 0;
  return targets.map((target) => {
    const slice = mask.narrow(0, offset, target.mask.numel()).reshape([...target.mask.shape]);
    offset += target.mask.numel();
    return slice;
  });
}
