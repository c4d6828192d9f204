import { describe, expect, it } from 'vitest';
import { Tensor, tensor } from '@dl/tensor';
import * as data from '../src/index.js';
import { argumentMistakes, exportedFunctions, numericValues, problemsAfterFirst } from '../../../tools/testing/wrong-arguments.js';
import { exportsGivenMistakesFirst } from '../../../tools/testing/wrong-arguments.js';
import { strayArgumentProblems, strayCandidates } from '../../../tools/testing/wrong-arguments.js';

// The mistakes of packages/tensor/test/method-bad-arguments.test.ts, made with every function of
// @dl/data: a tensor where a list, bytes or a table goes (`padSequence(x)` for `padSequence([x])`,
// `trainTestSplit(x, y)` for `trainTestSplit([x, y])`), then each mistake after it. Before, 17 functions
// failed in JavaScript's or the platform's words ("batch is not iterable", "The argument 'format' is
// invalid", "First argument to DataView constructor must be an ArrayBuffer").

const mistakes = argumentMistakes(tensor);
const valuesOf = numericValues(Tensor);
const image = () =>
  tensor([
    [0.25, 0.5, 0.75],
    [0.3, 0.6, 0.9],
  ]);

/** Readers of files and URLs (what a wrong path does is the file tests'), and paddingSides, a helper that takes its caller's name first. */
const leftOut = (name: string) => /^(load|read|fetch|download|save|write)/.test(name) || name === 'paddingSides';

describe('@dl/data functions given the wrong arguments', () => {
  it('every function works or says what is wrong when given a tensor and a mistake', async () => {
    const functions = exportedFunctions(data, leftOut);
    const problems = await problemsAfterFirst(functions, image, mistakes, valuesOf);
    expect(functions.length).toBeGreaterThan(50);
    expect(problems).toEqual([]);
    expect(() => data.defaultCollate(image() as never)).toThrow("defaultCollate: expected the list of a batch's samples, got a Tensor");
    await expect(data.compress(new Uint8Array(4), 'zip' as never)).rejects.toThrow(
      "compress: format must be 'gzip' or 'deflate', got 'zip'",
    );
  });

  it('every function, readers included, says what is wrong when a mistake stands for its first argument', async () => {
    // `readIdx({ root })` said "[object Object]: cannot read file", `makeGrid(batch.images)` with a
    // misspelt property "Cannot read properties of undefined (reading 'ndim')": 20 functions
    expect(await exportsGivenMistakesFirst(data, tensor, Tensor, (name) => name === 'paddingSides')).toEqual([]);
    await expect(data.readIdx({ root: '/data' } as never)).rejects.toThrow('readIdx: expects a path or URL, got an object');
  });
});

describe('@dl/data functions given an argument past their parameters', () => {
  it('every function refuses it, naming the operation', async () => {
    // tenCrop(image, 24, <anything>) read any value as verticalFlip
    const { problems, probed } = await strayArgumentProblems(exportedFunctions(data, leftOut), strayCandidates(tensor));
    expect(problems).toEqual([]);
    expect(probed).toBeGreaterThan(20);
  });

  it("Generator's and TensorDataset's methods refuse it too", async () => {
    // generator.normal(3, 0, 1, generatorOfTorch) and dataset.getItem(0, 1) dropped the last
    const generator = () => new data.Generator(1);
    const dataset = () =>
      new data.TensorDataset(
        tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      );
    const methodsOf = (label: string, make: () => object, names: readonly string[]) =>
      names.map((name): [string, (...values: unknown[]) => unknown] => [
        `${label}.${name}`,
        (...values) => (make() as Record<string, (...values: unknown[]) => unknown>)[name]!(...values),
      ]);
    const { problems, probed } = await strayArgumentProblems(
      [
        ...methodsOf('Generator', generator, [
          'initialSeed',
          'getState',
          'setState',
          'integers',
          'reserveRandom',
          'manualSeed',
          'words',
          'uniform',
          'random',
          'normal',
          'permutation',
          'shuffle',
        ]),
        ...methodsOf('TensorDataset', dataset, ['getItem', 'getRows']),
      ],
      strayCandidates(tensor),
      {
        'Generator.setState': (...extra) => generator().setState(generator().getState(), ...(extra as [])),
        'Generator.integers': (...extra) => generator().integers(0, 4, 3, ...(extra as [])),
        'Generator.shuffle': (...extra) => generator().shuffle([1, 2, 3], ...(extra as [])),
        'TensorDataset.getRows': (...extra) => dataset().getRows([0, 1], ...(extra as [])),
      },
    );
    expect(problems).toEqual([]);
    expect(probed).toBe(14);
  });
});
