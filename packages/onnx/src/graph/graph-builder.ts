import type { DType } from '@dl/tensor';

/** A dimension: a fixed extent, a named dynamic axis ('batch'), or null for a dynamic axis without a name. */
export type Dimension = number | string | null;

/** The element types a graph value can have: @dl's dtypes and ONNX's int64 (shapes, axes). */
export type ValueType = DType | 'int64';

/** One named value of the graph: a graph input, an initializer or a node output. */
export interface GraphValue {
  name: string;
  type: ValueType;
  dims: Dimension[];
}

/** An attribute value, tagged with its ONNX attribute type. */
export type Attribute =
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'ints'; value: readonly number[] }
  | { kind: 'floats'; value: readonly number[] }
  | { kind: 'string'; value: string }
  | { kind: 'strings'; value: readonly string[] };

export const int = (value: number): Attribute => ({ kind: 'int', value });
export const float = (value: number): Attribute => ({ kind: 'float', value });
export const ints = (value: readonly number[]): Attribute => ({ kind: 'ints', value });
export const floats = (value: readonly number[]): Attribute => ({ kind: 'floats', value });
export const string = (value: string): Attribute => ({ kind: 'string', value });

export interface GraphNode {
  opType: string;
  name: string;
  /** '' marks an omitted optional input (ONNX's empty name). */
  inputs: (GraphValue | null)[];
  outputs: GraphValue[];
  attributes: Record<string, Attribute>;
}

export interface Initializer {
  value: GraphValue;
  /** Little-endian bytes of the elements (TensorProto.raw_data). */
  bytes: Uint8Array;
}

/** The output of `addNode`: its type and dims, given by the op mapping. */
export interface OutputDescription {
  type: ValueType;
  dims: Dimension[];
}

/**
 * Collects nodes, initializers and graph inputs with unique names, in the order they are added
 * (which is a topological order: a node is added after the nodes that produce its inputs).
 */
export class GraphBuilder {
  readonly nodes: GraphNode[] = [];
  readonly initializers: Initializer[] = [];
  readonly inputs: GraphValue[] = [];
  private readonly usedNames = new Set<string>();
  private readonly counters = new Map<string, number>();

  /** `base`, or `base_1`, `base_2`... when taken. */
  uniqueName(base: string): string {
    let name = base;
    let count = this.counters.get(base) ?? 0;
    while (this.usedNames.has(name)) name = `${base}_${++count}`;
    this.counters.set(base, count);
    this.usedNames.add(name);
    return name;
  }

  addInput(name: string, type: ValueType, dims: Dimension[]): GraphValue {
    if (this.usedNames.has(name)) throw new Error(`ONNX export: the name "${name}" is used twice (input and output names must be unique)`);
    const value = { name: this.uniqueName(name), type, dims };
    this.inputs.push(value);
    return value;
  }

  /** An initializer named `name` exactly (a state-dict name) or a fresh name derived from it. */
  addInitializer(name: string, type: ValueType, dims: readonly number[], bytes: Uint8Array): GraphValue {
    const value: GraphValue = { name: this.uniqueName(name), type, dims: [...dims] };
    this.initializers.push({ value, bytes });
    return value;
  }

  /** An int64 1-d constant (shapes, axes, slice bounds). */
  int64Constant(values: readonly (number | bigint)[], name = 'constant'): GraphValue {
    const array = BigInt64Array.from(values, (value) => BigInt(value));
    return this.addInitializer(name, 'int64', [values.length], new Uint8Array(array.buffer));
  }

  /** A float32 or float64 scalar (0-d) or vector constant. */
  floatConstant(values: readonly number[], type: 'float32' | 'float64', dims: readonly number[], name = 'constant'): GraphValue {
    const array = type === 'float32' ? Float32Array.from(values) : Float64Array.from(values);
    return this.addInitializer(name, type, dims, new Uint8Array(array.buffer));
  }

  /**
   * Appends a node; `scope` is the module path ('layer1.0.conv1'), which prefixes node and value names
   * as torch.onnx does ('/layer1.0.conv1/Conv'). Returns the outputs.
   */
  addNode(
    opType: string,
    inputs: (GraphValue | null)[],
    outputs: OutputDescription[],
    attributes: Record<string, Attribute> = {},
    scope = '',
  ): GraphValue[] {
    const prefix = scope ? `/${scope}/` : '/';
    const name = this.uniqueName(`${prefix}${opType}`);
    const values = outputs.map((output, index) => ({
      name: this.uniqueName(`${name}_output_${index}`),
      type: output.type,
      dims: output.dims,
    }));
    this.nodes.push({ opType, name, inputs, outputs: values, attributes });
    return values;
  }

  /** Renames a node output (a graph output takes the user's name). */
  rename(value: GraphValue, name: string): void {
    if (this.usedNames.has(name)) throw new Error(`ONNX export: the name "${name}" is used twice (input and output names must be unique)`);
    this.usedNames.delete(value.name);
    this.usedNames.add(name);
    value.name = name;
  }

  /** Whether `value` is produced by a node (rather than being a graph input or an initializer). */
  isNodeOutput(value: GraphValue): boolean {
    return this.nodes.some((node) => node.outputs.includes(value));
  }
}
