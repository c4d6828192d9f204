// The CPU backend's WebAssembly module: every kernel in one module so that they share one memory
// (operands are copied in once and kernels call each other directly). Built by tools/build-wasm.mjs.

export { heapBase, sgemm, workspaceBytes } from './sgemm';
export { convolutionForward, convolutionInputGradient, convolutionScratchBytes, convolutionWeightGradient } from './convolution';
export { philoxFill } from './philox';
export { adamDense, adamDenseWith, adamHyperparameters, adamTransposed, adamTransposedRows } from './adam';
export { maxPool2x2 } from './max-pool';
export { reluBackward, reluForward } from './relu';
export { arithmetic, arithmeticRows } from './arithmetic';
export { recurrenceBackward, recurrenceForward } from './recurrence';
export { abandonBarriers, recurrenceBackwardPart, recurrenceForwardPart, resetBarriers } from './recurrence-parts';
export { packedBBytes } from './sgemm';
export { logSoftmaxGradientRows, logSoftmaxRows } from './log-softmax';
export { combineBlocks, reduceBlocks, reduceRows, sumChannels } from './reduce';
