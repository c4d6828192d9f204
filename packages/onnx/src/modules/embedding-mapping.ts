import { Embedding } from '@dl/nn';
import { type ModuleMapping, singleTensorMapping } from './module-mapping.js';

/**
 * Embedding: rows of the weight, Gather along axis 0 (indices int32, which ONNX Gather takes). With
 * maxNorm the forward first rescales, in place, the rows it reads whose norm exceeds maxNorm; a Gather
 * of the weight as the example's call left it would leave the rows other indices read unscaled. Such a
 * layer is not mapped whole but traced through F.embedding's primitives, which give the graph that
 * rescaling on every run (rescaling is idempotent, so a row read twice is the same in both).
 */
const embeddingGather = singleTensorMapping(Embedding, (context, module, input, output) => {
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
});

export const embeddingMapping: ModuleMapping = {
  matches: (module) => module instanceof Embedding && module.maxNorm === null,
  emit: embeddingGather.emit,
};
