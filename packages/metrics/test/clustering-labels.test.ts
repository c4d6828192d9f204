// The label-based clustering metrics against scikit-learn 1.2.1's sklearn.metrics.cluster
// (tools/fixtures/metrics_clustering_reference.py): contingency and pair confusion matrices, (adjusted)
// Rand index, mutual information and its normalized and adjusted forms for every averageMethod,
// homogeneity / completeness / V-measure, Fowlkes–Mallows, the exact expected mutual information, and
// scikit-learn's errors.
import { readFileSync } from 'node:fs';
import { tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import {
  adjustedMutualInfoScore,
  adjustedRandScore,
  completenessScore,
  contingencyMatrix,
  fowlkesMallowsScore,
  homogeneityCompletenessVMeasure,
  homogeneityScore,
  mutualInfoScore,
  normalizedMutualInfoScore,
  pairConfusionMatrix,
  randScore,
  vMeasureScore,
  type AverageMethod,
} from '../src/index.js';
import { expectClose } from '../src/__fixtures__/reference.js';
import { generalizedAverage } from '../src/clustering/average-method.js';
import { readContingency } from '../src/clustering/contingency.js';
import { expectedMutualInformation } from '../src/clustering/expected-mutual-information.js';
import { entropyOfSizes, mutualInformationOf } from '../src/clustering/mutual-information.js';

type Value = number | string;
type Labels = number[] | string[];
interface LabelCase {
  name: string;
  labelsTrue: Labels;
  labelsPred: Labels;
  adjustedMutualInfo: Record<AverageMethod, Value>;
  expectedMutualInformation: Value;
  exactExpectedMutualInformation?: number;
  illConditioned: AverageMethod[];
  mutualInfo: Value | null;
  contingency?: number[][];
  contingencyEps?: number[][];
  pairConfusion?: number[][];
  rand?: Value;
  adjustedRand?: Value;
  normalizedMutualInfo?: Record<AverageMethod, Value>;
  homogeneityCompletenessVMeasure?: Record<'homogeneity' | 'completeness' | 'vMeasure', Value>;
  vMeasureBeta?: Record<string, Value>;
  homogeneity?: Value;
  completeness?: Value;
  vMeasure?: Value;
  fowlkesMallows?: Value;
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/clustering.json', import.meta.url), 'utf8')) as {
  labels: {
    cases: LabelCase[];
    huge: LabelCase;
    precomputedContingency: { contingency: number[][]; mutualInfo: Value };
    errors: Record<'twoDimensionalTrue' | 'twoDimensionalPred' | 'inconsistentLength' | 'averageMethod', string>;
  };
};
const averageMethods: AverageMethod[] = ['min', 'geometric', 'arithmetic', 'max'];

/** Agreement to 1e-12 relative; the absolute 1e-14 covers values that are 0 up to rounding. */
function close(actual: unknown, expected: unknown, path: string): void {
  expectClose(actual, expected, 1e-12, 1e-14, path);
}

/**
 * The expected mutual information here is summed from log-factorials accurate to about an ulp;
 * scikit-learn's comes from Stirling-series log-gammas whose ulp-level errors, amplified by
 * differences of values near N log N, leave it 2.6e-12 (n = 3000) and 1.3e-11 (n = 10000) relative
 * from the 40-digit value (which the fixture also records, and which this one matches to 1e-13).
 * Against scikit-learn's E[MI] the tolerance is therefore 2e-11 relative, and for AMI, where that error
 * enters as an absolute error over a denominator of order 1 (AMI ≈ 0 for random labelings), 1e-12 absolute.
 */
function closeToExpectedInformation(actual: number, testCase: LabelCase, path: string): void {
  expectClose(actual, testCase.expectedMutualInformation, 2e-11, 1e-14, `${path} vs scikit-learn`);
  if (testCase.exactExpectedMutualInformation !== undefined)
    expectClose(actual, testCase.exactExpectedMutualInformation, 1e-13, 0, `${path} vs 40 digits`);
}

/**
 * AMI against scikit-learn. Where the normalizer equals E[MI] exactly (`illConditioned`: 'min' against
 * all singletons, where MI = E[MI] = H), AMI is 0/0 and scikit-learn's value is a ratio of rounding
 * errors; there the test checks that both MI − E[MI] and normalizer − E[MI] vanish to rounding instead.
 */
async function checkAdjustedMutualInfo(testCase: LabelCase, averageMethod: AverageMethod, path: string): Promise<void> {
  const { labelsTrue: target, labelsPred: prediction } = testCase;
  const value = await adjustedMutualInfoScore(target, prediction, { averageMethod });
  if (!testCase.illConditioned.includes(averageMethod))
    return expectClose(value, testCase.adjustedMutualInfo[averageMethod], 1e-12, 1e-12, path);
  const contingency = await readContingency('test', target, prediction);
  const expected = expectedMutualInformation(contingency.rowSums, contingency.columnSums, contingency.total);
  const normalizer = generalizedAverage(entropyOfSizes(contingency.rowSums), entropyOfSizes(contingency.columnSums), averageMethod);
  expect(Math.abs(mutualInformationOf('test', contingency) - expected), `${path} MI − E[MI]`).toBeLessThan(1e-14);
  expect(Math.abs(normalizer - expected), `${path} normalizer − E[MI]`).toBeLessThan(1e-14);
  expect(Number.isFinite(value), `${path} finite`).toBe(true);
}

/** scikit-learn's message, with its argument names spelled as here. */
function camelCase(message: string): string {
  return message.replace(/labels_true/g, 'labelsTrue').replace(/labels_pred/g, 'labelsPred');
}

describe('label-based clustering metrics match scikit-learn 1.2.1', () => {
  for (const testCase of fixture.labels.cases) {
    const { name, labelsTrue: target, labelsPred: prediction } = testCase;
    it(name, async () => {
      expect(await contingencyMatrix(target, prediction)).toEqual(testCase.contingency);
      expect(await contingencyMatrix(target, prediction, { eps: 0.25 })).toEqual(testCase.contingencyEps);
      expect(await pairConfusionMatrix(target, prediction)).toEqual(testCase.pairConfusion);
      close(await randScore(target, prediction), testCase.rand, `${name} rand`);
      close(await adjustedRandScore(target, prediction), testCase.adjustedRand, `${name} adjustedRand`);
      if (testCase.mutualInfo === null) await expect(mutualInfoScore(target, prediction)).rejects.toThrow('needs at least one sample');
      else close(await mutualInfoScore(target, prediction), testCase.mutualInfo, `${name} mutualInfo`);
      for (const averageMethod of averageMethods) {
        close(
          await normalizedMutualInfoScore(target, prediction, { averageMethod }),
          testCase.normalizedMutualInfo![averageMethod],
          `${name} NMI ${averageMethod}`,
        );
        await checkAdjustedMutualInfo(testCase, averageMethod, `${name} AMI ${averageMethod}`);
      }
      close(await normalizedMutualInfoScore(target, prediction), testCase.normalizedMutualInfo!.arithmetic, `${name} NMI default`);
      if (!testCase.illConditioned.includes('arithmetic'))
        expectClose(
          await adjustedMutualInfoScore(target, prediction),
          testCase.adjustedMutualInfo.arithmetic,
          1e-12,
          1e-12,
          `${name} AMI default`,
        );
      close(await homogeneityCompletenessVMeasure(target, prediction), testCase.homogeneityCompletenessVMeasure, `${name} hcv`);
      close(await homogeneityScore(target, prediction), testCase.homogeneity, `${name} homogeneity`);
      close(await completenessScore(target, prediction), testCase.completeness, `${name} completeness`);
      close(await vMeasureScore(target, prediction), testCase.vMeasure, `${name} vMeasure`);
      for (const [beta, value] of Object.entries(testCase.vMeasureBeta!)) {
        close(await vMeasureScore(target, prediction, { beta: Number(beta) }), value, `${name} vMeasure beta ${beta}`);
        close(
          (await homogeneityCompletenessVMeasure(target, prediction, { beta: Number(beta) })).vMeasure,
          value,
          `${name} hcv beta ${beta}`,
        );
      }
      close(await fowlkesMallowsScore(target, prediction), testCase.fowlkesMallows, `${name} fowlkesMallows`);
      const contingency = await readContingency('test', target, prediction);
      closeToExpectedInformation(
        expectedMutualInformation(contingency.rowSums, contingency.columnSums, contingency.total),
        testCase,
        `${name} expected mutual information`,
      );
    });
  }

  it('10000 samples in 50 × 50 clusters: the exact expected mutual information', async () => {
    const huge = fixture.labels.huge;
    const { labelsTrue: target, labelsPred: prediction, adjustedMutualInfo } = huge;
    const scores = await Promise.all(averageMethods.map((averageMethod) => adjustedMutualInfoScore(target, prediction, { averageMethod })));
    averageMethods.forEach((averageMethod, index) =>
      expectClose(scores[index], adjustedMutualInfo[averageMethod], 1e-12, 1e-12, `AMI ${averageMethod}`),
    );
    const contingency = await readContingency('test', target, prediction);
    closeToExpectedInformation(
      expectedMutualInformation(contingency.rowSums, contingency.columnSums, contingency.total),
      huge,
      'expected mutual information',
    );
  });

  it('reads 1-D tensors of integer labels and typed arrays', async () => {
    const testCase = fixture.labels.cases.find((candidate) => candidate.name.startsWith('random 200 samples, 3 x 5'))!;
    const target = tensor(testCase.labelsTrue as number[], { dtype: 'int32' });
    const prediction = Int32Array.from(testCase.labelsPred as number[]);
    close(await adjustedRandScore(target, prediction), testCase.adjustedRand, 'adjustedRand');
    expectClose(
      await adjustedMutualInfoScore(target, tensor(testCase.labelsPred as number[], { dtype: 'int32' })),
      testCase.adjustedMutualInfo.arithmetic,
      1e-12,
      1e-12,
      'AMI',
    );
    expect(await contingencyMatrix(target, prediction)).toEqual(testCase.contingency);
  });

  it('mutualInfoScore from a precomputed contingency matrix', async () => {
    const { contingency, mutualInfo } = fixture.labels.precomputedContingency;
    close(await mutualInfoScore(null, null, { contingency }), mutualInfo, 'nested arrays');
    close(await mutualInfoScore(null, null, { contingency: tensor(contingency, { dtype: 'int32' }) }), mutualInfo, 'tensor');
    await expect(mutualInfoScore(null, null, { contingency: [[1, 0.5]] })).rejects.toThrow('counts are non-negative integers');
    await expect(mutualInfoScore(null, null, { contingency: [1, 2] })).rejects.toThrow('contingency must be two-dimensional');
    await expect(mutualInfoScore(null, [0, 1])).rejects.toThrow('needs both labelings, or a precomputed `contingency`');
  });

  it("throws scikit-learn's errors", async () => {
    const { errors } = fixture.labels;
    await expect(
      adjustedRandScore(
        [
          [0, 1],
          [1, 0],
        ],
        [0, 1],
      ),
    ).rejects.toThrow(`adjustedRandScore: ${camelCase(errors.twoDimensionalTrue)}`);
    await expect(
      adjustedRandScore(
        [0, 1],
        [
          [0, 1],
          [1, 0],
        ],
      ),
    ).rejects.toThrow(`adjustedRandScore: ${camelCase(errors.twoDimensionalPred)}`);
    await expect(mutualInfoScore([0, 1, 1], [0, 1, 1, 0])).rejects.toThrow(`mutualInfoScore: ${errors.inconsistentLength}`);
    await expect(homogeneityScore([0, 1, 1], [0, 1])).rejects.toThrow('inconsistent numbers of samples: [3, 2]');
    await expect(randScore(tensor([[0, 1]]), [0, 1])).rejects.toThrow('randScore: labelsTrue must be 1D: shape is (1, 2)');
    await expect(fowlkesMallowsScore(3 as never, [0])).rejects.toThrow('labelsTrue must be 1D: shape is ()');
    expect(errors.averageMethod).toContain("'min', 'geometric', 'arithmetic', or 'max'");
    await expect(normalizedMutualInfoScore([0, 1], [0, 1], { averageMethod: 'median' as never })).rejects.toThrow(
      "normalizedMutualInfoScore: invalid averageMethod 'median'; expected one of 'min', 'geometric', 'arithmetic', 'max'",
    );
    await expect(adjustedMutualInfoScore([0, 1], [0, 1], { averageMethod: 'mean' as never })).rejects.toThrow('invalid averageMethod');
    await expect(vMeasureScore([0, 1], [0, 1], { beta: -1 })).rejects.toThrow(
      'vMeasureScore: beta must be a non-negative finite number, got -1',
    );
    await expect(contingencyMatrix([0, 1], [0, 1], { eps: Number.NaN })).rejects.toThrow('eps must be a finite number');
    await expect(randScore([0, 'a'] as never, [0, 1])).rejects.toThrow('labelsTrue mixes strings and other values');
    await expect(randScore([0, Number.NaN], [0, 1])).rejects.toThrow('labelsTrue[1] is NaN');
  });

  it('checks every option, suggesting the camelCase spelling', async () => {
    await expect(normalizedMutualInfoScore([0, 1], [0, 1], { average_method: 'max' } as never)).rejects.toThrow(
      'normalizedMutualInfoScore: unknown option `average_method` (did you mean `averageMethod`?)',
    );
    await expect(adjustedMutualInfoScore([0, 1], [0, 1], { average_method: 'max' } as never)).rejects.toThrow(
      'did you mean `averageMethod`?',
    );
    await expect(contingencyMatrix([0, 1], [0, 1], { sparse: true } as never)).rejects.toThrow(
      'contingencyMatrix: unknown option `sparse`. Accepted options: eps',
    );
    await expect(mutualInfoScore([0, 1], [0, 1], { Contingency: [[1]] } as never)).rejects.toThrow('did you mean `contingency`?');
    await expect(vMeasureScore([0, 1], [0, 1], { Beta: 2 } as never)).rejects.toThrow('did you mean `beta`?');
    await expect(homogeneityCompletenessVMeasure([0, 1], [0, 1], { BETA: 2 } as never)).rejects.toThrow('did you mean `beta`?');
    for (const metric of [randScore, adjustedRandScore, pairConfusionMatrix, fowlkesMallowsScore, homogeneityScore, completenessScore])
      await expect(metric([0, 1], [0, 1], { sparse: true } as never)).rejects.toThrow('unknown option `sparse`. It takes no options');
  });
});

describe('the documented examples', () => {
  it('give the values their comments state', async () => {
    expect(await contingencyMatrix([0, 0, 1, 1], ['b', 'a', 'a', 'a'])).toEqual([
      [1, 1],
      [2, 0],
    ]);
    expect(await contingencyMatrix([0, 1], [0, 0], { eps: 0.5 })).toEqual([[1.5], [1.5]]);
    expect(await pairConfusionMatrix([0, 0, 1, 2], [0, 0, 1, 1])).toEqual([
      [8, 2],
      [0, 2],
    ]);
    close(await randScore([0, 0, 1, 2], [0, 0, 1, 1]), 5 / 6, 'randScore');
    expect(await adjustedRandScore([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    expect(await adjustedRandScore([0, 0, 1, 1], [0, 1, 0, 1])).toBe(-0.5);
    close(await mutualInfoScore([0, 0, 1, 1], [1, 1, 0, 0]), Math.LN2, 'mutualInfoScore');
    close(
      await mutualInfoScore(null, null, {
        contingency: [
          [2, 0],
          [0, 2],
        ],
      }),
      Math.LN2,
      'mutualInfoScore contingency',
    );
    expect(await normalizedMutualInfoScore([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    close(await normalizedMutualInfoScore([0, 0, 1, 2], [0, 0, 1, 1], { averageMethod: 'max' }), 2 / 3, 'NMI max');
    expect(await adjustedMutualInfoScore([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    close(await adjustedMutualInfoScore([0, 0, 1, 1], [0, 1, 0, 1]), -0.5, 'AMI');
    close(await homogeneityCompletenessVMeasure([0, 0, 1, 1], [0, 0, 1, 2]), { homogeneity: 1, completeness: 2 / 3, vMeasure: 0.8 }, 'hcv');
    close(await homogeneityScore([0, 0, 1, 1], [0, 0, 1, 2]), 1, 'homogeneity');
    expect(await completenessScore([0, 0, 1, 1], [0, 0, 0, 0])).toBe(1);
    close(await vMeasureScore([0, 0, 1, 2], [0, 0, 1, 1]), 0.8, 'vMeasure');
    expect(await fowlkesMallowsScore([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    expect(await fowlkesMallowsScore([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
  });
});
