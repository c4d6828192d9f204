export {
  Optimizer,
  type OptimizerState,
  type OptimizerStateValue,
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
export { NAdam, type NAdamOptions } from './nadam.js';
export { RAdam, type RAdamOptions } from './radam.js';
export { Adamax, type AdamaxOptions } from './adamax.js';
export { Adadelta, type AdadeltaOptions } from './adadelta.js';
export { Rprop, type RpropOptions } from './rprop.js';
export { ASGD, type ASGDOptions } from './asgd.js';
export { LBFGS, type LBFGSOptions } from './lbfgs.js';
