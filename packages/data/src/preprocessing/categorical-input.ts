import { describeValue, isTensor, pythonNumber, type Tensor } from '@dl/tensor';
import { pythonStringRepr } from './python-format.js';

/** One categorical value: a number (NaN is a category of its own) or a string. */
export type Category = number | string;

/** Categorical input: a 2-d tensor [n, features] of numbers, or rows of numbers and strings. */
export type CategoricalInput = Tensor | readonly (readonly Category[])[];

/** One input column, with how Python would print its numbers. */
export interface CategoricalColumn {
  values: Category[];
  /**
   * Numbers print as floats ("1.0"): true for a float tensor and for all-number rows holding a
   * fraction or NaN (NumPy makes such an array float64); otherwise integers print as integers ("1").
   */
  floats: boolean;
}

/** The columns of `input`; throws unless it is a 2-d table whose every column is all numbers or all strings. */
export function readCategoricalColumns(operation: string, input: CategoricalInput): { columns: CategoricalColumn[]; rows: number } {
  if (isTensor(input)) {
    if (input.ndim !== 2)
      throw new Error(
        `${operation}: expected a 2D array, got ${input.ndim}D array of shape [${input.shape.join(', ')}]; reshape a single feature to [n, 1]`,
      );
    const [rows, features] = input.shape as [number, number];
    const data = input.dataSync();
    const floats = input.dtype !== 'int32' && input.dtype !== 'bool';
    const columns = Array.from({ length: features }, (_, c) => ({
      values: Array.from({ length: rows }, (_, r) => data[r * features + c]!),
      floats,
    }));
    columns.forEach((column, c) => checkFinite(operation, column.values, c));
    return { columns, rows };
  }
  if (!Array.isArray(input) || !input.every((row) => Array.isArray(row)))
    throw new Error(
      `${operation}: expected a 2D tensor or an array of rows, got ${describeValue(input)}; reshape a single feature to [n, 1]`,
    );
  const rows = input.length;
  const features = rows > 0 ? input[0]!.length : 0;
  input.forEach((row, r) => {
    if (row.length !== features) throw new Error(`${operation}: row ${r} has ${row.length} values, expected ${features} as row 0`);
  });
  const columns = Array.from({ length: features }, (_, c) => input.map((row) => row[c]!));
  columns.forEach((values, c) => {
    checkUniform(operation, values, `column ${c}`);
    checkFinite(operation, values, c);
  });
  // NumPy reads all-number rows as one array, float64 as soon as one value is not an integer
  const allNumbers = columns.every((values) => values.every((value) => typeof value === 'number'));
  const floats = allNumbers && columns.some((values) => values.some((value) => !Number.isInteger(value)));
  return { columns: columns.map((values) => ({ values, floats })), rows };
}

/** Throws unless every value is a number or every value is a string (scikit-learn's encoders refuse a mix). */
export function checkUniform(operation: string, values: readonly unknown[], where: string): void {
  const kinds = new Set(values.map((value) => typeof value));
  for (const [index, value] of values.entries())
    if (typeof value !== 'number' && typeof value !== 'string')
      throw new Error(`${operation}: categories are numbers or strings, got ${describeValue(value)} at index ${index} of ${where}`);
  if (kinds.size > 1)
    throw new Error(
      `${operation}: Encoders require their input argument must be uniformly strings or numbers; ${where} mixes ${[...kinds].sort().join(' and ')}`,
    );
}

/** NaN is a category; infinities are refused, as scikit-learn's check_array(force_all_finite='allow-nan'). */
function checkFinite(operation: string, values: readonly Category[], column: number): void {
  if (values.some((value) => value === Infinity || value === -Infinity))
    throw new Error(`${operation}: input contains infinity in column ${column}`);
}

/**
 * Orders categories as `numpy.unique`: numbers ascending with NaN last, strings by code point (Python's
 * string order, which JavaScript's `<` on UTF-16 units differs from beyond the basic plane).
 */
export function compareCategories(a: Category, b: Category): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number(Number.isNaN(a)) - Number(Number.isNaN(b));
    return a - b;
  }
  const left = String(a);
  const right = String(b);
  for (let i = 0, j = 0; i < left.length && j < right.length; ) {
    const x = left.codePointAt(i)!;
    const y = right.codePointAt(j)!;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return [...left].length - [...right].length;
}

/** Distinct values, sorted by `compareCategories` (a Set keeps one NaN: it compares NaN equal to itself). */
export function uniqueCategories(values: readonly Category[]): Category[] {
  return [...new Set(values)].sort(compareCategories);
}

/** A category as Python's `str` writes it, for feature names. */
export function categoryName(value: Category, floats: boolean): string {
  return typeof value === 'string' ? value : pythonNumber(value, floats);
}

/** A list of categories as Python prints it in scikit-learn's messages: ['a', 'b'] or [1.0, 2.0]. */
export function categoryList(values: readonly Category[], floats: boolean): string {
  return `[${values.map((value) => (typeof value === 'string' ? pythonStringRepr(value) : pythonNumber(value, floats))).join(', ')}]`;
}
