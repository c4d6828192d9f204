import { checkBoolean, checkChoice, checkOptions, describeValue, resolveDType, type DType } from '@dl/tensor';
import { checkUniform, compareCategories, type Category } from './categorical-input.js';
import type { InfrequentRule } from './infrequent-categories.js';

/** Options of {@link OneHotEncoder}, scikit-learn's keywords in camelCase. */
export interface OneHotEncoderOptions {
  /** 'auto' (the sorted distinct values of each column) or the categories of each column. Numbers must be sorted. */
  categories?: 'auto' | readonly (readonly Category[])[];
  /** null (keep all), 'first', 'if_binary' (the first of two-category columns) or one category per column. */
  drop?: 'first' | 'if_binary' | 'ifBinary' | readonly Category[] | null;
  /**
   * 'error' (default); 'ignore' encodes an unknown category as all zeros; 'infrequent_if_exist' encodes it
   * as the feature's infrequent group where it has one, else as all zeros.
   */
  handleUnknown?: 'error' | 'ignore' | 'infrequent_if_exist' | 'infrequentIfExist';
  /** dtype of the encoded tensor, float32 by default (scikit-learn's is float64). */
  dtype?: DType | 'float' | 'double' | 'half' | 'int';
  /** Only false: there are no sparse tensors (scikit-learn's default is a sparse matrix). */
  sparseOutput?: boolean;
  /**
   * Categories seen fewer times than this in fit are infrequent and share one output column: an integer
   * ≥ 1 is a count, a number in (0, 1) a fraction of the samples. null (default): none.
   */
  minFrequency?: number | null;
  /** At most this many output columns per feature (an integer ≥ 1), the infrequent group included. null (default): no limit. */
  maxCategories?: number | null;
}

/** Validated options: `drop` and `handleUnknown` in scikit-learn's spelling. */
export interface OneHotEncoderSettings {
  categories: 'auto' | Category[][];
  drop: 'first' | 'if_binary' | Category[] | null;
  handleUnknown: 'error' | 'ignore' | 'infrequent_if_exist';
  dtype: DType;
  infrequent: InfrequentRule;
}

const owner = 'OneHotEncoder';

/** Checks every option (an unknown key, value or type is an error) and fills in the defaults. */
export function readOneHotEncoderOptions(options: OneHotEncoderOptions): OneHotEncoderSettings {
  checkOptions(owner, options, ['categories', 'drop', 'handleUnknown', 'dtype', 'sparseOutput', 'minFrequency', 'maxCategories']);
  if (options.sparseOutput !== undefined && checkBoolean(owner, 'sparseOutput', options.sparseOutput))
    throw new Error(`${owner}: sparseOutput true is not supported: there are no sparse tensors; the encoder returns a dense tensor`);
  const handleUnknown = checkChoice(owner, 'handleUnknown', options.handleUnknown ?? 'error', {
    error: 'error',
    ignore: 'ignore',
    infrequent_if_exist: 'infrequent_if_exist',
    infrequentIfExist: 'infrequent_if_exist',
  });
  return {
    categories: readCategories(options.categories ?? 'auto'),
    drop: readDrop(options.drop ?? null),
    handleUnknown,
    dtype: options.dtype === undefined ? 'float32' : resolveDType(owner, options.dtype),
    infrequent: { minFrequency: readMinFrequency(options.minFrequency), maxCategories: readMaxCategories(options.maxCategories) },
  };
}

/** scikit-learn's constraint: an integer ≥ 1 (a count) or a real number strictly between 0 and 1 (a fraction). */
function readMinFrequency(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && ((Number.isInteger(value) && value >= 1) || (value > 0 && value < 1))) return value;
  throw new Error(
    `${owner}: minFrequency must be an integer ≥ 1 (a count) or a number in (0, 1) (a fraction of the samples), or null; got ${describeValue(value)}`,
  );
}

function readMaxCategories(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  throw new Error(`${owner}: maxCategories must be an integer ≥ 1 or null, got ${describeValue(value)}`);
}

function readCategories(categories: unknown): 'auto' | Category[][] {
  if (categories === 'auto') return 'auto';
  if (!Array.isArray(categories) || !categories.every((column) => Array.isArray(column)))
    throw new Error(`${owner}: categories must be 'auto' or an array of categories per column, got ${describeValue(categories)}`);
  return categories.map((column: unknown[], c) => {
    if (column.length === 0) throw new Error(`${owner}: categories[${c}] is empty; each column needs at least one category`);
    checkUniform(owner, column, `categories[${c}]`);
    const values = column as Category[];
    if (new Set(values).size !== values.length) throw new Error(`${owner}: categories[${c}] holds a category twice`);
    // scikit-learn keeps the given order, which for numbers must be the sorted one (NaN last)
    if (typeof values[0] === 'number' && values.some((value, i) => i > 0 && compareCategories(values[i - 1]!, value) > 0))
      throw new Error(`${owner}: Unsorted categories are not supported for numerical categories (categories[${c}])`);
    return [...values];
  });
}

function readDrop(drop: unknown): 'first' | 'if_binary' | Category[] | null {
  if (drop === null) return null;
  if (typeof drop === 'string')
    return checkChoice<'first' | 'if_binary'>(owner, 'drop', drop, { first: 'first', if_binary: 'if_binary', ifBinary: 'if_binary' });
  if (!Array.isArray(drop))
    throw new Error(`${owner}: drop must be null, 'first', 'if_binary' or an array of one category per column, got ${describeValue(drop)}`);
  drop.forEach((value: unknown, c) => {
    if (typeof value !== 'number' && typeof value !== 'string')
      throw new Error(`${owner}: drop[${c}] must be a category (a number or a string), got ${describeValue(value)}`);
  });
  return [...(drop as Category[])];
}
