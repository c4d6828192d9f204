import { isTensor, tensor, type Tensor } from '@dl/tensor';
import {
  categoryList,
  categoryName,
  readCategoricalColumns,
  uniqueCategories,
  type CategoricalInput,
  type Category,
} from './categorical-input.js';
import { readMatrix } from './matrix.js';
import { readOneHotEncoderOptions, type OneHotEncoderOptions, type OneHotEncoderSettings } from './one-hot-encoder-options.js';

/**
 * Encodes each categorical column as one-hot columns (scikit-learn's `OneHotEncoder`, dense output):
 * a column with categories c₀ < c₁ < … < c_{k−1} becomes k columns (k − 1 when one is dropped), with a
 * 1 in the column of the row's category. Strings and numbers are categories; so is NaN.
 *
 * The output is float32 unless `dtype` says otherwise (scikit-learn's default is float64; float32 is
 * what a model takes, as for `oneHot`). An unknown category in transform throws with
 * `handleUnknown: 'error'` and becomes all zeros with 'ignore' (and with 'infrequent_if_exist', the same
 * here since infrequent categories are not implemented); `inverseTransform` gives null for such a row
 * (scikit-learn's None), or the dropped category where the column has one.
 * @example
 * const encoder = new OneHotEncoder({ handleUnknown: 'ignore' }).fit([['red', 'S'], ['blue', 'M'], ['red', 'M']]);
 * encoder.categories; // [['blue', 'red'], ['M', 'S']]
 * encoder.transform([['blue', 'S']]).toArraySync(); // [[1, 0, 0, 1]]
 * encoder.getFeatureNamesOut(['color', 'size']); // ['color_blue', 'color_red', 'size_M', 'size_S']
 * encoder.inverseTransform([[0, 0, 1, 0]]); // [[null, 'M']]
 */
export class OneHotEncoder {
  /** Categories of each column, in output order (scikit-learn's `categories_`); null before fit. */
  categories: Category[][] | null = null;
  /** Index in `categories` of each column's dropped category, null for none (`drop_idx_`); null without drop. */
  dropIndex: (number | null)[] | null = null;
  /** Number of columns seen by fit (`n_features_in_`); 0 before. */
  nFeaturesIn = 0;
  private readonly settings: OneHotEncoderSettings;
  /** Whether fit's numbers print as floats ("x0_1.0"), per column. */
  private floats: boolean[] = [];
  private positions: Map<Category, number>[] = [];

  constructor(options: OneHotEncoderOptions = {}) {
    this.settings = readOneHotEncoderOptions(options);
  }

  fit(x: CategoricalInput): this {
    const { columns } = readCategoricalColumns('OneHotEncoder.fit', x);
    const given = this.settings.categories;
    if (given !== 'auto' && given.length !== columns.length)
      throw new Error(
        `OneHotEncoder.fit: Shape mismatch: if categories is an array, it has to be of shape (n_features,). Got ${given.length} lists for ${columns.length} features`,
      );
    const categories = columns.map((column, c) => {
      if (given === 'auto') return uniqueCategories(column.values);
      if (this.settings.handleUnknown === 'error') {
        const unknown = unknownValues(column.values, new Set(given[c]));
        if (unknown.length)
          throw new Error(`OneHotEncoder.fit: Found unknown categories ${categoryList(unknown, column.floats)} in column ${c} during fit`);
      }
      return [...given[c]!];
    });
    this.dropIndex = computeDropIndex(
      this.settings.drop,
      categories,
      columns.map((column) => column.floats),
    );
    this.categories = categories;
    this.floats = columns.map((column) => column.floats);
    this.positions = categories.map((column) => new Map(column.map((category, index) => [category, index])));
    this.nFeaturesIn = columns.length;
    return this;
  }

  /** One-hot rows [n, Σ kept categories] of `x`'s categories. */
  transform(x: CategoricalInput): Tensor {
    this.fitted('transform');
    const { columns, rows } = readCategoricalColumns('OneHotEncoder.transform', x);
    if (columns.length !== this.nFeaturesIn)
      throw new Error(
        `OneHotEncoder.transform: x has ${columns.length} features, but OneHotEncoder is expecting ${this.nFeaturesIn} features as input`,
      );
    const widths = this.outputWidths();
    const width = widths.reduce((sum, size) => sum + size, 0);
    const out = new Float64Array(rows * width);
    let offset = 0;
    columns.forEach((column, c) => {
      const positions = this.positions[c]!;
      if (this.settings.handleUnknown === 'error') {
        const unknown = unknownValues(column.values, positions);
        if (unknown.length)
          throw new Error(
            `OneHotEncoder.transform: Found unknown categories ${categoryList(unknown, column.floats)} in column ${c} during transform`,
          );
      }
      const dropped = this.dropIndex?.[c] ?? null;
      column.values.forEach((value, r) => {
        const index = positions.get(value);
        // an unknown category (with 'ignore') and the dropped one are all zeros
        if (index === undefined || index === dropped) return;
        out[r * width + offset + (dropped !== null && index > dropped ? index - 1 : index)] = 1;
      });
      offset += widths[c]!;
    });
    return tensor(out, { shape: [rows, width], dtype: this.settings.dtype });
  }

  fitTransform(x: CategoricalInput): Tensor {
    return this.fit(x).transform(x);
  }

