import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OneHotEncoder, type CategoricalInput, type Category, type OneHotEncoderOptions } from '@dl/data';
import { tensor } from '@dl/tensor';

/** scikit-learn 1.2 values written by tools/fixtures/data_encoders_reference.py. */
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/data_encoders_reference.json', import.meta.url), 'utf8')).one_hot;
const errors: Record<string, string> = fixture.errors;

interface EncoderCase {
  name: string;
  input: 'tensor' | 'rows';
  x: unknown[][];
  test: unknown[][];
  options: { handle_unknown?: string; drop?: unknown; categories?: unknown; min_frequency?: number; max_categories?: number };
  categories: unknown[][];
  drop_idx: (number | null)[] | null;
  transform: number[][];
  fit_transform: number[][];
  inverse: unknown[][];
  feature_names: string[];
  /** `infrequent_categories_`, null where infrequent categories are not enabled. */
  infrequent: unknown[][] | null;
}

/** JSON keeps NaN as the string 'NaN' (tools/fixtures/tensor_fixture_io.py's `number`). */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  return value === 'NaN' ? Number.NaN : value;
}

/** A NumPy float array becomes a float64 tensor; Python rows stay rows. */
function input(item: EncoderCase, rows: unknown[][]): CategoricalInput {
  return item.input === 'tensor' ? tensor(revive(rows) as number[][], { dtype: 'float64' }) : (rows as Category[][]);
}

/** scikit-learn's keywords in camelCase. */
function options(item: EncoderCase): OneHotEncoderOptions {
  const { handle_unknown: handleUnknown, drop, categories, min_frequency: minFrequency, max_categories: maxCategories } = item.options;
  return {
    ...(minFrequency === undefined ? {} : { minFrequency }),
    ...(maxCategories === undefined ? {} : { maxCategories }),
    ...(handleUnknown === undefined ? {} : { handleUnknown: handleUnknown as OneHotEncoderOptions['handleUnknown'] }),
    ...(drop === undefined ? {} : { drop: drop as OneHotEncoderOptions['drop'] }),
    ...(categories === undefined ? {} : { categories: categories as Category[][] }),
  };
}

/**
 * scikit-learn 1.2's `drop_idx_` counts among a column's grouped categories (the frequent ones, then the
 * infrequent group); `dropIndex` counts in `categories`, as 1.3's. This maps the latter to the former.
 */
function groupedDropIndex(encoder: OneHotEncoder): (number | null)[] | null {
  return (
    encoder.dropIndex?.map((index, c) => {
      const infrequent = encoder.infrequentCategories?.[c];
      if (index === null || !infrequent) return index;
      const category = encoder.categories![c]![index]!;
      const frequent = encoder.categories![c]!.filter((value) => !infrequent.includes(value));
      return infrequent.includes(category) ? frequent.length : frequent.indexOf(category);
    }) ?? null
  );
}

/** The values listed in "Found unknown categories [...]", as a sorted list (scikit-learn lists a Python set). */
function listed(message: string): string[] {
  const list = /categories \[(.*)\] in column/.exec(message)![1]!;
  return list.split(', ').sort();
}

