import { Dropout, Dropout2d, Embedding } from '@dl/nn';
import type { ModuleMapping } from './module-mapping.js';
import { singleTensorMapping } from './module-mapping.js';

/** Dropout in eval mode is the identity: the output stands for the input's value, and no node is added. */
function identity(moduleClass: typeof Dropout | typeof Dropout2d): ModuleMapping {
  return singleTensorMapping(moduleClass, (context, _module, input, output) => context.bind(output, context.valueOf(input)));
}

export const passthroughMappings: ModuleMapping[] = [
  identity(Dropout),
  identity(Dropout2d),
  // Embedding: rows of the weight, Gather along axis 0 (indices int32, which ONNX Gather takes)
  singleTensorMapping(Embedding, (context, module, input, output) => {
    const indices = context.valueOf(input);
    const weight = context.valueOf(module.weight);
    context.bind(
      output,
      context.node1(
        'Gather',
        [weight, indices],
        { type: output.dtype, dims: [...indices.dims, module.embeddingDim] },
        { axis: { kind: 'int', value: 0 } },
      ),
    );
  }),
];
