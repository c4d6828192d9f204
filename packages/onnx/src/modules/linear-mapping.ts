import { Linear } from '@dl/nn';
import { int } from '../graph/graph-builder.js';
import { singleTensorMapping } from './module-mapping.js';

/**
 * Linear: y = x·Wᵀ + b. A matrix input is one Gemm (transB = 1 reads W [out, in] as stored); a higher
 * rank input is MatMul with Wᵀ then Add, as Gemm takes matrices only.
 */
export const linearMapping = singleTensorMapping(Linear, (context, module, input, output) => {
  const x = context.valueOf(input);
  const weight = context.valueOf(module.weight);
  const bias = module.bias ? context.valueOf(module.bias) : null;
  const dims = [...x.dims.slice(0, -1), module.outFeatures];
  if (input.ndim === 2) {
    context.bind(output, context.node1('Gemm', bias ? [x, weight, bias] : [x, weight], { type: output.dtype, dims }, { transB: int(1) }));
    return;
  }
  const transposed = context.node1(
    'Transpose',
    [weight],
    { type: output.dtype, dims: [module.inFeatures, module.outFeatures] },
    { perm: { kind: 'ints', value: [1, 0] } },
  );
  const product = context.node1('MatMul', [x, transposed], { type: output.dtype, dims });
  context.bind(output, bias ? context.node1('Add', [product, bias], { type: output.dtype, dims }) : product);
});
