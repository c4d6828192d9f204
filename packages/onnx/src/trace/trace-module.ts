import { isTensor, noGrad, observeOperations, type Tensor } from '@dl/tensor';
import type { Module } from '@dl/nn';
import { GraphBuilder, type Dimension, type GraphValue } from '../graph/graph-builder.js';
import { moduleMappings } from '../modules/index.js';
import { markAveraged } from '../primitives/dynamic-counts.js';
import { primitiveMappings } from '../primitives/index.js';
import type { PrimitiveMapping } from '../primitives/primitive-mapping.js';
import { DynamicAxisConflict } from './dimensions.js';
import { trackInPlaceWrites } from './in-place-writes.js';
import type { TraceContext } from './trace-context.js';
import { tensorBytes } from './tensor-bytes.js';

export interface TraceSettings {
  opsetVersion: number;
  inputNames: string[];
  /** Per input name, axis → dynamic axis name. */
  dynamicAxes: Record<string, Record<number, string>>;
  doConstantFolding: boolean;
}

export interface TraceResult {
  builder: GraphBuilder;
  /** The values the module returned, flattened depth first. */
  outputs: GraphValue[];
}

/** Every tensor in a returned value (a tensor, or arrays and plain objects of them), depth first. */
export function collectTensors(value: unknown, into: Tensor[] = []): Tensor[] {
  if (isTensor(value)) into.push(value);
  else if (Array.isArray(value)) for (const item of value) collectTensors(item, into);
  else if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype)
    for (const item of Object.values(value)) collectTensors(item, into);
  return into;
}

/**
 * Runs `module` once on the example inputs in eval mode and records what it computes as an ONNX graph:
 * mapped layers become their ONNX operators, everything else is recorded primitive by primitive
 * through @dl/tensor's trace observer. Values computed only from constants are folded (read once)
 * when `doConstantFolding` is on.
 */
