import { describe, expect, it } from 'vitest';
import fixture from '../__fixtures__/text.json';
import { expectClose } from '../__fixtures__/reference.js';
import { rouge, Rouge, rougeTokenize } from './rouge.js';

describe('ROUGE matches the rouge_score-definition reference', () => {
  fixture.rouge.forEach((testCase) => {
    it(JSON.stringify(testCase.target), () => {
      expectClose(rouge(testCase.target, testCase.prediction), testCase.scores, 1e-12);
    });
  });

  it('averages pairs when streaming', async () => {
    const metric = new Rouge();
    await metric.update(
      fixture.rouge.map((entry) => entry.target),
      fixture.rouge.map((entry) => entry.prediction),
    );
    const mean = fixture.rouge.reduce((sum, entry) => sum + entry.scores.rougeL.fMeasure, 0) / fixture.rouge.length;
    expectClose(metric.compute().rougeL.fMeasure, mean, 1e-12);
  });

  it('tokenizes like rouge_score and accepts tokens', () => {
    expect(rougeTokenize("It's A-OK, 42!")).toEqual(['it', 's', 'a', 'ok', '42']);
    // LCS of [a b c d] and [a c d]: 3 → P = 1, R = 0.75, F = 6/7
    expectClose(rouge(['a', 'b', 'c', 'd'], ['a', 'c', 'd']).rougeL, { precision: 1, recall: 0.75, fMeasure: 6 / 7 });
    expect(() => new Rouge().compute()).toThrow(/^Rouge: no pairs were given/);
  });
});
