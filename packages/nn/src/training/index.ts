export { clipGradNorm, clipGradValue } from './clip-grad.js';
export { parametersToVector, vectorToParameters } from './parameters-vector.js';
export { EarlyStopping, type EarlyStoppingOptions, type StatefulModel } from './early-stopping.js';
