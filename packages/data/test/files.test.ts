import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  MnistDataset,
  csvToTensor,
  loadCifar10,
  loadFashionMnist,
  loadMnist,
  parseCifar10Batch,
  parseCsv,
  parseIdx,
  readCsv,
  readIdx,
  readMnistFiles,
} from '@dl/data';

/** An IDX file built by hand: magic 00 00 08 NDIMS, big-endian sizes, bytes. */
function idxBytes(shape: number[], data: number[]): Uint8Array {
  const header = Buffer.alloc(4 + 4 * shape.length);
  header[2] = 0x08;
  header[3] = shape.length;
  shape.forEach((size, i) => header.writeUInt32BE(size, 4 + 4 * i));
  return new Uint8Array(Buffer.concat([header, Buffer.from(data)]));
}

describe('IDX reader', () => {
  it('decodes ubyte data and other element types', () => {
    expect(parseIdx(idxBytes([2, 3], [1, 2, 3, 4, 5, 255]))).toEqual({
      shape: [2, 3],
      type: 'ubyte',
      data: new Uint8Array([1, 2, 3, 4, 5, 255]),
    });
    const ints = new Uint8Array([0, 0, 0x0c, 1, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xfe, 0, 0, 1, 0]);
    expect(Array.from(parseIdx(ints).data)).toEqual([-2, 256]);
  });
  it('gives clear errors for a wrong magic number and truncated files, naming the file', () => {
    expect(() => parseIdx(new Uint8Array([0x1f, 0x8b, 8, 0]), 'train-images-idx3-ubyte')).toThrow(
      /train-images-idx3-ubyte: wrong magic number 0x1f8b0800/,
    );
    expect(() => parseIdx(idxBytes([2, 3], [1, 2, 3]), 'x.idx')).toThrow(
      /x.idx: truncated IDX file: shape \[2, 3\] of ubyte needs 18 bytes, the file has 15/,
    );
    expect(() => parseIdx(new Uint8Array([0, 0, 8, 3, 0, 0]), 'y.idx')).toThrow(/y.idx: truncated IDX file: the header needs 16 bytes/);
  });
  it('reads plain and gzipped files, and names the file in errors', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'idx-'));
    writeFileSync(join(folder, 'a.idx'), idxBytes([3], [7, 8, 9]));
    writeFileSync(join(folder, 'a.idx.gz'), gzipSync(idxBytes([3], [7, 8, 9])));
    writeFileSync(join(folder, 'broken.gz'), gzipSync(idxBytes([3], [7, 8, 9])).subarray(0, 20));
    expect((await readIdx(join(folder, 'a.idx'))).toArraySync()).toEqual([7, 8, 9]);
    expect((await readIdx(join(folder, 'a.idx.gz'))).dtype).toBe('int32');
    await expect(readIdx(join(folder, 'broken.gz'))).rejects.toThrow(/broken.gz: corrupt or truncated gzip data/);
    await expect(readIdx(join(folder, 'missing.idx'))).rejects.toThrow(/missing.idx: cannot read file/);
  });
});

