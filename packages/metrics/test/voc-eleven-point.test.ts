// VOC2007's 11-point AP against the Python devkit's voc_ap(use_07_metric=True)
// (tools/fixtures/metrics_voc_eleven_point_reference.py): its recall points are np.arange(0., 1.1, 0.1),
// i · 0.1 in float64, so a recall of exactly 0.3, 0.6 or 0.7 falls just short of the point of that name.
// The thresholds were i / 10, which counted such a recall (3 of 10 found gave 4/11 instead of 3/11).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MeanAveragePrecision, vocMeanAveragePrecision, type DetectionPrediction, type DetectionTarget } from '../src/index.js';

interface Case {
  name: string;
  predictions: DetectionPrediction[];
  targets: DetectionTarget[];
  map: number;
  perClass: Record<string, number>;
}
const { cases } = JSON.parse(readFileSync(new URL('./__fixtures__/metrics_voc_eleven_point.json', import.meta.url), 'utf8')) as {
  cases: Case[];
};

describe("vocMeanAveragePrecision's elevenPoint, as the VOC devkit's voc_ap", () => {
  for (const entry of cases)
    it(entry.name, async () => {
      const result = await vocMeanAveragePrecision(entry.predictions, entry.targets, { elevenPoint: true });
      expect(result.map).toBeCloseTo(entry.map, 12);
      expect(Object.keys(result.perClass)).toEqual(Object.keys(entry.perClass));
      for (const [label, value] of Object.entries(entry.perClass)) expect(result.perClass[Number(label)]).toBeCloseTo(value, 12);
    });

  it('the streaming class samples the same points', async () => {
    const entry = cases.find((candidate) => candidate.name.startsWith('two images'))!;
    const metric = new MeanAveragePrecision({ style: 'voc', elevenPoint: true });
    for (const [index, prediction] of entry.predictions.entries()) await metric.update([prediction], [entry.targets[index]!]);
    expect(metric.compute().map).toBeCloseTo(entry.map, 12);
  });
});
