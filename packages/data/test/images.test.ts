import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng, encodePng, makeGrid, pngToTensor, tensorToPng } from '@dl/data';
import { tensor } from '@dl/tensor';
import { maxDifference, reference } from './reference.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./__fixtures__/png/${name}.png`, import.meta.url)));

describe('PNG', () => {
  it('decodes files written by Pillow: grey, RGB, RGBA, grey + alpha, palette + tRNS, 1-bit, 16-bit', async () => {
    const channels: Record<string, number> = { gray: 1, rgb: 3, rgba: 4, 'gray-alpha': 2, palette: 4, 'one-bit': 1, gray16: 1 };
    for (const [name, expected] of Object.entries(reference.png as Record<string, number[]>)) {
      const image = await decodePng(fixture(name), name);
      expect([name, image.width, image.height, image.channels]).toEqual([name, 11, 9, channels[name]]);
      expect(Array.from(image.data)).toEqual(expected);
    }
  });
  it('encodes a valid PNG (zlib IDAT of filtered rows) that decodes to the same pixels', async () => {
    const data = Uint8Array.from({ length: 4 * 3 * 3 }, (_, i) => (i * 37) % 256);
    const bytes = await encodePng({ data, width: 4, height: 3, channels: 3 });
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // the IDAT body is a zlib stream of 3 rows of (filter byte 0 + 12 bytes)
    const idatLength = new DataView(bytes.buffer).getUint32(33);
    const rows = inflateSync(bytes.subarray(41, 41 + idatLength));
    expect(rows.length).toBe(3 * 13);
    expect(Array.from(rows.subarray(1, 13))).toEqual(Array.from(data.subarray(0, 12)));
    const decoded = await decodePng(bytes);
    expect(Array.from(decoded.data)).toEqual(Array.from(data));
  });
  it('round-trips tensors and reports broken files', async () => {
    const image = tensor([
      [
        [0, 0.5, 1],
        [1, 0.25, 0],
      ],
    ])
      .expand(3, 2, 3)
      .mul(tensor([1, 0.5, 0.2]).reshape(3, 1, 1));
    const back = await pngToTensor(await tensorToPng(image));
    expect(maxDifference(back.toArraySync(), image.toArraySync())).toBeLessThan(0.5 / 255 + 1e-7);
    const bytes = fixture('rgb');
    await expect(decodePng(bytes.subarray(0, 40), 'cut.png')).rejects.toThrow(/cut.png: truncated PNG file/);
    const corrupt = bytes.slice();
    corrupt[20] ^= 0xff;
    await expect(decodePng(corrupt, 'bad.png')).rejects.toThrow(/bad.png: corrupt PNG file \(bad CRC in chunk IHDR\)/);
    await expect(decodePng(new Uint8Array([1, 2, 3]), 'x.bin')).rejects.toThrow(/x.bin: not a PNG file/);
  });
});

describe('makeGrid (torchvision.utils.make_grid)', () => {
  it('tiles, pads and normalizes like torchvision', () => {
    const { batch, plain, normalized, scale_each: scaleEach } = reference.make_grid;
    const images = tensor(batch);
    expect(maxDifference(makeGrid(images, { nrow: 2, padding: 1, padValue: 0.25 }).toArraySync(), plain)).toBeLessThan(1e-6);
    expect(maxDifference(makeGrid(images, { nrow: 3, normalize: true }).toArraySync(), normalized)).toBeLessThan(1e-6);
    expect(maxDifference(makeGrid(images, { padding: 0, normalize: true, scaleEach: true }).toArraySync(), scaleEach)).toBeLessThan(1e-6);
  });
});
