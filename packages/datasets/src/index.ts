/**
 * @dl/datasets: small real datasets that ship with the package, so programs run offline and need no
 * download: an MNIST subset (8,004 training / 1,996 test digits), the fortunes corpus and a labelled
 * SpamAssassin sample. The loaders take the same options and give the same results as `@dl/data`'s
 * loaders of the same name, which read the full files from a `root` you give; here `root` is optional
 * and, left out, the bundled copy is read. `@dl/data` (DataLoader, transforms, readers) does not
 * carry these files.
 * @example
 * import { DataLoader, MnistDataset } from '@dl/data';
 * import { loadMnist } from '@dl/datasets';
 * const train = new MnistDataset(await loadMnist({ train: true }));
 * for await (const [images, labels] of new DataLoader(train, { batchSize: 64, shuffle: true })) {
 *   // images [64, 1, 28, 28] float32, labels [64] int32
 * }
 * @module @dl/datasets
 */
export { loadMnist } from './mnist.js';
export { loadFortunes, loadSpamAssassin } from './corpora.js';
export type { LoadCorpusOptions, LoadMnistOptions, MnistData } from '@dl/data';
