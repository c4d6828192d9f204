/**
 * torch.nn.utils.prune: pruning reparametrises a parameter `name` as `<name>_orig` (a parameter) times
 * `<name>_mask` (a buffer), recomputed before every forward.
 * @example
 * const layer = prune.l1Unstructured(new Linear(5, 4), 'weight', 0.3);
 * prune.remove(layer, 'weight'); // the zeros stay, the mask goes
 */
export type { PruningAmount } from './amount.js';
export {
  l1Unstructured,
  randomUnstructured,
  identity,
  type L1UnstructuredOptions,
  type RandomUnstructuredOptions,
} from './unstructured.js';
export { lnStructured, randomStructured, type LnStructuredOptions, type RandomStructuredOptions } from './structured.js';
export { customFromMask } from './custom-from-mask.js';
export { globalUnstructured, type GlobalUnstructuredOptions, type GlobalPruningMethod } from './global-unstructured.js';
export { remove, isPruned } from './pruned-parameter.js';
