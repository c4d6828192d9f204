export { clipGradNorm, clipGradValue } from './clip-grad.js';
export { parametersToVector, vectorToParameters } from './parameters-vector.js';
export { EarlyStopping, type EarlyStoppingOptions, type StatefulModel } from './early-stopping.js';
export { AveragedModel, type AveragedModelOptions, type AverageFunction } from './averaged-model.js';
export { updateBn, type UpdateBnOptions } from './update-bn.js';
