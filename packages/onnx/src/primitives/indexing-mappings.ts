import type { Tensor } from '@dl/tensor';
import { int, string } from '../graph/graph-builder.js';
import type { TraceContext } from '../trace/trace-context.js';
import type { PrimitiveMappings } from './primitive-mapping.js';

/**
 * Indices that were not traced while the data was are suspect unless the program chose them (known
 * constants: Tensor.at's index lists): a fused kernel (functional max pooling, a sort) may have chosen
 * them from the data, and baking them in would give a model that loads but computes something else.
 */
function checkIndices(context: TraceContext, operation: string, data: Tensor, indices: Tensor): void {
  if (context.isTraced(data) && !context.isTraced(indices) && !context.isKnownConstant(indices) && indices.shape.length > 0)
    throw context.error(
      operation,
      'its indices were computed outside the trace (by functional maxPool2d, a sort, or an index tensor given to Tensor.at or indexSelect) and may depend on the data; use the MaxPool2d module (ONNX MaxPool) and index lists (not tensors) with at',
    );
}

export const indexingMappings: PrimitiveMappings = {
  // torch.gather(x, axis, index) is ONNX GatherElements
  gather: (context, output, [data, indices], params) => {
    checkIndices(context, 'gather', data!, indices!);
    const index = context.valueOf(indices!);
    return context.node1(
      'GatherElements',
      [context.valueOf(data!), index],
      { type: output.dtype, dims: index.dims },
      { axis: int(params.axis as number) },
    );
  },
  scatter: (context, output, [base, indices, source], params) => {
    checkIndices(context, 'scatter', base!, indices!);
    const x = context.valueOf(base!);
    return context.node1(
      'ScatterElements',
      [x, context.valueOf(indices!), context.valueOf(source!)],
      { type: output.dtype, dims: x.dims },
      { axis: int(params.axis as number) },
    );
  },
  scatterAdd: (context, output, [base, indices, source], params) => {
    checkIndices(context, 'scatterAdd', base!, indices!);
    if (context.opsetVersion < 16) throw context.error('scatterAdd', 'ScatterElements with reduction "add" needs opset 16 or later');
    const x = context.valueOf(base!);
    return context.node1(
      'ScatterElements',
      [x, context.valueOf(indices!), context.valueOf(source!)],
      { type: output.dtype, dims: x.dims },
      {
        axis: int(params.axis as number),
        reduction: string('add'),
      },
    );
  },
};
