import { getDefaultDtype } from './default-dtype.js';
import { describeValue } from './options.js';

/**
 * The element types a tensor can hold. float64 exists on the CPU (for gradcheck); bool is stored as
 * bytes. float16 is an opt-in storage type of the webgpu device (IEEE binary16 in memory, arithmetic in
 * float32); on the host its values travel as a Float32Array, since Node 20 has no Float16Array.
 */
export type DType = 'float16' | 'float32' | 'float64' | 'int32' | 'bool';

export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

/** The host array of each dtype (float16's values are widened to float32 on the host). */
export const typedArrayConstructors = {
  float16: Float32Array,
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  bool: Uint8Array,
} as const;

/** Bytes one element takes in a device's memory. */
const elementBytes: Record<DType, number> = { float16: 2, float32: 4, float64: 8, int32: 4, bool: 1 };

export function bytesPerElement(dtype: DType): number {
  return elementBytes[dtype];
}

export function isFloating(dtype: DType): boolean {
  return dtype === 'float16' || dtype === 'float32' || dtype === 'float64';
}

export function allocateTypedArray(dtype: DType, size: number): TypedArray {
  return new typedArrayConstructors[dtype](size);
}

/** dtype of a typed array given by a user (Uint8Array reads as bool only when asked; default int32 is wider). */
export function dtypeOfTypedArray(array: ArrayLike<number>): DType | undefined {
  if (array instanceof Float32Array) return 'float32';
  if (array instanceof Float64Array) return 'float64';
  if (array instanceof Int32Array) return 'int32';
  if (array instanceof Uint8Array) return 'bool';
  return undefined;
}

// PyTorch's promotion lattice restricted to our dtypes: bool < int32 < float16 < float32 < float64.
const rank: Record<DType, number> = { bool: 0, int32: 1, float16: 2, float32: 3, float64: 4 };

/**
 * Result dtype of a binary op between two tensors (PyTorch's `torch.result_type` for tensor operands).
 * Tensors of equal "category" take the wider type; a float meets an int or bool: the float wins.
 */
export function promoteTypes(a: DType, b: DType): DType {
  return rank[a] >= rank[b] ? a : b;
}

/** bool < integer < floating: the kinds of dtype torch's promotion compares before widths. */
function category(dtype: DType): number {
  return dtype === 'bool' ? 0 : dtype === 'int32' ? 1 : 2;
}

/**
 * Result dtype of a binary op between two tensors with `aRank` and `bRank` dims (torch's `result_type`): a 0-d
 * tensor beside a dimensioned one is weaker, as torch ranks them, and sets the dtype only when its
 * category is higher (a float32 [N] times a 0-d float64 is float32, an int32 [N] plus a 0-d float64
 * is float64); two dimensioned or two 0-d tensors promote as promoteTypes.
 * @example
 * promoteTensorTypes('float32', 1, 'float64', 0); // 'float32'
 */
export function promoteTensorTypes(a: DType, aRank: number, b: DType, bRank: number): DType {
  if ((aRank === 0) === (bRank === 0)) return promoteTypes(a, b);
  const [dimensioned, zeroDim] = aRank === 0 ? [b, a] : [a, b];
  return category(zeroDim) > category(dimensioned) ? zeroDim : dimensioned;
}

/**
 * promoteTensorTypes over several tensors (torch's `result_type` of a ternary op such as addcmul):
 * the dimensioned ones promote among themselves, the 0-d ones among themselves, and the 0-d result
 * wins only with a higher category.
 * @example
 * resultTypeOf([{ dtype: 'float32', ndim: 1 }, { dtype: 'float32', ndim: 1 }, { dtype: 'float64', ndim: 0 }]); // 'float32'
 */
export function resultTypeOf(tensors: readonly { readonly dtype: DType; readonly ndim: number }[]): DType {
  let dimensioned: DType | undefined;
  let zeroDim: DType | undefined;
  for (const { dtype, ndim } of tensors) {
    if (ndim === 0) zeroDim = zeroDim === undefined ? dtype : promoteTypes(zeroDim, dtype);
    else dimensioned = dimensioned === undefined ? dtype : promoteTypes(dimensioned, dtype);
  }
  if (dimensioned === undefined || zeroDim === undefined) return (dimensioned ?? zeroDim)!;
  return promoteTensorTypes(dimensioned, 1, zeroDim, 0);
}

/**
 * Result dtype of a tensor with a JavaScript number (PyTorch treats Python scalars as "weak"):
 * the scalar only changes the category (an int32 tensor times 0.5 is float32, never float64).
 */
export function promoteWithScalar(tensorType: DType, scalar: number | boolean): DType {
  if (typeof scalar === 'boolean') return tensorType;
  if (isFloating(tensorType)) return tensorType;
  if (!Number.isInteger(scalar)) return getDefaultDtype();
  return tensorType === 'bool' ? 'int32' : tensorType;
}

/** The float type produced when ints must become floats (true division, mean, sqrt of an int tensor): the default dtype. */
export function floatTypeFor(dtype: DType): DType {
  return isFloating(dtype) ? dtype : getDefaultDtype();
}

/** Every dtype, for messages. */
export const dtypeNames: readonly DType[] = ['float32', 'float64', 'int32', 'bool', 'float16'];

/** PyTorch's names of the dtypes we have. */
const dtypeAliases: Record<string, DType> = {
  float32: 'float32',
  float: 'float32',
  float64: 'float64',
  double: 'float64',
  float16: 'float16',
  half: 'float16',
  int32: 'int32',
  int: 'int32',
  bool: 'bool',
};

/**
 * A dtype as a user (or PyTorch habit) spells it: ours, or torch's `'float'`, `'double'`, `'half'`,
 * `'int'`. `'int64'`/`'long'`, `'bfloat16'` and anything else throw, naming the supported dtypes, instead of
 * an engine error later.
 * @example
 * resolveDType('zeros', 'double'); // 'float64'
 * resolveDType('zeros', 'long');   // Error: zeros: dtype 'long' is not supported; …
 */
export function resolveDType(owner: string, dtype: unknown): DType {
  if (typeof dtype === 'string' && Object.prototype.hasOwnProperty.call(dtypeAliases, dtype)) return dtypeAliases[dtype]!;
  const hint =
    dtype === 'int64' || dtype === 'long' ? " (class indices and other integers are 'int32' here, where PyTorch uses int64)" : '';
  const shown = describeValue(dtype);
  throw new Error(`${owner}: dtype ${shown} is not supported; the supported dtypes are ${dtypeNames.join(', ')}${hint}`);
}
