import { cat, composite, describeValue, isTensor, noGrad, scope, type Tensor } from '@dl/tensor';

/** The parameters as an array, after checking that they share one device (torch's _check_param_device). */
function onOneDevice(operation: string, parameters: Iterable<Tensor>): Tensor[] {
  if (typeof parameters !== 'object' || parameters === null || !(Symbol.iterator in parameters))
    throw new Error(`${operation}: parameters must be an iterable of tensors (model.parameters()), got ${describeValue(parameters)}`);
  const list = [...parameters];
  list.forEach((parameter, index) => {
    if (!isTensor(parameter)) throw new Error(`${operation}: parameter ${index} is not a Tensor but ${describeValue(parameter)}`);
    parameter.assertAlive(operation);
    if (parameter.device !== list[0]!.device)
      throw new Error(
        `${operation}: found two parameters on different devices ('${list[0]!.device}' and '${parameter.device}'), this is currently not supported`,
      );
  });
  return list;
}

/**
 * The parameters flattened and joined into one 1-D tensor, in iteration order (PyTorch's
 * `torch.nn.utils.parameters_to_vector`). Differentiable: gradients flow back to each parameter.
 * @example
 * const flat = parametersToVector(model.parameters()); // [total number of weights]
 */
export function parametersToVector(parameters: Iterable<Tensor>): Tensor {
  const list = onOneDevice('parametersToVector', parameters);
  if (list.length === 0) throw new Error('parametersToVector: expected at least one parameter, got none');
  return composite(() => cat(list.map((parameter) => parameter.reshape(-1))));
}

/**
 * Writes consecutive pieces of a 1-D vector into the parameters, each reshaped to the parameter's
 * shape, in iteration order (PyTorch's `torch.nn.utils.vector_to_parameters`). The values are copied
 * in place, outside the graph, so each parameter keeps its identity (and its optimizer state); torch
 * instead makes the parameters views of the vector. The vector's length must equal the parameters'
 * total size (torch ignores extra elements).
 * @example
 * vectorToParameters(parametersToVector(model.parameters()).mul(0.5), model.parameters());
 */
export function vectorToParameters(vector: Tensor, parameters: Iterable<Tensor>): void {
  if (!isTensor(vector)) throw new Error(`vectorToParameters: expected a Tensor, but got: ${describeValue(vector)}`);
  vector.assertAlive('vectorToParameters');
  if (vector.ndim !== 1) throw new Error(`vectorToParameters: expected a 1-D vector, got shape [${vector.shape.join(', ')}]`);
  const list = onOneDevice('vectorToParameters', parameters);
  if (list.length > 0 && vector.device !== list[0]!.device)
    throw new Error(
      `vectorToParameters: the vector is on '${vector.device}' and the parameters on '${list[0]!.device}'; move it with .to(device)`,
    );
  const total = list.reduce((count, parameter) => count + parameter.numel(), 0);
  if (vector.numel() !== total)
    throw new Error(`vectorToParameters: the vector has ${vector.numel()} elements but the parameters have ${total} in all`);
  noGrad(() =>
    scope(() => {
      let start = 0;
      for (const parameter of list) {
        parameter.copy_(vector.narrow(0, start, parameter.numel()).reshape([...parameter.shape]));
        start += parameter.numel();
      }
    }),
  );
}
