import { isTensor } from '../core/brand.js';
import { isFloating, type DType } from '../core/dtype.js';
import { releaseUnreturned, trackCreated } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { isGradEnabled, noGrad } from './grad-mode.js';
import { describeValue, isPlainObject, refuseArgumentsPast } from '../core/options.js';
import { Node, type Edge } from './node.js';
import { traceObserver } from './trace-observer.js';

/**
 * What a custom function's backward returns: one entry per forward argument (null where there is no
 * gradient); a lone tensor stands for a one-entry array.
 * @example
 * backward: (context, gradient) => [gradient.mul(context.factor), null] // forward(context, x, factor)
 */
export type FunctionGradients = Tensor | null | readonly (Tensor | null | undefined)[];

/**
 * The `context` a custom function's forward and backward share (torch's `ctx`). Store plain values
 * on it as fields (`context.lambda = 0.5`); save tensors with `saveForBackward`, which checks that
 * they are not modified in place before the backward pass and frees them with the graph. A tensor
 * stored as a field is saved the same way (the field then holds autograd's handle on it).
 * @example
 * const Exp = defineFunction({
 *   forward(context, x: Tensor) {
 *     const y = x.exp();
 *     context.saveForBackward(y);
 *     return y;
 *   },
 *   backward(context, gradient: Tensor) {
 *     const [y] = context.savedTensors;
 *     return [gradient.mul(y!)];
 *   },
 * });
 */
export class FunctionContext {
  /** Per forward argument: whether it is a tensor whose gradient the graph needs (torch's needs_input_grad). */
  readonly needsInputGrad: readonly boolean[];
  /** Internal: what forward passed to saveForBackward (null for null entries). */
  toSave: readonly (Tensor | null)[] = [];
  /** Internal: forward's outputs marked non-differentiable. */
  nonDifferentiable: readonly Tensor[] = [];
  /** Internal: set while the forward runs (saveForBackward is refused elsewhere). */
  inForward = false;
  /** Internal: autograd's handles on the saved tensors (released with the graph). */
  saved: readonly (Tensor | undefined)[] = [];

  constructor(needsInputGrad: boolean[]) {
    this.needsInputGrad = needsInputGrad;
  }

  /** Saves tensors (inputs, the output, or tensors the forward made) for the backward; null entries are kept as null. */
  saveForBackward(...tensors: (Tensor | null | undefined)[]): void {
    if (!this.inForward) throw new Error('saveForBackward: call it from the forward of a custom function, and only there');
    tensors.forEach((tensor, index) => {
      if (tensor != null && !isTensor(tensor))
        throw new Error(`saveForBackward can only save tensors, but argument ${index} is of type ${typeof tensor}`);
    });
    this.toSave = tensors.map((tensor) => tensor ?? null);
  }

  /** The tensors the forward saved, in order (read them in the backward). */
  get savedTensors(): (Tensor | null)[] {
    return this.saved.map((tensor) => tensor ?? null);
  }

  /** Marks outputs that have no gradient (an index, a mask): they do not require grad, and no graph is recorded for them. */
  markNonDifferentiable(...tensors: Tensor[]): void {
    this.nonDifferentiable = tensors;
  }
}

/**
 * The forward and backward of a custom differentiable operation (torch.autograd.Function), given to
 * `defineFunction` (see its example). The
 * forward runs without recording a graph and returns one tensor; the backward receives the output's
 * gradient and returns one entry per forward argument: a gradient of the argument's shape (or one that
 * broadcasts from it, which is summed back) or null, and null for arguments that are not tensors.
 * Written with tensor ops, the backward is differentiable in turn (`grad(..., { createGraph: true })`).
 * @example
 * const definition: FunctionDefinition<[Tensor]> = {
 *   name: 'Square',
 *   forward(context, x) { context.saveForBackward(x); return x.square(); },
 *   backward(context, gradient) { const [x] = context.savedTensors; return [gradient.mul(x!).mul(2)]; },
 * };
 */
export interface FunctionDefinition<Arguments extends unknown[], State extends object = object> {
  /** The name of the function, which its graph node and its errors report as `${name}Backward`. Default 'CustomFunction'. */
  name?: string;
  /**
   * The backward is not differentiable (it reads values, calls other libraries): it runs without
   * recording, and differentiating its gradients again throws instead of giving wrong numbers
   * (torch's once_differentiable). Default false.
   */
  onceDifferentiable?: boolean;
  /** Computes the output from the arguments (required). */
  forward(context: FunctionContext & State, ...args: Arguments): Tensor;
  /** The gradients of the arguments from the output's gradient (required). */
  backward(context: FunctionContext & State, gradient: Tensor): FunctionGradients;
}

