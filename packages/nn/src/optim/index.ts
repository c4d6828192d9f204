export {
  Optimizer,
  type OptimizerState,
  type OptimizerStateDict,
  type ParameterGroup,
  type ParameterGroupInput,
  type OptimizerParameters,
  type ZeroGradOptions,
} from './optimizer.js';
export { SGD, type SGDOptions } from './sgd.js';
export { Adam, AdamW, type AdamOptions } from './adam.js';
export { RMSprop, type RMSpropOptions } from './rmsprop.js';
export { Adagrad, type AdagradOptions } from './adagrad.js';
