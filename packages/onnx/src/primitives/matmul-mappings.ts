import { type Dimension, int } from '../graph/graph-builder.js';
import { broadcastDims } from '../trace/dimensions.js';
import type { PrimitiveMappings } from './primitive-mapping.js';

export const matmulMappings: PrimitiveMappings = {
  // [B, M, K] · [B, K, N] or [M, K] · [K, N]: numpy's matmul, which ONNX MatMul is
  matmul: (context, output, [left, right]) => {
    const a = context.valueOf(left!);
    const b = context.valueOf(right!);
    const rank = output.shape.length;
    const batch = broadcastDims(output.shape.slice(0, rank - 2), [a.dims.slice(0, -2), b.dims.slice(0, -2)]);
    const dims: Dimension[] = [...batch, a.dims[a.dims.length - 2]!, b.dims[b.dims.length - 1]!];
    return context.node1('MatMul', [a, b], { type: output.dtype, dims });
  },
  // F.linear of a matrix: x [N, in], W [out, in], b [out]? — ONNX Gemm with transB = 1 reads W as stored
  linear: (context, output, inputs) => {
    const [x, weight, bias] = inputs.map((input) => context.valueOf(input!));
    const dims: Dimension[] = [x!.dims[0]!, weight!.dims[0]!];
    return context.node1('Gemm', bias ? [x!, weight!, bias] : [x!, weight!], { type: output.dtype, dims }, { transB: int(1) });
  },
};
