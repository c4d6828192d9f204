import { convolutionMappings } from './convolution-mappings.js';
import { elementwiseMappings } from './elementwise-mappings.js';
import { indexingMappings } from './indexing-mappings.js';
import { matmulMappings } from './matmul-mappings.js';
import { movementMappings } from './movement-mappings.js';
import type { PrimitiveMapping, PrimitiveMappings } from './primitive-mapping.js';
import { reductionMappings } from './reduction-mappings.js';

/**
 * A custom autograd function (defineFunction, AutogradFunction) is refused by its name, as torch 1.13
 * refuses a Python autograd.Function without a symbolic: its backward is the user's, and its forward,
 * though traced op by op, is not what an exporter may assume the function means.
 */
const refuseCustomFunction: PrimitiveMapping = (context, _output, _inputs, params) => {
  throw context.error(
    String(params.name),
    'a custom autograd function has no ONNX form; export a module whose forward calls the ops of its forward instead',
  );
};

/**
 * Every op the tracer can map, by the name @dl/tensor reports. Primitives missing here (unfold, fold,
 * the transposed convolution and recurrence kernels, sliceScatter, backward-only kernels) fail the export
 * naming the op; the layers that run them are mapped whole (see ../modules).
 */
export const primitiveMappings: PrimitiveMappings = {
  customFunction: refuseCustomFunction,
  ...elementwiseMappings,
  ...reductionMappings,
  ...movementMappings,
  ...matmulMappings,
  ...indexingMappings,
  ...convolutionMappings,
};
