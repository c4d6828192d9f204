import { ELU, LeakyReLU, LogSoftmax, ReLU, Sigmoid, Softmax, Tanh } from '@dl/nn';
import { float } from '../graph/graph-builder.js';
import { normalizeAlongAxis } from '../trace/zero-dimensional.js';
import type { ModuleMapping } from './module-mapping.js';
import { singleTensorMapping } from './module-mapping.js';

/** An activation with one ONNX operator; the others (GELU, SiLU, Softplus) are traced primitive by primitive. */
function activation<M extends ReLU | Sigmoid | Tanh>(moduleClass: new (...args: never[]) => M, operator: string): ModuleMapping {
  return singleTensorMapping(moduleClass, (context, _module, input, output) => {
    const x = context.valueOf(input);
    context.bind(output, context.node1(operator, [x], { type: output.dtype, dims: x.dims }));
  });
}

export const activationMappings: ModuleMapping[] = [
  activation(ReLU, 'Relu'),
  activation(Sigmoid, 'Sigmoid'),
  activation(Tanh, 'Tanh'),
  singleTensorMapping(LeakyReLU, (context, module, input, output) => {
    const x = context.valueOf(input);
    context.bind(output, context.node1('LeakyRelu', [x], { type: output.dtype, dims: x.dims }, { alpha: float(module.negativeSlope) }));
  }),
  singleTensorMapping(ELU, (context, module, input, output) => {
    const x = context.valueOf(input);
    context.bind(output, context.node1('Elu', [x], { type: output.dtype, dims: x.dims }, { alpha: float(module.alpha) }));
  }),
  // opset 13's Softmax and LogSoftmax normalize along one axis, as PyTorch's (a 0-d input as a vector of one)
  singleTensorMapping(Softmax, (context, module, input, output) => {
    context.bind(output, normalizeAlongAxis(context, 'Softmax', context.valueOf(input), module.dim, output.dtype));
  }),
  singleTensorMapping(LogSoftmax, (context, module, input, output) => {
    context.bind(output, normalizeAlongAxis(context, 'LogSoftmax', context.valueOf(input), module.dim, output.dtype));
  }),
];
