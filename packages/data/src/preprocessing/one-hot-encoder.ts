import { isTensor, refuseExtraArguments, tensor, type Tensor } from '@dl/tensor';
import {
  categoryList,
  categoryName,
  readCategoricalColumns,
  uniqueCategories,
  type CategoricalInput,
  type Category,
} from './categorical-input.js';
import { categoryCounts, groupInfrequent, groupsInfrequent, type CategoryGrouping } from './infrequent-categories.js';
import { readMatrix } from './matrix.js';
import { readOneHotEncoderOptions, type OneHotEncoderOptions, type OneHotEncoderSettings } from './one-hot-encoder-options.js';

/**
 * Encodes each categorical column as one-hot columns (scikit-learn's `OneHotEncoder`, dense output):
 * a column with categories c₀ < c₁ < … < c_{k−1} becomes k columns (k − 1 when one is dropped), with a
 * 1 in the column of the row's category. Strings and numbers are categories; so is NaN.
 *
 * The output is float32 unless `dtype` says otherwise (scikit-learn's default is float64; float32 is
 * what a model takes, as for `oneHot`). An unknown category in transform throws with
 * `handleUnknown: 'error'` and becomes all zeros with 'ignore'; `inverseTransform` gives null for such
 * a row (scikit-learn's None), or the dropped category where the column has one.
 *
 * With `minFrequency` or `maxCategories`, the categories fit saw rarely share one column per feature,
 * the last of its block, named `${input}_infrequent_sklearn` (`inverseTransform` gives
 * 'infrequent_sklearn' for it); 'infrequent_if_exist' encodes an unknown category there, or as all
 * zeros for a feature without infrequent categories. `categories` still lists every category.
 * @example
 * const encoder = new OneHotEncoder({ handleUnknown: 'ignore' }).fit([['red', 'S'], ['blue', 'M'], ['red', 'M']]);
 * encoder.categories; // [['blue', 'red'], ['M', 'S']]
 * encoder.transform([['blue', 'S']]).toArraySync(); // [[1, 0, 0, 1]]
 * encoder.getFeatureNamesOut(['color', 'size']); // ['color_blue', 'color_red', 'size_M', 'size_S']
 * encoder.inverseTransform([[0, 0, 1, 0]]); // [[null, 'M']]
 *
 * const grouped = new OneHotEncoder({ minFrequency: 2 }).fit([['a'], ['b'], ['b'], ['c']]);
 * grouped.getFeatureNamesOut(); // ['x0_b', 'x0_infrequent_sklearn']
 * grouped.transform([['a'], ['b']]).toArraySync(); // [[0, 1], [1, 0]]
 */
export class OneHotEncoder {
  /** Categories of each column, in output order (scikit-learn's `categories_`); null before fit. */
  categories: Category[][] | null = null;
  /**
   * Index in `categories` of each column's dropped category, null for none (`drop_idx_`); null without
   * drop. Where the dropped column is a feature's infrequent group, the index of its first infrequent
   * category (the whole group is dropped), as scikit-learn 1.3's `drop_idx_`.
   */
  dropIndex: (number | null)[] | null = null;
  /**
   * The infrequent categories of each column, null for a column without any (`infrequent_categories_`);
   * null itself before fit or without `minFrequency` and `maxCategories`.
   */
  infrequentCategories: (Category[] | null)[] | null = null;
  /** Number of columns seen by fit (`n_features_in_`); 0 before. */
  nFeaturesIn = 0;
  private readonly settings: OneHotEncoderSettings;
  /** Whether fit's numbers print as floats ("x0_1.0"), per column. */
  private floats: boolean[] = [];
  private positions: Map<Category, number>[] = [];
  /** Per column, how its categories group into output columns; null where none is infrequent. */
  private groupings: (CategoryGrouping | null)[] = [];
  /** Per column, the dropped one of its grouped categories (`outputCategories`), or null. */
  private droppedOutput: (number | null)[] | null = null;

  constructor(options: OneHotEncoderOptions = {}, ...extra: never[]) {
    if (extra.length > 0) refuseExtraArguments('OneHotEncoder', ['options'], extra);
    this.settings = readOneHotEncoderOptions(options);
  }

