import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../images/crc32.js';
import { decodePng, encodePng } from '../images/png.js';
import { parseCifar10Batch } from './cifar10.js';
import { csvToTensor, parseCsv } from './csv.js';
import { parseIdx } from './idx.js';

/**
 * Property-based tests of the file readers (fast-check, seeded and bounded): every input gives a
 * correct result or a clear error naming the file, never an internal TypeError/RangeError, and the
 * output is never larger than the input (or the declared limit) allows.
 */
const settings = { seed: 20261204, numRuns: 300 } as const;

async function resultOrClearError<T>(parse: () => T | Promise<T>, name: string): Promise<T | undefined> {
  try {
    return await parse();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).constructor, (error as Error).stack).toBe(Error);
    expect((error as Error).message.startsWith(`${name}: `), (error as Error).message).toBe(true);
    return undefined;
  }
}

describe('IDX fuzz', () => {
  it('random headers and data: a clear error, or exactly shape-many values', async () => {
    const header = fc.tuple(
      fc.constantFrom(0, 1),
      fc.constantFrom(0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e, 0x07),
      fc.integer({ min: 0, max: 4 }),
    );
    await fc.assert(
      fc.asyncProperty(
        header,
        fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 4 }),
        fc.uint8Array({ maxLength: 200 }),
        async ([zero, type, rank], sizes, data) => {
          const bytes = new Uint8Array(4 + 4 * sizes.length + data.length);
          bytes.set([0, zero, type, rank]);
          sizes.forEach((size, i) => new DataView(bytes.buffer).setUint32(4 + 4 * i, size));
          bytes.set(data, 4 + 4 * sizes.length);
          const result = await resultOrClearError(() => parseIdx(bytes, 'fuzz.idx'), 'fuzz.idx');
          if (result) expect(result.data.length).toBe(result.shape.reduce((a, b) => a * b, 1));
          if (result) expect(result.data.length).toBeLessThanOrEqual(bytes.length);
        },
      ),
      settings,
    );
  });
});

describe('CSV fuzz', () => {
  it('random text: a clear error naming the file and line, or a [rows, columns] tensor of the fields', async () => {
    const text = fc.string({
      unit: fc.constantFrom(',', '"', '\n', '\r', '1', '2', '.', 'e', '-', '+', 'n', 'a', 'i', 'f', 'x', ' ', '0'),
      maxLength: 60,
    });
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom('float32', 'int32', 'bool', 'float64') as fc.Arbitrary<'float32'>, async (source, dtype) => {
        const table = await resultOrClearError(() => parseCsv(source, { name: 'fuzz.csv' }), 'fuzz.csv');
        if (!table) return;
        const values = await resultOrClearError(() => csvToTensor(table, { dtype }), 'fuzz.csv');
        if (values) expect(values.shape).toEqual([table.rows.length, table.columns.length]);
      }),
      settings,
    );
  });
});

/** Rewrites the IHDR fields of a PNG and fixes its CRC, so the decoder sees the fields, not a bad checksum. */
function withHeader(png: Uint8Array, fields: number[]): Uint8Array {
  const bytes = png.slice();
  const view = new DataView(bytes.buffer);
  view.setUint32(16, fields[0]!);
  view.setUint32(20, fields[1]!);
  bytes.set(fields.slice(2), 24);
  view.setUint32(29, crc32(bytes, 12, 29));
  return bytes;
}

describe('PNG fuzz', () => {
  const maxPixels = 4096;
  it('random IHDR fields (CRC fixed) and byte edits: a clear error, or at most maxPixels pixels', async () => {
    const valid = await encodePng({ data: Uint8Array.from({ length: 5 * 4 * 3 }, (_, i) => i * 7), width: 5, height: 4, channels: 3 });
    const fields = fc.tuple(
      fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constant(2 ** 31), fc.constant(70_000)),
      fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constant(2 ** 32 - 1), fc.constant(70_000)),
      fc.constantFrom(0, 1, 2, 4, 8, 16, 3),
      fc.constantFrom(0, 2, 3, 4, 6, 5),
      fc.constantFrom(0, 1),
      fc.constantFrom(0, 1),
      fc.constantFrom(0, 1, 2),
    );
    const edits = fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(fc.option(fields), edits, async (header, changes) => {
        const bytes = header ? withHeader(valid, header) : valid.slice();
        for (const [position, value] of changes) bytes[position] = value;
        const image = await resultOrClearError(() => decodePng(bytes, { name: 'fuzz.png', maxPixels }), 'fuzz.png');
        if (!image) return;
        expect(image.width * image.height).toBeLessThanOrEqual(maxPixels);
        expect(image.data.length).toBe(image.width * image.height * image.channels);
      }),
      settings,
    );
  });
});

describe('CIFAR-10 fuzz', () => {
  it('random record counts, labels and truncation: a clear error, or [N, 3, 32, 32] with labels 0..9', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: -3, max: 3 }),
        async (count, labels, extra) => {
          const bytes = new Uint8Array(Math.max(0, count * 3073 + extra));
          for (let i = 0; i < count; i++) if (i * 3073 < bytes.length) bytes[i * 3073] = labels[i]!;
          const batch = await resultOrClearError(() => parseCifar10Batch(bytes, 'fuzz.bin'), 'fuzz.bin');
          if (!batch) return;
          expect(batch.images.shape).toEqual([count, 3, 32, 32]);
          expect([...batch.labels.dataSync()].every((label) => label >= 0 && label <= 9)).toBe(true);
        },
      ),
      { ...settings, numRuns: 100 },
    );
  });
});
