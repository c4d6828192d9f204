import type { Tensor } from '@dl/tensor';
import { int, string } from '../graph/graph-builder.js';
import type { TraceContext } from '../trace/trace-context.js';
import { asVector, backToScalar } from '../trace/zero-dimensional.js';
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
  // torch.gather(x, axis, index) is ONNX GatherElements, which requires rank ≥ 1: torch's gather of a
  // 0-d tensor at index 0 (dim 0 or −1) is GatherElements of the vectors [x] and [0] along axis 0, squeezed
  gather: (context, output, [data, indices], params) => {
    checkIndices(context, 'gather', data!, indices!);
    const scalar = indices!.ndim === 0;
    const index = asVector(context, context.valueOf(indices!));
    const gathered = context.node1(
      'GatherElements',
      [asVector(context, context.valueOf(data!)), index],
      { type: output.dtype, dims: index.dims },
      { axis: int(scalar ? 0 : (params.axis as number)) },
    );
    return backToScalar(context, gathered, scalar);
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
