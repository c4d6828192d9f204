// logLoss's `labels` against scikit-learn 1.2 (tools/fixtures/metrics_log_loss_labels_reference.py): the
// probability columns stand for the given classes in order, so a batch may hold one class only, or
// labels that are not 0 … k − 1. The option was refused as unknown before.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LogLoss, logLoss, MetricInputError } from '../src/index.js';

interface Case {
  name: string;
  target: number[];
  probabilities: number[] | number[][];
  labels: number[];
  options: { normalize?: boolean };
  value?: number;
  error?: string;
}
const { cases } = JSON.parse(readFileSync(new URL('./__fixtures__/metrics_log_loss_labels.json', import.meta.url), 'utf8')) as {
  cases: Case[];
};

describe("logLoss's labels, as scikit-learn's", () => {
  for (const entry of cases)
    it(entry.name, async () => {
      const run = () => logLoss(entry.target, entry.probabilities, { ...entry.options, labels: entry.labels });
      if (entry.error !== undefined) {
        await expect(run()).rejects.toThrow(MetricInputError);
        await expect(run()).rejects.toThrow(/labels has \d+ classes but the probabilities have \d+ columns/);
        return;
      }
      expect(await run()).toBeCloseTo(entry.value!, 12);
    });

  it('the streaming class takes them too', async () => {
    const entry = cases.find((candidate) => candidate.name === 'labels that are not 0 … k − 1')!;
    const metric = new LogLoss({ labels: entry.labels });
    await metric.update(entry.target.slice(0, 2), (entry.probabilities as number[][]).slice(0, 2));
    await metric.update(entry.target.slice(2), (entry.probabilities as number[][]).slice(2));
    expect(metric.compute()).toBeCloseTo(entry.value!, 12);
  });

  it('refuses a target value outside labels, and labels out of order (scikit-learn counts no loss for the first)', async () => {
    const probabilities = [
      [0.2, 0.5, 0.3],
      [0.1, 0.8, 0.1],
    ];
    await expect(logLoss([1, 4], probabilities, { labels: [0, 1, 2] })).rejects.toThrow(
      'target holds 4, which is not among labels [0, 1, 2]',
    );
    await expect(logLoss([1, 2], probabilities, { labels: [2, 1, 0] })).rejects.toThrow('labels must be an increasing list of numbers');
  });
});
