// The training side of @dl/nn: optimizers, learning-rate schedulers, gradient clipping, early
// stopping and safetensors checkpoints (re-exported by src/index.ts).
export * from './optim/index.js';
export * from './schedulers/index.js';
export * from './training/index.js';
export * from './checkpoint/index.js';
