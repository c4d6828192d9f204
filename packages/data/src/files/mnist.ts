import { checkOptions, refuseExtraArguments, tensor, type Tensor } from '@dl/tensor';
import { Dataset } from '../dataset/dataset.js';
import { maybeGunzip } from '../platform/compression.js';
import { describeSource, fileExists, joinPath, readBytes } from '../platform/read-bytes.js';
import { parseIdx } from './idx.js';
import { requireRoot } from './require-root.js';
import { applyTransform, type TransformLike } from '../transforms/transform.js';

export interface LoadMnistOptions {
  /**
   * Folder with the standard files (`train-images-idx3-ubyte[.gz]`, `train-labels-idx1-ubyte[.gz]`,
   * `t10k-images-idx3-ubyte[.gz]`, `t10k-labels-idx1-ubyte[.gz]`), directly or under `MNIST/raw/`
   * (torchvision's layout), as a path (Node) or a URL. Required by `@dl/data`'s loaders; the real
   * subset that needs no download (8,004 train / 1,996 test digits) is in the package `@dl/datasets`,
   * whose `loadMnist` reads it when `root` is left out.
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

/** The images and labels files of one MNIST-format split, each a path (Node) or a URL. */
export interface MnistFiles {
  /** The `*-images-idx3-ubyte` file, plain or gzip. */
  images: string | URL;
  /** The `*-labels-idx1-ubyte` file, plain or gzip. */
  labels: string | URL;
}

/** MNIST, Fashion-MNIST and KMNIST all have 10 classes. */
const classCount = 10;

/** Finds one split's standard files under `options.root` (MNIST, Fashion-MNIST, KMNIST share them) and reads them. */
async function loadIdxImageSet(
  operation: string,
  options: LoadMnistOptions,
  folder: string,
  instead: { name: string; call: string } | null,
): Promise<MnistData> {
  checkOptions(operation, options, ['root', 'train']);
  requireRoot(operation, options.root, `${folder}'s standard files (train-images-idx3-ubyte[.gz], …)`, instead);
  const prefix = options.train === false ? 't10k' : 'train';
  const imagesFile = `${prefix}-images-idx3-ubyte`;
  const labelsFile = `${prefix}-labels-idx1-ubyte`;
  const [images, labels] = await inOrder([locate(options.root, imagesFile, folder), locate(options.root, labelsFile, folder)]);
  return readMnistFiles({ images, labels });
}

/**
 * Reads one MNIST-format split (MNIST, Fashion-MNIST, KMNIST) from its two files given by name,
 * plain or gzip: images [N, 1, rows, columns] float32 in [0, 1], labels [N] int32, with the same
 * checks as `loadMnist`. For files that do not sit under the standard names in one folder (a
 * bundler's renamed assets, a server's URLs).
 * @example
 * const test = await readMnistFiles({ images: './t10k-images.gz', labels: './t10k-labels.gz' });
 */
export async function readMnistFiles(files: MnistFiles, ...extra: never[]): Promise<MnistData> {
  if (extra.length > 0) refuseExtraArguments('readMnistFiles', ['files'], extra);
  checkOptions('readMnistFiles', files, ['images', 'labels']);
  if (files?.images === undefined || files.labels === undefined)
    throw new Error('readMnistFiles: expected { images, labels }, the two files of one split (paths or URLs)');
  const { images: imagesSource, labels: labelsSource } = files;
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
 * MNIST as tensors from its standard files under `root`: images [N, 1, 28, 28] float32 in [0, 1],
 * labels [N] int32. `root` is required here; the real subset that ships ready to use (8,004 training
 * and 1,996 test digits) is in `@dl/datasets`, whose `loadMnist` takes the same options and reads it
 * when `root` is left out.
 * @example
 * const test = await loadMnist({ root: './data', train: false }); // the 10,000 standard test digits
 */
export async function loadMnist(options: LoadMnistOptions & { root: string | URL }, ...extra: never[]): Promise<MnistData> {
  if (extra.length > 0) refuseExtraArguments('loadMnist', ['options'], extra);
  return loadIdxImageSet('loadMnist', options ?? {}, 'MNIST', { name: 'loadMnist', call: 'loadMnist({ train })' });
}

/**
 * Fashion-MNIST from its standard files under `root` (the same names and format as MNIST; nothing is bundled).
 * Classes: T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot.
 * @example
 * const { images, labels } = await loadFashionMnist({ root: './fashion', train: false });
 */
export async function loadFashionMnist(options: LoadMnistOptions & { root: string | URL }, ...extra: never[]): Promise<MnistData> {
  if (extra.length > 0) refuseExtraArguments('loadFashionMnist', ['options'], extra);
  return loadIdxImageSet('loadFashionMnist', options ?? {}, 'FashionMNIST', null);
}

/**
 * MNIST as a Dataset (torchvision's `datasets.MNIST`): item i is `[image, label]`, the image a
 * float32 tensor [1, 28, 28] (CHW) with values in [0, 1] — what torchvision's `ToTensor` gives, so no
 * `ToTensor` is needed (given one, it passes the image through) — and the label a number; with an
 * optional transform on the image.
 * @example
 * const train = await MnistDataset.load({ root: './data', transform: new Normalize([0.1307], [0.3081]) });
 * const [image, label] = train.getItem(0);
 * // the bundled subset: new MnistDataset(await loadMnist({ train: true }), transform), loadMnist from @dl/datasets
 */
export class MnistDataset extends Dataset<[Tensor, number]> {
  private readonly labelValues: Int32Array;

  constructor(
    readonly data: MnistData,
    readonly transform?: TransformLike,
    ...extra: never[]
  ) {
    super();
    if (extra.length > 0) refuseExtraArguments('MnistDataset', ['data', 'transform'], extra);
    this.labelValues = data.labels.dataSync() as Int32Array;
  }

  /** Loads the standard files under `root` (`loadMnist`) and wraps them; `root` is required, as for `loadMnist`. */
  static async load(options: LoadMnistOptions & { root: string | URL; transform?: TransformLike }): Promise<MnistDataset> {
    checkOptions('MnistDataset.load', options, ['root', 'train', 'transform']);
    requireRoot('MnistDataset.load', options?.root, "MNIST's standard files (train-images-idx3-ubyte[.gz], …)", {
      name: 'loadMnist',
      call: 'new MnistDataset(await loadMnist({ train }), transform)',
    });
    const { transform, ...rest } = options;
    return new this(await loadMnist({ ...rest, root: options.root }), transform);
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