  /**
   * The categories back from one-hot rows: each column's category is that of the largest value in its
   * block (the first on ties, as NumPy's argmax). An all-zero block is the dropped category where the
   * column has one; otherwise null with handleUnknown 'ignore' (scikit-learn's None), an error with 'error'.
   */
  inverseTransform(z: Tensor | number[][]): (Category | null)[][] {
    const categories = this.fitted('inverseTransform');
    if (isTensor(z) ? z.ndim !== 2 : !Array.isArray(z) || !z.every((row) => Array.isArray(row)))
      throw new Error('OneHotEncoder.inverseTransform: expected a 2D tensor or an array of rows');
    const { values, rows, columns } = readMatrix('OneHotEncoder.inverseTransform', z);
    const widths = this.outputWidths();
    const width = widths.reduce((sum, size) => sum + size, 0);
    if (columns !== width)
      throw new Error(
        `OneHotEncoder.inverseTransform: Shape of the passed X data is not correct. Expected ${width} columns, got ${columns}.`,
      );
    const out = Array.from({ length: rows }, () => new Array<Category | null>(this.nFeaturesIn).fill(null));
    let offset = 0;
    categories.forEach((column, c) => {
      const dropped = this.dropIndex?.[c] ?? null;
      const kept = dropped === null ? column : column.filter((_, index) => index !== dropped);
      const allZero: number[] = [];
      for (let r = 0; r < rows; r++) {
        let best = 0;
        let sum = 0;
        for (let k = 0; k < kept.length; k++) {
          const value = values[r * width + offset + k]!;
          sum += value;
          if (value > values[r * width + offset + best]!) best = k;
        }
        if (kept.length > 0 && sum !== 0) out[r]![c] = kept[best]!;
        else if (dropped !== null) out[r]![c] = column[dropped]!;
        else if (this.settings.handleUnknown === 'error') allZero.push(r);
        // else an unknown category under 'ignore': null
      }
      if (allZero.length) {
        const samples = `Samples [${allZero.join(' ')}]`;
        throw new Error(
          this.settings.drop === null
            ? `OneHotEncoder.inverseTransform: ${samples} can not be inverted when drop=None and handle_unknown='error' because they contain all zeros (column ${c})`
            : `OneHotEncoder.inverseTransform: ${samples} can not be inverted with handle_unknown='error' because they contain all zeros in the columns of feature ${c}, which has no dropped category`,
        );
      }
      offset += widths[c]!;
    });
    return out;
  }

  /**
   * Output column names (scikit-learn's `get_feature_names_out`): `${input}_${category}` for each kept
   * category, with inputs x0, x1, … unless given. Numbers read as Python writes them: float input gives
   * "x0_1.0", integer input "x0_1".
   */
  getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    const categories = this.fitted('getFeatureNamesOut');
    if (inputFeatures !== undefined && inputFeatures.length !== this.nFeaturesIn)
      throw new Error(
        `OneHotEncoder.getFeatureNamesOut: input_features should have length equal to number of features (${this.nFeaturesIn}), got ${inputFeatures.length}`,
      );
    return categories.flatMap((column, c) => {
      const input = inputFeatures ? String(inputFeatures[c]) : `x${c}`;
      const dropped = this.dropIndex?.[c] ?? null;
      return column.filter((_, index) => index !== dropped).map((category) => `${input}_${categoryName(category, this.floats[c]!)}`);
    });
  }

  /** Output columns of each input column: its categories, less the dropped one. */
  private outputWidths(): number[] {
    return this.categories!.map((column, c) => column.length - (this.dropIndex?.[c] == null ? 0 : 1));
  }

  private fitted(operation: string): Category[][] {
    if (!this.categories) throw new Error(`OneHotEncoder.${operation}: this OneHotEncoder instance is not fitted yet; call fit first`);
    return this.categories;
  }
}

/** The distinct values outside `known`, sorted (scikit-learn lists them in its message). */
function unknownValues(values: readonly Category[], known: { has(value: Category): boolean }): Category[] {
  return uniqueCategories(values.filter((value) => !known.has(value)));
}

/**
 * Index of each column's dropped category (scikit-learn's `_compute_drop_idx`): none, the first of
 * every column, the first of the two-category columns, or the given category of each column.
 */
function computeDropIndex(drop: OneHotEncoderSettings['drop'], categories: Category[][], floats: boolean[]): (number | null)[] | null {
  if (drop === null) return null;
  if (drop === 'first') return categories.map(() => 0);
  if (drop === 'if_binary') return categories.map((column) => (column.length === 2 ? 0 : null));
  if (drop.length !== categories.length)
    throw new Error(
      `OneHotEncoder.fit: \`drop\` should have length equal to the number of features (${categories.length}), got ${drop.length}`,
    );
  // NaN drops the NaN category, as scikit-learn's is_scalar_nan branch (Object.is compares NaN equal to itself)
  const indices = drop.map((value, c) => categories[c]!.findIndex((category) => category === value || Object.is(category, value)));
  // scikit-learn 1.2.1 prints the two the other way round ("Category: <feature index>, Feature: <value>")
  const missing = indices.flatMap((index, c) => (index < 0 ? [`Category: ${categoryName(drop[c]!, floats[c]!)}, Feature: ${c}`] : []));
  if (missing.length)
    throw new Error(
      `OneHotEncoder.fit: The following categories were supposed to be dropped, but were not found in the training data.\n${missing.join('\n')}`,
    );
  return indices;
}