describe('loadMnist', () => {
  it('needs a root: called without one it says the bundled subset is in @dl/datasets', async () => {
    const noRoot = {} as { root: string };
    await expect(loadMnist(noRoot)).rejects.toThrow(
      /^loadMnist: no root given\. .*the bundled subset .* lives in the package @dl\/datasets: npm install @dl\/datasets, then import \{ loadMnist \} from '@dl\/datasets'/,
    );
    await expect((loadMnist as (options?: object) => Promise<unknown>)()).rejects.toThrow(/^loadMnist: no root given.*@dl\/datasets/);
    await expect(MnistDataset.load(noRoot)).rejects.toThrow(
      /^MnistDataset\.load: no root given.*import \{ loadMnist \} from '@dl\/datasets'/,
    );
    // Fashion-MNIST is not bundled anywhere: its error does not send users to @dl/datasets
    await expect(loadFashionMnist(noRoot)).rejects.toThrow(/^loadFashionMnist: no root given.*not bundled with @dl\)$/);
  });
  it('rejects an argument it does not take instead of throwing before its promise', async () => {
    // `loadMnist(options).catch(report)` must see every failure; the extra argument used to throw at the call
    const extra = [{ root: '/data' }, true] as unknown as [{ root: string }];
    let promise: Promise<unknown> | undefined;
    expect(() => (promise = loadMnist(...extra))).not.toThrow();
    await expect(promise).rejects.toThrow(/^loadMnist: takes \(options\), got 2 arguments/);
    expect(() => (promise = loadFashionMnist(...extra))).not.toThrow();
    await expect(promise).rejects.toThrow(/^loadFashionMnist: takes \(options\), got 2 arguments/);
  });
  it('reads the standard files from a root (plain, .gz or MNIST/raw/) and reports what is missing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mnist-'));
    const pixels = Array.from({ length: 2 * 28 * 28 }, (_, i) => i % 256);
    writeFileSync(join(root, 't10k-images-idx3-ubyte'), idxBytes([2, 28, 28], pixels));
    writeFileSync(join(root, 't10k-labels-idx1-ubyte.gz'), gzipSync(idxBytes([2], [3, 9])));
    const { images, labels } = await loadMnist({ root, train: false });
    expect(images.shape).toEqual([2, 1, 28, 28]);
    expect(images.dataSync()[255]).toBe(1);
    expect(labels.toArraySync()).toEqual([3, 9]);
    await expect(loadMnist({ root, train: true })).rejects.toThrow(/train-images-idx3-ubyte: file not found/);
    writeFileSync(join(root, 'train-images-idx3-ubyte'), idxBytes([2, 28, 28], pixels));
    writeFileSync(join(root, 'train-labels-idx1-ubyte'), idxBytes([3], [1, 2, 3]));
    await expect(loadMnist({ root })).rejects.toThrow(/train-labels-idx1-ubyte: expected 2 labels/);
  });
  it('reads a split from two files given by name (readMnistFiles)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mnist-files-'));
    writeFileSync(join(folder, 'digits.gz'), gzipSync(idxBytes([2, 2, 2], [0, 255, 51, 0, 0, 0, 0, 255])));
    writeFileSync(join(folder, 'digit-labels'), idxBytes([2], [7, 1]));
    const { images, labels } = await readMnistFiles({ images: join(folder, 'digits.gz'), labels: join(folder, 'digit-labels') });
    expect(images.shape).toEqual([2, 1, 2, 2]);
    expect(images.dataSync()[2]).toBeCloseTo(0.2, 6);
    expect(labels.toArraySync()).toEqual([7, 1]);
    await expect(readMnistFiles({ images: join(folder, 'digits.gz') } as never)).rejects.toThrow(
      /^readMnistFiles: expected \{ images, labels \}/,
    );
    await expect(readMnistFiles({ images: join(folder, 'digits.gz'), labels: join(folder, 'missing') })).rejects.toThrow(
      /missing: cannot read file/,
    );
  });
  it('is a Dataset with a transform', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mnist-dataset-'));
    writeFileSync(join(root, 't10k-images-idx3-ubyte.gz'), gzipSync(idxBytes([3, 28, 28], new Array(3 * 28 * 28).fill(255))));
    writeFileSync(join(root, 't10k-labels-idx1-ubyte.gz'), gzipSync(idxBytes([3], [4, 0, 9])));
    const dataset = await MnistDataset.load({ root, train: false, transform: (image) => image.mul(2) });
    expect(dataset.length).toBe(3);
    const [image, label] = dataset.getItem(-1);
    expect(image.shape).toEqual([1, 28, 28]);
    expect(image.max().itemSync()).toBe(2);
    expect(label).toBe(9);
  });
});

describe('CIFAR-10 and CSV', () => {
  it('decodes CIFAR-10 records (label byte then CHW pixels) and rejects partial records', async () => {
    const record = new Uint8Array(3073);
    record[0] = 7;
    record[1] = 255; // red (0, 0)
    record[1 + 1024 + 33] = 51; // green (1, 1)
    const { images, labels } = parseCifar10Batch(record);
    expect(labels.toArraySync()).toEqual([7]);
    expect(images.shape).toEqual([1, 3, 32, 32]);
    expect(images.dataSync()[0]).toBe(1);
    expect(images.dataSync()[1024 + 33]).toBeCloseTo(0.2, 6);
    expect(() => parseCifar10Batch(record.subarray(0, 3000), 'data_batch_1.bin')).toThrow(
      /data_batch_1.bin: 3000 bytes is not a whole number of 3073-byte/,
    );
    const root = mkdtempSync(join(tmpdir(), 'cifar-'));
    writeFileSync(join(root, 'test_batch.bin'), Buffer.concat([record, record]));
    expect((await loadCifar10({ root, train: false })).images.shape).toEqual([2, 3, 32, 32]);
  });
  it('parses CSV with quotes and converts columns to tensors', async () => {
    const table = parseCsv('name,x,y\r\n"Smith, J",1,2.5\n"say ""hi""",3,-4\n');
    expect(table.columns).toEqual(['name', 'x', 'y']);
    expect(table.rows[1]![0]).toBe('say "hi"');
    expect(csvToTensor(table, { columns: ['x', 'y'] }).toArraySync()).toEqual([
      [1, 2.5],
      [3, -4],
    ]);
    expect(() => csvToTensor(table)).toThrow(/line 2, column "name": "Smith, J" is not a decimal number/);
    const folder = mkdtempSync(join(tmpdir(), 'csv-'));
    writeFileSync(join(folder, 'ragged.csv'), 'a,b\n1,2\n3\n');
    await expect(readCsv(join(folder, 'ragged.csv'))).rejects.toThrow(/ragged.csv: line 3 has 1 fields, expected 2/);
  });
});
