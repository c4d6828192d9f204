import { encodePng } from '@dl/data';

/**
 * A loss curve as a PNG: a white canvas, light grid, axes, the curve in blue (a moving average
 * in dark blue on top). Values are drawn on a linear scale from 0 to the maximum.
 * @param {number[]} values one loss per training step
 * @param {{ width?: number, height?: number, smoothing?: number }} [options]
 * @returns {Promise<Uint8Array>} PNG bytes
 */
export async function lossCurvePng(values, options = {}) {
  const { width = 640, height = 360, smoothing = 20 } = options;
  const margin = 30;
  const pixels = new Uint8Array(width * height * 3).fill(255);
  const set = (x, y, [r, g, b]) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const at = (Math.round(y) * width + Math.round(x)) * 3;
    pixels[at] = r;
    pixels[at + 1] = g;
    pixels[at + 2] = b;
  };
  const line = (x0, y0, x1, y1, colour) => {
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
    for (let i = 0; i <= steps; i++) set(x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * i) / steps, colour);
  };
  const maximum = Math.max(...values, 1e-12);
  const toX = (index) => margin + ((width - 2 * margin) * index) / Math.max(1, values.length - 1);
  const toY = (value) => height - margin - ((height - 2 * margin) * value) / maximum;
  for (let tick = 0; tick <= 4; tick++) line(margin, toY((maximum * tick) / 4), width - margin, toY((maximum * tick) / 4), [225, 225, 225]);
  line(margin, height - margin, width - margin, height - margin, [0, 0, 0]);
  line(margin, margin, margin, height - margin, [0, 0, 0]);
  const draw = (series, colour) => {
    for (let i = 1; i < series.length; i++) line(toX(i - 1), toY(series[i - 1]), toX(i), toY(series[i]), colour);
  };
  draw(values, [150, 190, 240]);
  const smoothed = values.map((_, i) => {
    const window = values.slice(Math.max(0, i - smoothing + 1), i + 1);
    return window.reduce((sum, value) => sum + value, 0) / window.length;
  });
  draw(smoothed, [20, 60, 160]);
  return encodePng({ data: pixels, width, height, channels: 3 });
}