/**
 * A defined custom function: `apply` runs it and records it in the graph.
 * @example
 * const Double = defineFunction({ forward: (context, x: Tensor) => x.mul(2), backward: (context, g) => [g.mul(2)] });
 * Double.apply(x); // 2x, with gradient 2g
 */
export interface CustomFunction<Arguments extends unknown[]> {
  readonly name: string;
  /** Runs the forward on `args` and, when a tensor argument requires grad, attaches the backward to the output. */
  apply(...args: Arguments): Tensor;
}

/**
 * What the graph node of one application keeps (the rule in custom-function-rule.ts reads it); an
 * exporter's trace observer receives it as the `customFunction` primitive's params.
 * @example
 * observeOperations({ primitive: (output, name, inputs, params) => name === 'customFunction' && console.log((params as CustomFunctionParams).name), untraced: () => {} }, run);
 */
export interface CustomFunctionParams {
  name: string;
  backward: (context: FunctionContext, gradient: Tensor) => FunctionGradients;
  onceDifferentiable: boolean;
  context: FunctionContext;
  /** Per forward argument: its position among the tensor arguments (the node's inputs), or −1. */
  tensorIndexOf: number[];
  /** Per tensor argument: its device, which its gradient must be on. */
  devices: string[];
}

/** A custom function's node: the same as a primitive's, named after the function as torch names it. */
class FunctionNode extends Node {
  override get name(): string {
    return `${this.functionName}Backward`;
  }
  functionName = '';
}

/**
 * Defines a custom differentiable operation from its forward and backward (torch.autograd.Function):
 * a gradient-reversal layer, a straight-through estimator, an op with a hand-written or numerically
 * better backward. Several outputs are not supported (a graph node has one output): define one
 * function per output. An in-place forward (torch's mark_dirty) is not supported: return a new tensor.
 * @example
 * const GradientReversal = defineFunction({
 *   name: 'GradientReversal',
 *   forward(context: FunctionContext & { lambda: number }, x: Tensor, lambda: number) {
 *     context.lambda = lambda;
 *     return x.clone();
 *   },
 *   backward: (context, gradient) => [gradient.neg().mul(context.lambda), null],
 * });
 * const y = GradientReversal.apply(x, 0.5); // forward: y = x; backward: −0.5·g
 */
export function defineFunction<Arguments extends unknown[], State extends object = object>(
  definition: FunctionDefinition<Arguments, State>,
): CustomFunction<Arguments> {
  if (arguments.length > 1) refuseArgumentsPast('defineFunction', ['definition'], arguments);
  if (!isPlainObject(definition))
    throw new Error(`defineFunction: expects a definition { forward, backward }, got ${describeValue(definition)}`);
  const name = definition.name ?? 'CustomFunction';
  const forward = definition.forward as (context: FunctionContext, ...args: unknown[]) => Tensor;
  const backward = definition.backward as CustomFunctionParams['backward'];
  const onceDifferentiable = definition.onceDifferentiable ?? false;
  if (typeof forward !== 'function' || typeof backward !== 'function')
    throw new Error(`defineFunction: ${name} needs a forward and a backward function`);
  return { name, apply: (...args: Arguments) => applyFunction(name, forward, backward, onceDifferentiable, args, false) };
}

/**
 * The argument list of a custom function class's static forward, after the context: what its `apply` takes.
 * @example
 * type Arguments = ForwardArguments<typeof Cube>; // [x: Tensor]
 */
export type ForwardArguments<F> = F extends { forward(context: never, ...args: infer A): Tensor } ? A : never;

/**
 * torch's class form of a custom function: extend it with a static `forward(context, ...args)` and a
 * static `backward(context, gradient)`, then call `apply`. The graph node is named after the class
 * (`CubeBackward`); a static `onceDifferentiable = true` marks a backward that is not differentiable.
 * @example
 * class Cube extends AutogradFunction {
 *   static forward(context: FunctionContext, x: Tensor) {
 *     context.saveForBackward(x);
 *     return x.pow(3);
 *   }
 *   static backward(context: FunctionContext, gradient: Tensor) {
 *     const [x] = context.savedTensors;
 *     return [gradient.mul(x!.square()).mul(3)]; // d x³ = 3x² dx
 *   }
 * }
 * Cube.apply(x).sum().backward();
 */