  fit(x: CategoricalInput): this {
    const { columns, rows } = readCategoricalColumns('OneHotEncoder.fit', x);
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
    const rule = this.settings.infrequent;
    const groupings = categories.map((column, c) =>
      groupsInfrequent(rule) ? groupInfrequent(column, categoryCounts(column, columns[c]!.values), rows, rule) : null,
    );
    this.droppedOutput = computeDropIndex(
      this.settings.drop,
      categories,
      groupings,
      columns.map((column) => column.floats),
    );
    this.dropIndex = this.droppedOutput?.map((dropped, c) => categoryIndex(dropped, groupings[c] ?? null)) ?? null;
    this.infrequentCategories = groupsInfrequent(rule)
      ? groupings.map((grouping, c) => (grouping ? grouping.infrequent.map((index) => categories[c]![index]!) : null))
      : null;
    this.groupings = groupings;
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
      const dropped = this.droppedOutput?.[c] ?? null;
      const grouping = this.groupings[c] ?? null;
      // an unknown category goes to the infrequent group with 'infrequent_if_exist' where there is one
      const unknownOutput = grouping && this.settings.handleUnknown === 'infrequent_if_exist' ? grouping.categories.length - 1 : undefined;
      column.values.forEach((value, r) => {
        const index = positions.get(value);
        const output = index === undefined ? unknownOutput : grouping ? grouping.columnOf[index]! : index;
        // an unknown category (with 'ignore') and the dropped one are all zeros
        if (output === undefined || output === dropped) return;
        out[r * width + offset + (dropped !== null && output > dropped ? output - 1 : output)] = 1;
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
   * block (the first on ties, as NumPy's argmax), 'infrequent_sklearn' for the infrequent group. An
   * all-zero block is the dropped category where the column has one; otherwise null with handleUnknown
   * 'ignore' or 'infrequent_if_exist' on a column without infrequent categories (scikit-learn's None),
   * an error where an unknown category could not have given it.
   */
  inverseTransform(z: Tensor | number[][]): (Category | null)[][] {
    this.fitted('inverseTransform');
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
    this.outputCategories().forEach((column, c) => {
      const dropped = this.droppedOutput?.[c] ?? null;
      const kept = dropped === null ? column : column.filter((_, index) => index !== dropped);
      const zerosMeanUnknown =
        this.settings.handleUnknown === 'ignore' || (this.settings.handleUnknown === 'infrequent_if_exist' && !this.groupings[c]);
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
        else if (!zerosMeanUnknown) allZero.push(r);
        // else an unknown category: null
      }
      if (allZero.length) {
        const samples = `Samples [${allZero.join(' ')}]`;
        throw new Error(
          this.settings.drop === null
            ? `OneHotEncoder.inverseTransform: ${samples} can not be inverted when drop=None and handle_unknown='error' because they contain all zeros (column ${c})`
            : `OneHotEncoder.inverseTransform: ${samples} can not be inverted with handle_unknown='${this.settings.handleUnknown}' because they contain all zeros in the columns of feature ${c}, which has no dropped category`,
        );
      }
      offset += widths[c]!;
    });
    return out;
  }

  /**
   * Output column names (scikit-learn's `get_feature_names_out`): `${input}_${category}` for each kept
   * category, with inputs x0, x1, … unless given, and `${input}_infrequent_sklearn` for a group of
   * infrequent categories. Numbers read as Python writes them: float input gives "x0_1.0", integer input "x0_1".
   */
  getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    this.fitted('getFeatureNamesOut');
    if (inputFeatures !== undefined && inputFeatures.length !== this.nFeaturesIn)
      throw new Error(
        `OneHotEncoder.getFeatureNamesOut: input_features should have length equal to number of features (${this.nFeaturesIn}), got ${inputFeatures.length}`,
      );
    return this.outputCategories().flatMap((column, c) => {
      const input = inputFeatures ? String(inputFeatures[c]) : `x${c}`;
      const dropped = this.droppedOutput?.[c] ?? null;
      return column.filter((_, index) => index !== dropped).map((category) => `${input}_${categoryName(category, this.floats[c]!)}`);
    });
  }

  /** Each column's categories with the infrequent ones grouped, before any is dropped. */
  private outputCategories(): readonly (readonly Category[])[] {
    return this.categories!.map((column, c) => this.groupings[c]?.categories ?? column);
  }

  /** Output columns of each input column: its grouped categories, less the dropped one. */
  private outputWidths(): number[] {
    return this.outputCategories().map((column, c) => column.length - (this.droppedOutput?.[c] == null ? 0 : 1));
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
 * Index among each column's grouped categories of its dropped one (scikit-learn's `_compute_drop_idx`):
 * none, the first of every column, the first of the columns with two outputs, or the given category of
 * each column, which must not be infrequent.
 */
function computeDropIndex(
  drop: OneHotEncoderSettings['drop'],
  categories: Category[][],
  groupings: (CategoryGrouping | null)[],
  floats: boolean[],
): (number | null)[] | null {
  if (drop === null) return null;
  if (drop === 'first') return categories.map(() => 0);
  if (drop === 'if_binary') return categories.map((column, c) => ((groupings[c]?.categories ?? column).length === 2 ? 0 : null));
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
  return indices.map((index, c) => {
    const grouping = groupings[c];
    if (!grouping) return index;
    if (grouping.infrequent.includes(index))
      throw new Error(
        `OneHotEncoder.fit: Unable to drop category ${categoryList([drop[c]!], floats[c]!).slice(1, -1)} from feature ${c} because it is infrequent`,
      );
    return grouping.columnOf[index]!;
  });
}

/** The index in a column's categories of its grouped output `output`: the first infrequent one for the group. */
function categoryIndex(output: number | null, grouping: CategoryGrouping | null): number | null {
  return output === null || !grouping ? output : grouping.columnOf.indexOf(output);
}
