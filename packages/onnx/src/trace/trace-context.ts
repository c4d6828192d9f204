import type { Tensor } from '@dl/tensor';
import type { Attribute, GraphBuilder, GraphValue, OutputDescription } from '../graph/graph-builder.js';

/**
 * What an op mapping sees while a module is traced: the graph being built, the module path of the
 * running op, and the values that tensors stand for.
 */
export interface TraceContext {
  readonly builder: GraphBuilder;
  readonly opsetVersion: number;
  /** Dotted path of the module whose code is running ('' for the root). */
  readonly scope: string;
  /** The graph value of a tensor: a traced value, an initializer for a parameter, or a new constant. */
  valueOf(tensor: Tensor): GraphValue;
  /** Whether the tensor was computed from the graph inputs (not a constant or a parameter). */
  isTraced(tensor: Tensor): boolean;
  /**
   * Whether the tensor holds values the program chose (reported by @dl/tensor as a constant, such as
   * Tensor.at's index lists, or computed from such values and numbers alone): safe to bake into the model.
   */
  isKnownConstant(tensor: Tensor): boolean;
  /**
   * A 0-d constant holding the one value every element of `tensor` has, when `tensor` is a constant
   * (neither computed from the graph inputs nor a parameter or buffer) filled with a single value
   * (zeros(x.shape), a constant pad, a filled tensor); undefined otherwise.
   */
  uniformScalar(tensor: Tensor): GraphValue | undefined;
  /** Records that `tensor` is the value `value` from now on. */
  bind(tensor: Tensor, value: GraphValue): void;
  /** Adds a node under the current scope and returns its outputs. */
  node(opType: string, inputs: (GraphValue | null)[], outputs: OutputDescription[], attributes?: Record<string, Attribute>): GraphValue[];
  /** Adds a node with one output and returns it. */
  node1(opType: string, inputs: (GraphValue | null)[], output: OutputDescription, attributes?: Record<string, Attribute>): GraphValue;
  /** An int64 1-d constant (shapes, axes, slice bounds). */
  int64s(values: readonly (number | bigint)[]): GraphValue;
  /** An error naming the op and the module path being traced. */
  error(operation: string, reason: string): Error;
}