// biome-ignore lint/complexity/noStaticOnlyClass: torch's form, a class of static methods that users extend
export class AutogradFunction {
  /** Set to true on a subclass whose backward is not differentiable (torch's once_differentiable). Default false. */
  static onceDifferentiable = false;

  /** Runs the subclass's static forward and records its static backward in the graph. */
  static apply<F extends { forward(context: never, ...args: never[]): Tensor }>(this: F, ...args: ForwardArguments<F>): Tensor {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the user's subclass, whose forward and backward run
    const definition = this as unknown as {
      name: string;
      onceDifferentiable: boolean;
      forward?: (context: FunctionContext, ...args: unknown[]) => Tensor;
      backward?: CustomFunctionParams['backward'];
    };
    const { forward, backward } = definition;
    if (typeof forward !== 'function' || typeof backward !== 'function')
      throw new Error(`${definition.name}.apply: define static forward(context, ...args) and backward(context, gradient) on the class`);
    return applyFunction(
      definition.name,
      forward.bind(definition),
      backward.bind(definition),
      definition.onceDifferentiable,
      args as unknown[],
      false,
    );
  }
}

/**
 * Runs `forward` without a graph, then makes its output the output of one node whose inputs are the
 * tensor arguments. `force` records the node even when no argument requires grad (onceDifferentiable's
 * guard node). The tensors the forward made and neither returned, saved nor stored on the context are
 * released when this returns, as an op's intermediates are.
 */
export function applyFunction(
  name: string,
  forward: (context: FunctionContext, ...args: unknown[]) => Tensor,
  backward: CustomFunctionParams['backward'],
  onceDifferentiable: boolean,
  args: readonly unknown[],
  force: boolean,
): Tensor {
  const tensorIndexOf: number[] = [];
  const inputs: Tensor[] = [];
  for (const argument of args) {
    tensorIndexOf.push(isTensor(argument) ? inputs.length : -1);
    if (isTensor(argument)) inputs.push(argument);
  }
  const recording = isGradEnabled() && (force || inputs.some((input) => input.requiresGrad));
  const context = new FunctionContext(args.map((argument) => recording && isTensor(argument) && argument.requiresGrad));
  context.inForward = true;
  let result: unknown;
  let created: Set<Tensor>;
  try {
    [result, created] = trackCreated(() => noGrad(() => forward(context, ...args)));
  } finally {
    context.inForward = false;
  }
  if (!isTensor(result)) {
    const got = Array.isArray(result) ? `${result.length} values` : typeof result;
    throw new Error(
      `${name}.apply: forward must return one tensor (got ${got}); a custom function has one output, as a graph node does: define one function per output`,
    );
  }
  // an input or outside tensor returned as it is becomes a new handle on its storage (torch's view_as)
  const output = created.has(result) && result.isLeaf && !result.requiresGrad ? result : result.detach();
  output.origin = 'customFunction';
  const params: CustomFunctionParams = {
    name,
    backward,
    onceDifferentiable,
    context,
    tensorIndexOf,
    devices: inputs.map((input) => input.device),
  };
  traceObserver()?.primitive(output, 'customFunction', inputs, params);
  const differentiable = isFloating(output.dtype) && !context.nonDifferentiable.includes(result);
  if (recording && differentiable) attachNode(output, inputs, params);
  releaseUnreturned(created, output, 'the end of the custom function that made it (an intermediate it did not return)');
  return output;
}

function attachNode(output: Tensor, inputs: Tensor[], params: CustomFunctionParams): void {
  const count = inputs.length;
  const edges = new Array<Edge>(count);
  const shapes = new Array<readonly number[]>(count);
  const dtypes = new Array<DType>(count);
  for (let index = 0; index < count; index++) {
    const input = inputs[index]!;
    edges[index] = input.requiresGrad ? (input.gradFn ?? input.gradientTarget) : null;
    shapes[index] = input.shape;
    dtypes[index] = input.dtype;
  }
  const node = new FunctionNode('customFunction', params, edges, shapes, dtypes, [], [], output.shape, output.dtype, undefined, 0);
  node.functionName = params.name;
  node.output = output;
  output.attachGradFn(node);
  // aliased after the node is attached, so a saved output carries it (for its gradient's own graph)
  const context = params.context;
  const saved: (Tensor | undefined)[] = context.toSave.map((tensor) => tensor?.alias());
  context.saved = saved.slice();
  context.toSave = [];
  const fields = context as unknown as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (isTensor(value)) saved.push((fields[key] = value.alias()));
  }
  node.savedInputs = saved;
  node.savedVersions = saved.map((tensor) => tensor?.storage.version ?? 0);
}
