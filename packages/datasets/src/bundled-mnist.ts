/**
 * The MNIST subset that ships with this package (`packages/datasets/data/mnist/`). Each file is a literal
 * `new URL('../data/...', import.meta.url)`: the form bundlers follow (Vite copies the file into the
 * build and rewrites the URL), which a template such as `../data/${name}` is not. This module sits
 * directly under src/ (and its built code directly under dist/), so `../data/` reaches the folder
 * from both. Each URL is made when called, never at load: bundles without `import.meta` (esbuild's
 * iife) then fail only if the bundled files are asked for.
 */
export function bundledMnistFiles(train: boolean): { images: URL; labels: URL } {
  return train
    ? {
        images: new URL('../data/mnist/train-images-idx3-ubyte.gz', import.meta.url),
        labels: new URL('../data/mnist/train-labels-idx1-ubyte.gz', import.meta.url),
      }
    : {
        images: new URL('../data/mnist/t10k-images-idx3-ubyte.gz', import.meta.url),
        labels: new URL('../data/mnist/t10k-labels-idx1-ubyte.gz', import.meta.url),
      };
}
