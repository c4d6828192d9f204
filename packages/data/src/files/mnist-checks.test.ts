import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMnist } from './mnist.js';

/** An IDX file: magic 00 00 type ndims, big-endian sizes, then the values (big-endian). */
function idx(type: number, shape: number[], values: number[]): Uint8Array {
  const width = type === 0x0d ? 4 : 1;
  const bytes = new Uint8Array(4 + 4 * shape.length + values.length * width);
  const view = new DataView(bytes.buffer);
  bytes[2] = type;
  bytes[3] = shape.length;
  shape.forEach((size, i) => view.setUint32(4 + 4 * i, size));
  values.forEach((value, i) =>
    type === 0x0d ? view.setFloat32(4 + 4 * shape.length + 4 * i, value) : view.setUint8(4 + 4 * shape.length + i, value),
  );
  return bytes;
}

function mnistRoot(images: Uint8Array, labels: Uint8Array): string {
  const root = mkdtempSync(join(tmpdir(), 'dl-mnist-checks-'));
  writeFileSync(join(root, 't10k-images-idx3-ubyte'), images);
  writeFileSync(join(root, 't10k-labels-idx1-ubyte'), labels);
  return root;
}

describe('MNIST labels and image shapes are checked', () => {
  const twoImages = idx(0x08, [2, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7]);

  it('float labels are refused, not truncated (1.5 would become 1)', async () => {
    const root = mnistRoot(twoImages, idx(0x0d, [2], [1.5, 2]));
    await expect(loadMnist({ root, train: false })).rejects.toThrow(
      `${join(root, 't10k-labels-idx1-ubyte')}: expected ubyte labels, got float`,
    );
  });

  it('a label outside 0..9 is refused with its index', async () => {
    const root = mnistRoot(twoImages, idx(0x08, [2], [3, 200]));
    await expect(loadMnist({ root, train: false })).rejects.toThrow(
      /t10k-labels-idx1-ubyte: label 200 at index 1 is not a class index 0\.\.9/,
    );
  });

  it('0 × 0 images are refused', async () => {
    const root = mnistRoot(idx(0x08, [2, 0, 0], []), idx(0x08, [2], [1, 2]));
    await expect(loadMnist({ root, train: false })).rejects.toThrow(/t10k-images-idx3-ubyte: images of 0 × 0 pixels/);
  });

  it('valid files still load', async () => {
    const { images, labels } = await loadMnist({ root: mnistRoot(twoImages, idx(0x08, [2], [0, 9])), train: false });
    expect(images.shape).toEqual([2, 1, 2, 2]);
    expect(labels.toArraySync()).toEqual([0, 9]);
  });
});
