import { convolutionMappings } from './convolution-mappings.js';
import { elementwiseMappings } from './elementwise-mappings.js';
import { indexingMappings } from './indexing-mappings.js';
import { matmulMappings } from './matmul-mappings.js';
import { movementMappings } from './movement-mappings.js';
import type { PrimitiveMappings } from './primitive-mapping.js';
import { reductionMappings } from './reduction-mappings.js';

/**
 * Every op the tracer can map, by the name @dl/tensor reports. Primitives missing here (unfold, fold,
 * the transposed convolution and recurrence kernels, sliceScatter, backward-only kernels) fail the export
 * naming the op; the layers that run them are mapped whole (see ../modules).
 */
export const primitiveMappings: PrimitiveMappings = {
  ...elementwiseMappings,
  ...reductionMappings,
  ...movementMappings,
  ...matmulMappings,
  ...indexingMappings,
  ...convolutionMappings,
};
