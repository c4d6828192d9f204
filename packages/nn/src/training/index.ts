export { clipGradNorm, clipGradValue } from './clip-grad.js';
export { EarlyStopping, type EarlyStoppingOptions, type StatefulModel } from './early-stopping.js';
