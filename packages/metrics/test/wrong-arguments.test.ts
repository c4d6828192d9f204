import { describe, expect, it } from 'vitest';
import { arange, Tensor, tensor } from '@dl/tensor';
import * as metrics from '../src/index.js';
import { argumentMistakes, exportedFunctions, numericValues, problemsAfterFirst } from '../../../tools/testing/wrong-arguments.js';
import { exportsGivenMistakesFirst } from '../../../tools/testing/wrong-arguments.js';
import { strayArgumentProblems, strayCandidates } from '../../../tools/testing/wrong-arguments.js';

// The mistakes of packages/tensor/test/method-bad-arguments.test.ts, made with every function of
// @dl/metrics: a tensor where token lists, texts, per-image detections or Float64Array moments go,
// then each mistake after it. Before, 7 functions failed in JavaScript's words ("Cannot read properties
// of undefined (reading 'length')", "text.toLowerCase is not a function").

const mistakes = argumentMistakes(tensor);
const valuesOf = numericValues(Tensor);
/** Class scores of two samples, in (0, 1). */
const scores = () => arange(1, 7).reshape(2, 3).div(10);

describe('@dl/metrics functions given the wrong arguments', () => {
  it('every function works or says what is wrong when given a tensor and a mistake', async () => {
    const functions = exportedFunctions(metrics);
    const problems = await problemsAfterFirst(functions, scores, mistakes, valuesOf);
    expect(functions.length).toBeGreaterThan(50);
    expect(problems).toEqual([]);
    expect(() => metrics.rougeTokenize(scores() as never)).toThrow('rougeTokenize: text must be a string, got a Tensor');
  });

  it('every function says what is wrong when a mistake stands for its first argument', async () => {
    expect(await exportsGivenMistakesFirst(metrics, tensor, Tensor)).toEqual([]);
  });
});

describe('@dl/metrics functions given an argument past their parameters', () => {
  it('every function refuses it, naming the operation', async () => {
    // f1Score(y, ŷ, 2) and fBetaScore(y, ŷ, 2, 0.5) spread the number into no options at all
    const { problems, probed } = await strayArgumentProblems(exportedFunctions(metrics), strayCandidates(tensor));
    expect(problems).toEqual([]);
    expect(probed).toBeGreaterThan(45);
  });
});
