import { checkOptions, describeValue, isTensor, refuseExtraArguments, tensor, type Tensor } from '@dl/tensor';
import { resolveGenerator, type Generator } from '../random/generator.js';
import { approximateMode } from './approximate-mode.js';
import { readLabels, uniqueSorted } from './labels.js';

export interface TrainTestSplitOptions {
  /** A fraction in (0, 1) (rounded up) or a count; default 0.25 when trainSize is not given either. */
  testSize?: number;
  /** A fraction (rounded down) or a count; default the complement of testSize. */
  trainSize?: number;
  randomState?: number | Generator;
  /** Shuffle before splitting; default true. Without it the first rows train and the next rows test. */
  shuffle?: boolean;
  /** Labels whose class proportions both parts keep. */
  stratify?: Tensor | ArrayLike<number | string>;
}

/** Train and test sizes as scikit-learn's `_validate_shuffle_split` computes them. */
export function splitSizes(n: number, testSize?: number, trainSize?: number): [train: number, test: number] {
  const test = testSize ?? (trainSize === undefined ? 0.25 : undefined);
  const isFraction = (value: number) => !Number.isInteger(value) || (value > 0 && value < 1);
  for (const [name, value] of [
    ['testSize', test],
    ['trainSize', trainSize],
  ] as const)
    if (value !== undefined && (value <= 0 || (isFraction(value) ? value >= 1 : value >= n)))
      throw new Error(
        `trainTestSplit: ${name}=${value} should be either positive and smaller than the number of samples ${n} or a float in the (0, 1) range`,
      );
  if (test !== undefined && trainSize !== undefined && isFraction(test) && isFraction(trainSize) && test + trainSize > 1)
    throw new Error(
      `trainTestSplit: the sum of testSize and trainSize = ${test + trainSize}, should be in the (0, 1) range. Reduce testSize and/or trainSize.`,
    );
  let nTest = test === undefined ? undefined : isFraction(test) ? Math.ceil(test * n) : test;
  let nTrain = trainSize === undefined ? undefined : isFraction(trainSize) ? Math.floor(trainSize * n) : trainSize;
  if (nTrain === undefined) nTrain = n - nTest!;
  if (nTest === undefined) nTest = n - nTrain;
  if (nTrain + nTest > n)
    throw new Error(
      `trainTestSplit: the sum of train and test sizes = ${nTrain + nTest} should be smaller than the number of samples ${n}`,
    );
  if (nTrain === 0)
    throw new Error(
      `trainTestSplit: with n_samples=${n}, testSize=${testSize} and trainSize=${trainSize}, the resulting train set will be empty`,
    );
  return [nTrain, nTest];
}

/**
 * Train and test row indices (scikit-learn's `ShuffleSplit` / `StratifiedShuffleSplit` first split).
 * @example
 * const { train, test } = trainTestSplitIndices(100, { testSize: 0.2, randomState: 0 });
 */
export function trainTestSplitIndices(
  n: number,
  options: TrainTestSplitOptions = {},
  ...extra: never[]
): { train: Int32Array; test: Int32Array } {
  if (extra.length > 0) refuseExtraArguments('trainTestSplitIndices', ['n', 'options'], extra);
  checkOptions('trainTestSplit', options, ['testSize', 'trainSize', 'randomState', 'shuffle', 'stratify']);
  const [nTrain, nTest] = splitSizes(n, options.testSize, options.trainSize);
  const generator = resolveGenerator(options.randomState);
  if (options.shuffle === false) {
    if (options.stratify) throw new Error('trainTestSplit: stratified train/test split is not implemented for shuffle=false');
    return { train: Int32Array.from({ length: nTrain }, (_, i) => i), test: Int32Array.from({ length: nTest }, (_, i) => nTrain + i) };
  }
  if (!options.stratify) {
    const order = generator.permutation(n);
    return { train: order.slice(nTest, nTest + nTrain), test: order.slice(0, nTest) };
  }
  const labels = readLabels(options.stratify);
  if (labels.length !== n) throw new Error(`trainTestSplit: stratify has ${labels.length} labels for ${n} samples`);
  const classes = uniqueSorted(labels);
  const members = classes.map((label) => [...labels.keys()].filter((i) => labels[i] === label));
  const counts = members.map((indices) => indices.length);
  if (Math.min(...counts) < 2)
    throw new Error(
      'trainTestSplit: the least populated class in y has only 1 member, which is too few. The minimum number of groups for any class cannot be less than 2.',
    );
  if (nTrain < classes.length)
    throw new Error(`trainTestSplit: the train_size = ${nTrain} should be greater or equal to the number of classes = ${classes.length}`);
  if (nTest < classes.length)
    throw new Error(`trainTestSplit: the test_size = ${nTest} should be greater or equal to the number of classes = ${classes.length}`);
  const trainCounts = approximateMode(counts, nTrain, generator);
  const testCounts = approximateMode(
    counts.map((count, i) => count - trainCounts[i]!),
    nTest,
    generator,
  );
  const train: number[] = [];
  const test: number[] = [];
  members.forEach((indices, k) => {
    const shuffled = Array.from(generator.permutation(indices.length), (position) => indices[position]!);
    train.push(...shuffled.slice(0, trainCounts[k]));
    test.push(...shuffled.slice(trainCounts[k], trainCounts[k]! + testCounts[k]!));
  });
  return { train: Int32Array.from(generator.shuffle(train)), test: Int32Array.from(generator.shuffle(test)) };
}

type Splittable = Tensor | readonly unknown[];

/** Rows of a tensor (along dim 0) or elements of an array at `indices`; a tensor's rows stay on its device. */
function takeRows<T extends Splittable>(data: T, indices: Int32Array): T {
  // the index goes where the rows are: indexSelect takes tensors of one device
  if (isTensor(data)) return data.indexSelect(0, tensor(indices, { device: data.device })) as T;
  return Array.from(indices, (index) => (data as readonly unknown[])[index]) as unknown as T;
}

/**
 * Splits tensors or arrays (same first dimension) into random train and test parts (scikit-learn's
 * `train_test_split`): returns [aTrain, aTest, bTrain, bTest, ...].
 * @example
 * const [xTrain, xTest, yTrain, yTest] = trainTestSplit([x, y], { testSize: 0.2, randomState: 42, stratify: y });
 */
export function trainTestSplit<T extends Splittable[]>(
  arrays: [...T],
  options: TrainTestSplitOptions = {},
  ...extra: never[]
): Splittable[] {
  if (extra.length > 0) refuseExtraArguments('trainTestSplit', ['arrays', 'options'], extra);
  if (!Array.isArray(arrays))
    throw new Error(
      `trainTestSplit: expected a list of arrays or tensors, as trainTestSplit([x, y], options), got ${describeValue(arrays)}`,
    );
  if (arrays.length === 0) throw new Error('trainTestSplit: at least one array required as input');
  arrays.forEach((data, position) => {
    if (!Array.isArray(data) && !isTensor(data))
      throw new Error(`trainTestSplit: arrays[${position}] must be an array or a tensor, got ${describeValue(data)}`);
  });
  const lengthOf = (data: Splittable) => (isTensor(data) ? data.shape[0]! : data.length);
  const n = lengthOf(arrays[0]!);
  for (const data of arrays)
    if (lengthOf(data) !== n)
      throw new Error(`trainTestSplit: found input variables with inconsistent numbers of samples: [${arrays.map(lengthOf).join(', ')}]`);
  const { train, test } = trainTestSplitIndices(n, options);
  return arrays.flatMap((data) => [takeRows(data, train), takeRows(data, test)]);
}
