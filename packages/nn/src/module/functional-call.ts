import { describeValue, isTensor, type Tensor } from '@dl/tensor';
import { isModule, type Module } from './module.js';
import { isBuffer, isParameter } from './parameter.js';

/** One substituted field: the module that owns it, its own name there and what it held before. */
interface Substitution {
  owner: Module;
  name: string;
  previous: PropertyDescriptor;
}

/**
 * The owner and field of the state-dict name `path` (`'0.weight'`: field `weight` of child `0`), when
 * that field is a parameter or a buffer, or a parametrized tensor (a property that computes it); an
 * error naming the module's parameters and buffers otherwise.
 */
function resolve(module: Module, path: string): { owner: Module; name: string } {
  const parts = path.split('.');
  const name = parts.pop()!;
  let owner: unknown = module;
  for (const part of parts) owner = isModule(owner) ? (owner as unknown as Record<string, unknown>)[part] : undefined;
  const descriptor = isModule(owner) ? Object.getOwnPropertyDescriptor(owner, name) : undefined;
  const isTensorField =
    descriptor !== undefined &&
    ('value' in descriptor ? isParameter(descriptor.value) || isBuffer(descriptor.value) : descriptor.get !== undefined);
  if (!isTensorField) {
    const known = [...module.namedParameters(), ...module.namedBuffers()].map(([key]) => key).join(', ');
    throw new Error(`functionalCall: ${module.constructor.name} has no parameter or buffer named '${path}' (it has: ${known || 'none'})`);
  }
  return { owner: owner as Module, name };
}

/**
 * Calls `module` with the tensors of `parametersAndBuffers` in place of its parameters and buffers of
 * the same state-dict names (torch 1.13's `torch.nn.utils.stateless.functional_call`, later
 * `torch.func.functional_call`): a name left out keeps the module's own tensor, and every field is
 * put back when the call returns or throws. The forward computes with the given tensors, so gradients
 * flow to them (meta-learning, per-example gradients, ensembles of one architecture). A name for a
 * parametrized tensor (`weight`) replaces its computed value; to parametrize the given tensor, pass
 * `parametrizations.weight.original`. `args` are the inputs of `module.call`: an array is spread into
 * the arguments (torch's tuple), anything else is the one argument (so a forward that takes one array
 * needs `[array]`). A name the module does not have is an error, and so is any argument after `args`:
 * torch's `kwargs` have no place here (a forward's options object goes last in `args`), nor do its
 * `tie_weights` and `strict`.
 * @example
 * const output = functionalCall(model, { '0.weight': fastWeight, '0.bias': fastBias }, [input]);
 */
export function functionalCall<M extends Module>(
  module: M,
  parametersAndBuffers: Record<string, Tensor> | Map<string, Tensor>,
  args: unknown,
  ...rest: never[]
): ReturnType<M['forward']> {
  if (!isModule(module)) throw new Error(`functionalCall: expected a Module, got ${describeValue(module)}`);
  if (rest.some((value) => value !== undefined))
    throw new Error(
      `functionalCall: takes (module, parametersAndBuffers, args), got ${3 + rest.length} arguments; torch's kwargs go into args (a forward's options object last), and tie_weights and strict are not supported`,
    );
  const isMap = parametersAndBuffers instanceof Map;
  if (!isMap && (typeof parametersAndBuffers !== 'object' || parametersAndBuffers === null))
    throw new Error(
      `functionalCall: parametersAndBuffers must be an object or a Map of name → tensor, got ${describeValue(parametersAndBuffers)}`,
    );
  const entries = isMap ? [...parametersAndBuffers.entries()] : Object.entries(parametersAndBuffers);
  // every name is checked before anything changes
  const targets = entries.map(([path, value]) => {
    if (!isTensor(value)) throw new Error(`functionalCall: the value for '${path}' must be a tensor, got ${describeValue(value)}`);
    return { ...resolve(module, path), value };
  });
  const substitutions: Substitution[] = [];
  try {
    for (const { owner, name, value } of targets) {
      substitutions.push({ owner, name, previous: Object.getOwnPropertyDescriptor(owner, name)! });
      // redefining the existing key keeps its place in the field order; not enumerable, so the
      // substitute is not mistaken for one of the module's parameters during the call
      Object.defineProperty(owner, name, { value, writable: true, enumerable: false, configurable: true });
    }
    const inputs = Array.isArray(args) ? args : [args];
    return (module.call as (...values: unknown[]) => ReturnType<M['forward']>).apply(module, inputs);
  } finally {
    // in reverse, so a name given twice (a tied tensor under two names) ends with the module's own
    for (const { owner, name, previous } of substitutions.reverse()) Object.defineProperty(owner, name, previous);
  }
}