describe('OneHotEncoder (scikit-learn 1.2, dense)', () => {
  for (const item of fixture.cases as EncoderCase[]) {
    it(`matches scikit-learn: ${item.name}`, () => {
      const encoder = new OneHotEncoder(options(item));
      expect(encoder.fit(input(item, item.x))).toBe(encoder);
      const isTensorCase = item.input === 'tensor';
      expect(encoder.categories).toEqual(isTensorCase ? revive(item.categories) : item.categories);
      expect(groupedDropIndex(encoder)).toEqual(item.drop_idx);
      expect(encoder.infrequentCategories).toEqual(isTensorCase ? revive(item.infrequent) : item.infrequent);
      expect(encoder.nFeaturesIn).toBe(item.x[0]!.length);
      const encoded = encoder.transform(input(item, item.test));
      expect(encoded.dtype).toBe('float32');
      expect(encoded.shape).toEqual([item.test.length, item.feature_names.length]);
      expect(encoded.toArraySync()).toEqual(item.transform);
      expect(new OneHotEncoder(options(item)).fitTransform(input(item, item.x)).toArraySync()).toEqual(item.fit_transform);
      expect(encoder.inverseTransform(encoded)).toEqual(isTensorCase ? revive(item.inverse) : item.inverse);
      expect(encoder.inverseTransform(item.transform)).toEqual(isTensorCase ? revive(item.inverse) : item.inverse);
      expect(encoder.getFeatureNamesOut()).toEqual(item.feature_names);
    });
  }

  it('names outputs after given input features', () => {
    const { input: names, names: expected } = fixture.named_features;
    const encoder = new OneHotEncoder().fit(fixture.cases[0].x);
    expect(encoder.getFeatureNamesOut(names)).toEqual(expected);
  });

  it('encodes as float32 by default, or as the dtype asked for', () => {
    const rows = fixture.cases[0].x as string[][];
    expect(fixture.dtype_float32.dtype).toBe('float32');
    expect(new OneHotEncoder({ dtype: 'float32' }).fitTransform(rows).dtype).toBe('float32');
    const double = new OneHotEncoder({ dtype: 'float64' }).fitTransform(rows);
    expect(double.dtype).toBe('float64');
    expect(double.toArraySync()).toEqual(fixture.cases[0].fit_transform);
    const integers = new OneHotEncoder({ dtype: 'int32' }).fitTransform(rows);
    expect(integers.dtype).toBe('int32');
    expect(integers.toArraySync()).toEqual(fixture.cases[0].fit_transform);
  });

  it("throws scikit-learn's messages", () => {
    const rows = fixture.cases[0].x as string[][];
    const numeric = fixture.cases.find((item: EncoderCase) => item.name === 'numeric') as EncoderCase;
    const fitted = new OneHotEncoder().fit(rows);

    const unknown = () =>
      fitted.transform([
        ['purple', 'S', 'no'],
        ['pink', 'S', 'no'],
      ]);
    expect(unknown).toThrow(/^OneHotEncoder\.transform: Found unknown categories \[.*\] in column 0 during transform$/);
    expect(() => unknown()).toThrow(errors.unknown_transform.replace(/\[.*\]/, `[${listed(errors.unknown_transform).join(', ')}]`));

    const numericEncoder = new OneHotEncoder().fit(tensor(numeric.x as number[][], { dtype: 'float64' }));
    expect(() => numericEncoder.transform(tensor([[1, 5]], { dtype: 'float64' }))).toThrow(errors.unknown_transform_numeric);

    const explicit = {
      categories: [
        ['red', 'green'],
        ['S', 'M', 'L', 'XL'],
        ['yes', 'no'],
      ],
    };
    expect(() => new OneHotEncoder(explicit).fit(rows)).toThrow(errors.unknown_fit);
    expect(new OneHotEncoder({ ...explicit, handleUnknown: 'ignore' }).fit(rows).categories![0]).toEqual(['red', 'green']);

    expect(
      () =>
        new OneHotEncoder({
          categories: [
            [3, 1, 2],
            [-1, 2, 10.5],
          ],
        }),
    ).toThrow(errors.unsorted_numeric);
    expect(() => new OneHotEncoder({ categories: [['red', 'green', 'blue']] }).fit(rows)).toThrow(errors.categories_shape);
    expect(() => new OneHotEncoder({ drop: ['red'] }).fit(rows)).toThrow(errors.drop_length);

    // scikit-learn 1.2.1 swaps the two labels ("Category: 1, Feature: XXL"); the message here puts each in its place
    const [firstLine, missing] = errors.drop_missing.split('\n') as [string, string];
    const [, feature, category] = /Category: (.*), Feature: (.*)/.exec(missing)!;
    expect(() => new OneHotEncoder({ drop: ['red', 'XXL', 'no'] }).fit(rows)).toThrow(
      `${firstLine}\nCategory: ${category}, Feature: ${feature}`,
    );

    expect(() => fitted.inverseTransform(tensor(new Float64Array(5), { shape: [1, 5] }))).toThrow(errors.inverse_shape);
    expect(() => fitted.inverseTransform(tensor(new Float64Array(27), { shape: [3, 9] }))).toThrow(errors.inverse_zeros);
    expect(() => fitted.getFeatureNamesOut(['a', 'b'])).toThrow(errors.feature_names_length);
    expect(() => fitted.transform([['red', 'S']])).toThrow(errors.transform_features.replace(/^X/, 'x').replace(/\.$/, ''));
    expect(() => new OneHotEncoder().transform(rows)).toThrow(/not fitted yet/);
  });

  it('checks every option and refuses what it does not implement', () => {
    expect(() => new OneHotEncoder({ sparseOutput: true })).toThrow(/sparseOutput true is not supported: there are no sparse tensors/);
    expect(new OneHotEncoder({ sparseOutput: false }).fitTransform([['a'], ['b']]).shape).toEqual([2, 2]);
    for (const bad of [0, 1, 1.5, -0.5, Number.NaN, '2'])
      if (bad !== 1)
        expect(() => new OneHotEncoder({ minFrequency: bad as number })).toThrow(
          /minFrequency must be an integer ≥ 1 \(a count\) or a number in \(0, 1\)/,
        );
    for (const bad of [0, 2.5, -1, '3'])
      expect(() => new OneHotEncoder({ maxCategories: bad as number })).toThrow(/maxCategories must be an integer ≥ 1 or null, got/);
    expect(new OneHotEncoder({ minFrequency: null, maxCategories: null }).fit([['a']]).infrequentCategories).toBeNull();
    expect(() => new OneHotEncoder({ sparse_output: false } as OneHotEncoderOptions)).toThrow(
      /unknown option `sparse_output` \(did you mean `sparseOutput`\?\)/,
    );
    expect(() => new OneHotEncoder({ handleUnknown: 'use_encoded_value' as 'error' })).toThrow(/invalid handleUnknown 'use_encoded_value'/);
    expect(() => new OneHotEncoder({ drop: 'last' as 'first' })).toThrow(/invalid drop 'last'/);
    expect(() => new OneHotEncoder({ drop: [{}] as unknown as string[] })).toThrow(/drop\[0\] must be a category/);
    expect(() => new OneHotEncoder({ categories: 'sorted' as 'auto' })).toThrow(/categories must be 'auto' or an array/);
    expect(() => new OneHotEncoder({ categories: [['a', 1]] })).toThrow(/uniformly strings or numbers/);
    expect(() => new OneHotEncoder({ categories: [['a', 'a']] })).toThrow(/holds a category twice/);
    expect(() => new OneHotEncoder({ dtype: 'int64' as 'int32' })).toThrow(/dtype 'int64' is not supported/);
    expect(new OneHotEncoder({ drop: 'ifBinary', handleUnknown: 'infrequentIfExist' }).fit([['a'], ['b']]).dropIndex).toEqual([0]);
  });

  it('groups every category with maxCategories 1 (scikit-learn 1.3; 1.2 grouped none)', () => {
    const rows = [['a'], ['b'], ['b'], ['c']];
    const encoder = new OneHotEncoder({ maxCategories: 1 }).fit(rows);
    expect(encoder.infrequentCategories).toEqual([['a', 'b', 'c']]);
    expect(encoder.getFeatureNamesOut()).toEqual(['x0_infrequent_sklearn']);
    expect(encoder.transform(rows).toArraySync()).toEqual([[1], [1], [1], [1]]);
    expect(encoder.inverseTransform([[1]])).toEqual([['infrequent_sklearn']]);
  });

  it('drops a whole infrequent group and names its first category in dropIndex', () => {
    // b is the only frequent category (2 of 4 rows); drop 'first' of the grouped [b, group] drops b, and
    // with maxCategories 1 the one output column is the group, which 'first' drops with every category
    const rows = [['a'], ['b'], ['b'], ['c']];
    const first = new OneHotEncoder({ minFrequency: 2, drop: 'first' }).fit(rows);
    expect(first.dropIndex).toEqual([1]);
    expect(first.transform(rows).toArraySync()).toEqual([[1], [0], [0], [1]]);
    const group = new OneHotEncoder({ maxCategories: 1, drop: 'first' }).fit(rows);
    expect(group.dropIndex).toEqual([0]);
    expect(group.getFeatureNamesOut()).toEqual([]);
    expect(group.transform(rows).shape).toEqual([4, 0]);
    expect(() => new OneHotEncoder({ minFrequency: 2, drop: ['a'] }).fit(rows)).toThrow(
      "OneHotEncoder.fit: Unable to drop category 'a' from feature 0 because it is infrequent",
    );
    const letters = (fixture.cases as EncoderCase[]).find((item) => item.name === 'infrequent drop array')!.x as Category[][];
    expect(() => new OneHotEncoder({ minFrequency: 2, drop: ['a', 'x'] }).fit(letters)).toThrow(errors.drop_infrequent);
  });

  it('refuses to invert an all-zero block of a column without a dropped category', () => {
    const encoder = new OneHotEncoder({ drop: 'if_binary' }).fit(fixture.cases[0].x);
    const zeros = tensor(new Float64Array(encoder.getFeatureNamesOut().length), { shape: [1, 8] });
    expect(() => encoder.inverseTransform(zeros)).toThrow(/Samples \[0\] can not be inverted .* feature 0, which has no dropped category/);
    expect(() => encoder.inverseTransform(tensor([0, 1]))).toThrow(/expected a 2D tensor/);
  });

  it('refuses input that is not a table of uniform columns', () => {
    const encoder = new OneHotEncoder();
    expect(() =>
      encoder.fit([
        ['a', 1],
        ['b', 'c'],
      ]),
    ).toThrow(/uniformly strings or numbers; column 1 mixes number and string/);
    expect(() => encoder.fit(tensor([1, 2, 3]))).toThrow(/expected a 2D array, got 1D array/);
    expect(() => encoder.fit([['a'], ['b', 'c']])).toThrow(/row 1 has 2 values, expected 1/);
    expect(() => encoder.fit([[null]] as unknown as string[][])).toThrow(/numbers or strings, got null/);
    expect(() => encoder.fit(tensor([[Infinity]]))).toThrow(/infinity/);
  });
});
