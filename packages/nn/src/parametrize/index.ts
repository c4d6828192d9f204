/**
 * torch.nn.utils.parametrize: a parameter or buffer of a module recomputed from an unconstrained
 * tensor by a chain of modules on every read, with torch's state-dict names.
 * @example
 * parametrize.registerParametrization(layer, 'weight', new Symmetric());
 * parametrize.removeParametrizations(layer, 'weight'); // back to a plain parameter
 */
export { cached } from './cache.js';
export { ParametrizationList, type Parametrization } from './parametrization-list.js';
export {
  isParametrized,
  registerParametrization,
  removeParametrizations,
  type RegisterParametrizationOptions,
} from './register.js';
