import { encodePng } from '@dl/data';
import { describeValue } from '@dl/tensor';
import { checkOptions } from '../options.js';

/** One curve: its values (one per step; `null` where there is none) and an RGB colour. */
export interface CurveSeries {
  values: readonly (number | null)[];
  colour: readonly [number, number, number];
}

/**
 * Curves as a PNG (no text: a white canvas, light grid lines at quarters of the value range, axes, and
 * each series with a lighter raw line under a moving average over `smoothing` points). The y range
 * spans every series' minimum to maximum, so negative losses (WGAN) fit.
 * @example
 * const png = await curvesPng([{ values: discriminatorLosses, colour: [31, 119, 180] }, { values: generatorLosses, colour: [255, 127, 14] }]);
 */
export async function curvesPng(
  series: readonly CurveSeries[],
  options: { width?: number; height?: number; smoothing?: number } = {},
): Promise<Uint8Array> {
  if (
    !Array.isArray(series as unknown) ||
    !series.every((curve) => typeof curve === 'object' && curve !== null && Array.isArray(curve.values))
  )
    throw new Error(`curvesPng: expects a list of curves [{ values, colour }], got ${describeValue(series)}`);
  checkOptions('curvesPng', options, ['width', 'height', 'smoothing']);
  const { width = 640, height = 360, smoothing = 20 } = options;
  const margin = 30;
  const pixels = new Uint8Array(width * height * 3).fill(255);
  const set = (x: number, y: number, colour: readonly number[]) => {
    if (!(x >= 0 && y >= 0 && x < width && y < height)) return;
    const at = (Math.round(y) * width + Math.round(x)) * 3;
    pixels.set(colour, at);
  };
  const line = (x0: number, y0: number, x1: number, y1: number, colour: readonly number[]) => {
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
    for (let i = 0; i <= steps; i++) set(x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * i) / steps, colour);
  };
  const finite = series.flatMap((curve) => curve.values.filter((value): value is number => value !== null && Number.isFinite(value)));
  const low = Math.min(0, ...finite);
  const high = Math.max(low + 1e-12, ...finite);
  const length = Math.max(1, ...series.map((curve) => curve.values.length));
  const toX = (index: number) => margin + ((width - 2 * margin) * index) / Math.max(1, length - 1);
  const toY = (value: number) => height - margin - ((height - 2 * margin) * (value - low)) / (high - low);
  for (let tick = 0; tick <= 4; tick++)
    line(margin, toY(low + ((high - low) * tick) / 4), width - margin, toY(low + ((high - low) * tick) / 4), [225, 225, 225]);
  if (low < 0) line(margin, toY(0), width - margin, toY(0), [150, 150, 150]);
  line(margin, height - margin, width - margin, height - margin, [0, 0, 0]);
  line(margin, margin, margin, height - margin, [0, 0, 0]);
  const draw = (values: readonly (number | null)[], colour: readonly number[]) => {
    let previous = -1;
    values.forEach((value, index) => {
      if (value === null || !Number.isFinite(value)) return;
      if (previous >= 0) line(toX(previous), toY(values[previous]!), toX(index), toY(value), colour);
      previous = index;
    });
  };
  for (const curve of series) {
    draw(
      curve.values,
      curve.colour.map((channel) => Math.round(255 - (255 - channel) * 0.35)),
    );
    const present: number[] = [];
    const smoothed = curve.values.map((value) => {
      if (value === null || !Number.isFinite(value)) return null;
      present.push(value);
      const window = present.slice(-smoothing);
      return window.reduce((sum, item) => sum + item, 0) / window.length;
    });
    draw(smoothed, curve.colour);
  }
  return encodePng({ data: pixels, width, height, channels: 3 });
}
