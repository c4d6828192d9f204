import { describe, expect, it } from 'vitest';
import fixture from '../__fixtures__/classification.json';
import { classificationReport } from './classification-report.js';
import { formatFixed } from './python-format.js';

describe('classificationReport reproduces scikit-learn classification_report text', () => {
  for (const testCase of fixture.labelCases) {
    it(testCase.name, async () => {
      expect(await classificationReport(testCase.target, testCase.prediction)).toBe(testCase.report);
      expect(await classificationReport(testCase.target, testCase.prediction, { digits: 4 })).toBe(testCase.report4);
    });
  }

  it('with target names', async () => {
    const { target, prediction, names, text } = fixture.reports.targetNames;
    expect(await classificationReport(target, prediction, { targetNames: names })).toBe(text);
  });

  it('with a label subset (a micro avg line instead of accuracy)', async () => {
    const { target, prediction, labels, text } = fixture.reports.labelSubset;
    expect(await classificationReport(target, prediction, { labels })).toBe(text);
  });

  it('rounds exact ties half to even like Python', async () => {
    const { target, prediction, text } = fixture.reports.ties;
    expect(await classificationReport(target, prediction, { digits: 3 })).toBe(text);
    expect(formatFixed(0.125, 2)).toBe('0.12');
    expect(formatFixed(0.375, 2)).toBe('0.38');
    expect(formatFixed(2.5, 0)).toBe('2');
    expect(formatFixed(0.1 + 0.2, 1)).toBe('0.3');
  });

  it('rejects a wrong number of names', async () => {
    await expect(classificationReport([0, 1], [0, 1], { targetNames: ['a'] })).rejects.toThrow(
      /^classificationReport: 2 labels but 1 targetNames/,
    );
  });
});
