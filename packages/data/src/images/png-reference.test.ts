import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodePng } from './png.js';
import { defaultMaxPixels } from './png-header.js';

/** Written by tools/fixtures/data_png_cases.py: Pillow's verdict and pixels, and the spec's verdict where Pillow is lenient. */
const fixture = JSON.parse(readFileSync(new URL('../../test/__fixtures__/data_png_cases.json', import.meta.url), 'utf8')) as {
  maxImagePixels: number;
  cases: Array<{
    name: string;
    base64: string;
    pillow: string;
    spec: 'ok' | 'error' | 'unsupported' | 'limit';
    width?: number;
    height?: number;
    pixels?: number[];
  }>;
};
const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

async function failure(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('PNG decoding against Pillow and the PNG spec', () => {
  it("the default pixel limit is Pillow's MAX_IMAGE_PIXELS", () => {
    expect(defaultMaxPixels).toBe(fixture.maxImagePixels);
  });

  it.each(fixture.cases)('$name: spec $spec, Pillow $pillow', async ({ name, base64, pillow, spec, width, height, pixels }) => {
    const bytes = bytesOf(base64);
    if (spec === 'ok') {
      expect(pillow).toBe('ok');
      const image = await decodePng(bytes, 'case.png');
      expect([image.width, image.height]).toEqual([width, height]);
      expect(Array.from(image.data)).toEqual(pixels);
      return;
    }
    const error = await failure(() => decodePng(bytes, { name: 'case.png' }));
    expect(error.constructor, error.message).toBe(Error); // never an internal RangeError/TypeError
    expect(error.message).toMatch(/^case\.png: /);
    if (spec === 'limit') expect(error.message).toMatch(/over the limit of 89478485.*maxPixels/);
    if (spec === 'unsupported') expect(error.message).toMatch(/interlaced/);
    expect(name).toBeTruthy();
  });

  it('the limit can be raised: the 16000 × 16000 header then passes and its (fake) data is what fails', async () => {
    const bomb = fixture.cases.find((entry) => entry.spec === 'limit')!;
    const error = await failure(() => decodePng(bytesOf(bomb.base64), { name: 'big.png', maxPixels: 300_000_000 }));
    expect(error.message).toMatch(/^big\.png: truncated PNG image data/);
    await expect(decodePng(bytesOf(bomb.base64), { name: 'big.png', maxPixel: 1 } as never)).rejects.toThrow(
      /decodePng: unknown option `maxPixel`. Accepted options: name, maxPixels/,
    );
  });
});
