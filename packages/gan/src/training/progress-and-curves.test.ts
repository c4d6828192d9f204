import { decodePng } from '@dl/data';
import { describe, expect, it } from 'vitest';
import { zeros } from '@dl/tensor';
import { loadMnistClassifier } from '../mnist-classifier-weights.js';
import { curvesPng } from './loss-curve.js';
import { sampleGridPng } from './sample-grid.js';
import { progressLine } from './progress-line.js';

describe('progressLine', () => {
  it('shows the step, a bar, and both losses (the last G loss on critic-only steps)', () => {
    expect(progressLine({ step: 50, discriminatorLoss: 1.23456, generatorLoss: 0.5 }, 200)).toBe(
      'step  50/200 [#####---------------] D 1.2346  G 0.5000',
    );
    expect(progressLine({ step: 51, discriminatorLoss: -2, generatorLoss: null }, 200, 0.25)).toBe(
      'step  51/200 [#####---------------] D -2.0000  G 0.2500',
    );
    expect(progressLine({ step: 1, discriminatorLoss: 1, generatorLoss: null }, 200)).toContain('G —');
  });
});

describe('curvesPng', () => {
  it('draws each series in its colour on a white canvas, negative values included', async () => {
    const png = await decodePng(
      await curvesPng(
        [
          { values: [-3, -1, 0, 2], colour: [31, 119, 180] },
          { values: [null, 1, null, 1.5], colour: [255, 127, 14] },
        ],
        { width: 80, height: 40, smoothing: 1 },
      ),
    );
    expect([png.width, png.height, png.channels]).toEqual([80, 40, 3]);
    const colours = new Set<string>();
    for (let at = 0; at < png.data.length; at += 3) colours.add(`${png.data[at]},${png.data[at + 1]},${png.data[at + 2]}`);
    expect(colours.has('255,255,255')).toBe(true);
    expect(colours.has('31,119,180')).toBe(true);
    expect(colours.has('255,127,14')).toBe(true);
  });

  it('the image helpers name an unknown option (torchvision’s make_grid spells nrow; `n_row` was ignored)', async () => {
    await expect(curvesPng([{ values: [1, 2], colour: [0, 0, 0] }], { smooth: 5 } as never)).rejects.toThrow(
      'curvesPng: unknown option `smooth`',
    );
    await expect(sampleGridPng(zeros([4, 16]), { imageShape: [1, 4, 4], n_row: 2 } as never)).rejects.toThrow(
      'sampleGridPng: unknown option `n_row` (did you mean `nrow`?)',
    );
    await expect(loadMnistClassifier({ device: 'cpu', map_location: 'cpu' } as never)).rejects.toThrow(
      'loadMnistClassifier: unknown option `map_location`',
    );
  });
});
