import type { Tensor } from '@dl/tensor';
import type { GraphValue } from '../graph/graph-builder.js';
import type { TraceContext } from '../trace/trace-context.js';

/**
 * Maps one recorded op (a primitive of @dl/tensor, or an op outside the primitive table such as a
 * comparison) to ONNX nodes; returns the value that stands for `output`.
 */
export type PrimitiveMapping = (
  context: TraceContext,
  output: Tensor,
  inputs: readonly Tensor[],
  params: Record<string, unknown>,
) => GraphValue;

export type PrimitiveMappings = Record<string, PrimitiveMapping>;