export function traceModule(module: Module, exampleInputs: readonly Tensor[], settings: TraceSettings): TraceResult {
  const builder = new GraphBuilder();
  const values = new Map<Tensor, GraphValue>();
  const derived = new Set<Tensor>(); // computed from the graph inputs
  const knownConstants = new Set<Tensor>(); // values the program chose (see TraceContext.isKnownConstant)
  const parameterNames = new Map<Tensor, string>();
  for (const [name, tensor] of module.namedParameters()) parameterNames.set(tensor, name);
  for (const [name, tensor] of module.namedBuffers()) parameterNames.set(tensor, name);
  const scopes: string[] = [''];
  let suppressed = 0;

  const isGraphValue = (tensor: Tensor) => values.has(tensor) || parameterNames.has(tensor);
  const context: TraceContext = {
    builder,
    opsetVersion: settings.opsetVersion,
    get scope() {
      return scopes[scopes.length - 1]!;
    },
    valueOf(tensor) {
      let value = writes.refreshed(tensor) ?? values.get(tensor);
      if (value) return value;
      const name = parameterNames.get(tensor);
      if (tensor.device !== 'cpu')
        throw context.error('export', `tensor ${name ?? ''} is on '${tensor.device}': move the model to 'cpu' first (model.to('cpu'))`);
      // reading it may run a copy (contiguous), which is no part of the graph
      suppressed++;
      try {
        value = builder.addInitializer(name ?? 'constant', tensor.dtype, tensor.shape, tensorBytes(tensor));
      } finally {
        suppressed--;
      }
      values.set(tensor, value);
      return value;
    },
    isTraced: (tensor) => derived.has(tensor),
    uniformScalar(tensor) {
      if (derived.has(tensor) || parameterNames.has(tensor) || tensor.device !== 'cpu' || tensor.numel() === 0) return undefined;
      const known = values.get(tensor);
      if (known && builder.isNodeOutput(known)) return undefined; // ops on parameters, kept as nodes
      suppressed++;
      try {
        const bytes = tensorBytes(tensor);
        const width = bytes.length / tensor.numel();
        for (let index = width; index < bytes.length; index++) if (bytes[index] !== bytes[index % width]) return undefined;
        return builder.addInitializer('constant', tensor.dtype, [], bytes.slice(0, width));
      } finally {
        suppressed--;
      }
    },
    isKnownConstant: (tensor) => knownConstants.has(tensor),
    bind(tensor, value) {
      values.set(tensor, value);
      derived.add(tensor);
      writes.bound(tensor);
    },
    node: (opType, inputs, outputs, attributes) => builder.addNode(opType, inputs, outputs, attributes, context.scope),
    node1: (opType, inputs, output, attributes) => builder.addNode(opType, inputs, [output], attributes, context.scope)[0]!,
    int64s: (numbers) => builder.int64Constant(numbers),
    error(operation, reason) {
      const where = context.scope
        ? `module '${context.scope}' (${moduleClasses.get(context.scope) ?? 'Module'})`
        : `the root module (${module.constructor.name})`;
      return new Error(`ONNX export: '${operation}' in ${where}: ${reason}`);
    },
  };

  /** The op's graph value; a dims conflict found by a mapping is reported under the op's name. */
  const mapTo = (mapping: PrimitiveMapping, operation: string, output: Tensor, inputs: readonly Tensor[], params: object) => {
    try {
      return mapping(context, output, inputs, params as Record<string, unknown>);
    } catch (error) {
      if (error instanceof DynamicAxisConflict) throw context.error(operation, error.message);
      throw error;
    }
  };

  /** One recorded op: mapped when it reads a graph value; folded into a constant otherwise. */
  const onOperation = (output: Tensor, operation: string, inputs: readonly Tensor[], params: object) => {
    if (suppressed > 0) return;
    // computed from known constants and numbers (0-d constants) alone: a known constant too
    if (inputs.length > 0 && inputs.every((input) => knownConstants.has(input) || (input.ndim === 0 && !derived.has(input))))
      if (inputs.some((input) => knownConstants.has(input))) knownConstants.add(output);
    const fromInputs = inputs.some((input) => derived.has(input));
    // parameters stay initializers under their state-dict names, so ops on them are kept as nodes
    if (settings.doConstantFolding && !inputs.some(isGraphValue)) return;
    const mapping = primitiveMappings[operation];
    if (!mapping) throw context.error(operation, 'has no ONNX mapping');
    const value = mapTo(mapping, operation, output, inputs, params);
    values.set(output, value);
    if (fromInputs) derived.add(output);
    writes.bound(output);
  };
  const writes = trackInPlaceWrites(context, { values, derived });

  // inputs
  exampleInputs.forEach((tensor, index) => {
    const name = settings.inputNames[index]!;
    const axes = settings.dynamicAxes[name] ?? {};
    const dims: Dimension[] = tensor.shape.map((extent, axis) => axes[axis] ?? extent);
    for (const axis of Object.keys(axes))
      if (!(Number(axis) >= 0 && Number(axis) < tensor.ndim))
        throw new Error(`ONNX export: dynamicAxes.${name} names axis ${axis}, but the input has ${tensor.ndim} axes`);
    const value = builder.addInput(name, tensor.dtype, dims);
    values.set(tensor, value);
    derived.add(tensor);
  });

  // every module's call goes through the tracer while it runs (own, non-enumerable properties, removed after)
  const moduleClasses = new Map<string, string>();
  const patched: Module[] = [];
  const trainingModes = new Map<Module, boolean>();
  for (const [path, child] of module.namedModules()) {
    moduleClasses.set(path, child.constructor.name);
    trainingModes.set(child, child.training);
    const original = child.call as (...args: unknown[]) => unknown;
    const mapping = moduleMappings.find((candidate) => candidate.matches(child));
    const traced = (...args: unknown[]) => {
      if (suppressed > 0) return original.apply(child, args);
      scopes.push(path);
      try {
        if (!mapping) return original.apply(child, args);
        suppressed++;
        let output: unknown;
        try {
          output = original.apply(child, args);
        } finally {
          suppressed--;
        }
        if (collectTensors(args).some(isGraphValue)) mapping.emit(context, child, args, output);
        return output;
      } finally {
        scopes.pop();
      }
    };
    Object.defineProperty(child, 'call', { value: traced, configurable: true, enumerable: false, writable: true });
    patched.push(child);
  }

  module.eval();
  let result: unknown;
  try {
    const observer = {
      primitive: onOperation,
      untraced: onOperation,
      // a mapped layer's own computation is no part of the graph, nor are its in-place writes
      inPlace: (target: Tensor, written: Tensor | null) => suppressed === 0 && writes.inPlace(target, written),
      relayout: (target: Tensor, view: Tensor) => suppressed === 0 && writes.relayout(target, view),
      constant: (tensor: Tensor) => knownConstants.add(tensor),
      // mean, var and std: the sum they divide next by its count, which a dynamic axis makes a run-time count
      averaging: markAveraged,
    };
    result = observeOperations(observer, () => noGrad(() => (module.call as (...args: unknown[]) => unknown)(...exampleInputs)));
  } finally {
    for (const child of patched) delete (child as unknown as Record<string, unknown>).call;
    for (const [child, training] of trainingModes) child.training = training;
  }

  const outputs = collectTensors(result).map((tensor) => {
    const value = writes.refreshed(tensor) ?? values.get(tensor);
    if (!value || !derived.has(tensor))
      throw new Error(`ONNX export: an output of ${module.constructor.name} does not depend on its inputs`);
    return value;
  });
  if (outputs.length === 0) throw new Error(`ONNX export: ${module.constructor.name}.forward returned no tensor`);
  return { builder, outputs };
}
