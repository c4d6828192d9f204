// torch.nn.utils.fusion: a layer and the batch norm after it, folded into one layer for inference.
export { fuseConvBnWeights, fuseLinearBnWeights, type FuseConvBnOptions } from './fuse-batch-norm-weights.js';
export { fuseConvBnEval, fuseLinearBnEval } from './fuse-batch-norm-eval.js';
