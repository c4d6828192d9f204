import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MnistDataset, readMnistFiles } from '@dl/data';
import { loadFortunes, loadMnist, loadSpamAssassin } from '@dl/datasets';

const bundled = (path: string) => new URL(`../data/${path}`, import.meta.url);

describe('loadMnist (bundled subset)', () => {
  it('loads the bundled real subset: [N, 1, 28, 28] float32 in [0, 1], int32 labels, every digit', async () => {
    const train = await loadMnist();
    const test = await loadMnist({ train: false });
    expect(train.images.shape).toEqual([8004, 1, 28, 28]);
    expect(test.images.shape).toEqual([1996, 1, 28, 28]);
    expect(train.images.dtype).toBe('float32');
    expect(train.labels.dtype).toBe('int32');
    expect(train.images.min().itemSync()).toBe(0);
    expect(train.images.max().itemSync()).toBe(1);
    const counts = new Array(10).fill(0);
    for (const label of test.labels.dataSync()) counts[label] += 1;
    expect(counts).toEqual([200, 225, 198, 206, 196, 172, 202, 214, 188, 195]);
    // real digits: mean intensity of MNIST is about 0.13, and a "1" has less ink than a "0"
    expect(train.images.mean().itemSync()).toBeGreaterThan(0.1);
    expect(train.images.mean().itemSync()).toBeLessThan(0.16);
    const ink = (digit: number) => {
      const labels = train.labels.dataSync();
      const index = labels.indexOf(digit);
      return train.images.select(0, index).sum().itemSync();
    };
    expect(ink(1)).toBeLessThan(ink(0));
  });

  it('gives exactly the digits of the bundled files, read by @dl/data from a root and by name', async () => {
    const test = await loadMnist({ train: false });
    const [images, labels] = [test.images.dataSync(), test.labels.dataSync()];
    const fromRoot = await loadMnist({ root: bundled('mnist/'), train: false });
    expect(fromRoot.images.dataSync()).toEqual(images);
    expect(fromRoot.labels.dataSync()).toEqual(labels);
    const byName = await readMnistFiles({
      images: bundled('mnist/t10k-images-idx3-ubyte.gz'),
      labels: bundled('mnist/t10k-labels-idx1-ubyte.gz'),
    });
    expect(byName.labels.dataSync()).toEqual(labels);
    // the same digits @dl/data bundled before they moved here: the first labels of each split (a
    // reshuffle would change them) and the ink of the whole test split
    expect(Array.from(labels.subarray(0, 12))).toEqual([7, 4, 7, 7, 2, 1, 4, 3, 3, 8, 6, 5]);
    expect(Array.from((await loadMnist()).labels.dataSync().subarray(0, 12))).toEqual([7, 0, 2, 6, 3, 0, 2, 5, 4, 8, 2, 0]);
    expect(test.images.sum().itemSync() / 206527.4).toBeCloseTo(1, 5);
  });

  it('with a root, reads the standard files there, as @dl/data does', async () => {
    const root = mkdtempSync(join(tmpdir(), 'datasets-mnist-'));
    const header = (shape: number[]) => {
      const bytes = Buffer.alloc(4 + 4 * shape.length);
      bytes[2] = 0x08;
      bytes[3] = shape.length;
      shape.forEach((size, i) => bytes.writeUInt32BE(size, 4 + 4 * i));
      return bytes;
    };
    writeFileSync(join(root, 'train-images-idx3-ubyte.gz'), gzipSync(Buffer.concat([header([2, 28, 28]), Buffer.alloc(2 * 784, 255)])));
    writeFileSync(join(root, 'train-labels-idx1-ubyte'), Buffer.concat([header([2]), Buffer.from([5, 6])]));
    const { images, labels } = await loadMnist({ root });
    expect(images.shape).toEqual([2, 1, 28, 28]);
    expect(labels.toArraySync()).toEqual([5, 6]);
    await expect(loadMnist({ root, train: false })).rejects.toThrow(/t10k-images-idx3-ubyte: file not found/);
  });

  it('feeds @dl/data’s MnistDataset, with a transform', async () => {
    const dataset = new MnistDataset(await loadMnist({ train: false }), (image) => image.mul(2));
    expect(dataset.length).toBe(1996);
    const [image, label] = dataset.getItem(-1);
    expect(image.shape).toEqual([1, 28, 28]);
    expect(image.max().itemSync()).toBe(2);
    expect(label).toBeGreaterThanOrEqual(0);
  });
});

describe('bundled text corpora', () => {
  it('loads the fortunes corpus and the labelled SpamAssassin subset', async () => {
    const fortunes = await loadFortunes();
    expect(fortunes.length).toBe(1743);
    expect(fortunes.every((entry) => entry.length > 0 && !entry.includes('\n%\n'))).toBe(true);
    const { texts, labels } = await loadSpamAssassin();
    expect(texts).toHaveLength(1500);
    expect(labels.filter((label) => label === 1)).toHaveLength(750);
    expect(texts[0]).toContain('Life Insurance');
  });

  it('with a root, reads the corpus file there; unknown options are rejected', async () => {
    expect(await loadFortunes({ root: bundled('text/') })).toEqual(await loadFortunes());
    expect((await loadSpamAssassin({ root: bundled('text') })).labels).toEqual((await loadSpamAssassin()).labels);
    await expect(loadFortunes({ rot: '.' } as never)).rejects.toThrow(/^loadFortunes: unknown option `rot`/);
    // torchvision's MNIST(root, train, download=True): the bundled subset was returned, the option ignored
    await expect(loadMnist({ download: true } as never)).rejects.toThrow(/^loadMnist: unknown option `download`/);
  });
});
