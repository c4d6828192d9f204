import { isTensor, type Tensor } from '@dl/tensor';
import { check } from './metric-error.js';

/** Nested arrays of numbers (or booleans), like `tensor()` accepts. */
export type NestedNumbers = number | boolean | readonly NestedNumbers[];

/** What every metric accepts: a tensor on any device, a typed array, or (nested) plain arrays. */
export type MetricInput = Tensor | ArrayLike<number> | NestedNumbers;

/** Values read into float64, row-major, with their shape. */
export interface HostArray {
  readonly values: Float64Array;
  readonly shape: readonly number[];
}

/**
 * Reads a metric input on the host. Tensors are read with `await x.data()`, so any device works;
 * this is the only await in the package, which is why functional metrics and `update` are async.
 */
export async function readInput(input: MetricInput, metric: string, name: string): Promise<HostArray> {
  if (isTensor(input)) return { values: Float64Array.from(await input.data()), shape: [...input.shape] };
  return readHostInput(input, metric, name);
}

/** The synchronous part of readInput: plain arrays and typed arrays. */
export function readHostInput(input: Exclude<MetricInput, Tensor>, metric: string, name: string): HostArray {
  if (typeof input === 'number' || typeof input === 'boolean') return { values: Float64Array.of(Number(input)), shape: [] };
  if (ArrayBuffer.isView(input))
    return { values: Float64Array.from(input as ArrayLike<number>), shape: [(input as ArrayLike<number>).length] };
  const shape = shapeOf(input as readonly NestedNumbers[]);
  const values = new Float64Array(shape.reduce((product, size) => product * size, 1));
  let cursor = 0;
  const visit = (node: NestedNumbers, depth: number): void => {
    if (depth === shape.length) {
      check(typeof node === 'number' || typeof node === 'boolean', metric, `${name} is a ragged nested array`);
      values[cursor++] = Number(node);
      return;
    }
    check(Array.isArray(node) && node.length === shape[depth], metric, `${name} is a ragged nested array`);
    for (const child of node as readonly NestedNumbers[]) visit(child, depth + 1);
  };
  visit(input as NestedNumbers, 0);
  return { values, shape };
}

function shapeOf(input: readonly NestedNumbers[]): number[] {
  const shape: number[] = [];
  let node: NestedNumbers = input;
  while (Array.isArray(node)) {
    shape.push(node.length);
    if (node.length === 0) break;
    node = (node as readonly NestedNumbers[])[0]!;
  }
  return shape;
}

/** Reads an input that must be one-dimensional (a scalar counts as one value). */
export async function readVector(input: MetricInput, metric: string, name: string): Promise<Float64Array> {
  const { values, shape } = await readInput(input, metric, name);
  check(shape.length <= 1, metric, `${name} must be one-dimensional, got shape [${shape.join(', ')}]`);
  return values;
}

/** Reads an input that must be a matrix `[rows, columns]`. */
export async function readMatrix(input: MetricInput, metric: string, name: string): Promise<Matrix> {
  const { values, shape } = await readInput(input, metric, name);
  check(shape.length === 2, metric, `${name} must be two-dimensional [rows, columns], got shape [${shape.join(', ')}]`);
  return { values, rows: shape[0]!, columns: shape[1]! };
}

/** A row-major float64 matrix. */
export interface Matrix {
  readonly values: Float64Array;
  readonly rows: number;
  readonly columns: number;
}
