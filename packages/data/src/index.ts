/**
 * @dl/data: datasets and loaders (torch.utils.data), image transforms (torchvision.transforms),
 * synthetic data and preprocessing (scikit-learn's helpers), file readers, text tools and PNG images.
 * The bundled MNIST subset and text corpora are in `@dl/datasets`.
 * @example
 * import { DataLoader, TensorDataset, makeMoons, Generator } from '@dl/data';
 * const { x, y } = makeMoons({ nSamples: 200, noise: 0.1, randomState: 0 });
 * for await (const [inputs, labels] of new DataLoader(new TensorDataset(x, y), { batchSize: 32, shuffle: true, generator: new Generator(0) })) {
 *   // inputs [32, 2], labels [32]
 * }
 * @module @dl/data
 */
export { Generator, resolveGenerator } from './random/generator.js';

export { Dataset, IterableDataset, type IndexedSource, type MaybePromise } from './dataset/dataset.js';
export { TensorDataset } from './dataset/tensor-dataset.js';
export { Subset } from './dataset/subset.js';
export { ConcatDataset } from './dataset/concat-dataset.js';
export { ChainDataset } from './dataset/chain-dataset.js';
export { randomSplit } from './dataset/random-split.js';

export type { Sampler } from './loader/sampler.js';
export { SequentialSampler } from './loader/sequential-sampler.js';
export { RandomSampler, SubsetRandomSampler, type RandomSamplerOptions } from './loader/random-sampler.js';
export { WeightedRandomSampler } from './loader/weighted-random-sampler.js';
export { BatchSampler } from './loader/batch-sampler.js';
export { defaultCollate } from './loader/collate.js';
export { DataLoader, type DataLoaderOptions, type LoaderProgress } from './loader/data-loader.js';
export { setWorkerBase } from './loader/worker-pool.js';
export type { CreateDataset } from './loader/worker-connection.js';

export type { Samples, SampleOptions } from './synthetic/samples.js';
export { makeMoons, type MakeMoonsOptions } from './synthetic/make-moons.js';
export { makeCircles, type MakeCirclesOptions } from './synthetic/make-circles.js';
export { makeBlobs, type MakeBlobsOptions } from './synthetic/make-blobs.js';
export { makeClassification, type MakeClassificationOptions } from './synthetic/make-classification.js';
export { makeRegression, type MakeRegressionOptions } from './synthetic/make-regression.js';
export { noisySine, randomWalk, slidingWindows, type SineOptions } from './synthetic/time-series.js';

export { StandardScaler, type StandardScalerFitOptions } from './preprocessing/standard-scaler.js';
export { MinMaxScaler, type MinMaxScalerFitOptions } from './preprocessing/min-max-scaler.js';
export type { SampleWeight } from './preprocessing/sample-weight.js';
export { LabelEncoder } from './preprocessing/label-encoder.js';
export { oneHot } from './preprocessing/one-hot.js';
export { OneHotEncoder } from './preprocessing/one-hot-encoder.js';
export type { OneHotEncoderOptions } from './preprocessing/one-hot-encoder-options.js';
export type { CategoricalInput, Category } from './preprocessing/categorical-input.js';
export { trainTestSplit, trainTestSplitIndices, type TrainTestSplitOptions } from './preprocessing/train-test-split.js';
export { KFold, type Fold } from './preprocessing/k-fold.js';
export { StratifiedKFold } from './preprocessing/stratified-k-fold.js';

export { parseIdx, readIdx, type IdxArray } from './files/idx.js';
export {
  loadMnist,
  loadFashionMnist,
  readMnistFiles,
  MnistDataset,
  type LoadMnistOptions,
  type MnistData,
  type MnistFiles,
} from './files/mnist.js';
export { parseCifar10Batch, loadCifar10, cifar10Classes } from './files/cifar10.js';
export { parseCsv, csvToTensor, readCsv, type CsvOptions, type CsvTable, type CsvTensorOptions } from './files/csv.js';
export { readBytes } from './platform/read-bytes.js';
export { compress, decompress } from './platform/compression.js';

export { Transform, applyTransform, type TransformLike } from './transforms/transform.js';
export { Compose, Lambda } from './transforms/compose.js';
export { ToTensor, type PixelImage } from './transforms/to-tensor.js';
export { Normalize, type NormalizeOptions } from './transforms/normalize.js';
export {
  Resize,
  resizeBilinear,
  resizeNearest,
  type ResizeBilinearOptions,
  type ResizeInterpolation,
  type ResizeOptions,
  type ResizeSize,
} from './transforms/resize.js';
export { resizeBicubic, type ResizeBicubicOptions } from './transforms/resize-bicubic.js';
export { CenterCrop, crop, pad } from './transforms/crop.js';
export { RandomCrop, type RandomCropOptions } from './transforms/random-crop.js';
export { RandomResizedCrop, type RandomResizedCropOptions } from './transforms/random-resized-crop.js';
export { RandomHorizontalFlip, RandomVerticalFlip, type FlipOptions } from './transforms/flips.js';
export { RandomRotation, rotate, type RandomRotationOptions, type RotateOptions } from './transforms/random-rotation.js';
export {
  ColorJitter,
  adjustBrightness,
  adjustContrast,
  adjustSaturation,
  type ColorJitterOptions,
} from './transforms/color-jitter.js';
export { grayscale, type GrayscaleConversionOptions } from './transforms/grayscale.js';
export { adjustHue } from './transforms/hue.js';
export { RandomErasing, type RandomErasingOptions } from './transforms/random-erasing.js';
export { erase, type EraseOptions } from './transforms/erase.js';
export { Pad, padSymmetric, paddingSides, type PadOptions, type Padding, type PaddingMode } from './transforms/pad-transform.js';
export {
  Grayscale,
  RandomGrayscale,
  rgbToGrayscale,
  type GrayscaleOptions,
  type RandomGrayscaleOptions,
} from './transforms/grayscale-transforms.js';
export { GaussianBlur, gaussianBlur, gaussianKernel1d, type GaussianBlurOptions } from './transforms/gaussian-blur.js';
export type { Fill, Interpolation } from './transforms/grid-sample.js';
export { affine, inverseAffineMatrix, type AffineOptions } from './transforms/affine.js';
export { RandomAffine, type AffineParams, type RandomAffineOptions } from './transforms/random-affine.js';
export { perspective, perspectiveCoefficients, type Corners, type PerspectiveOptions } from './transforms/perspective.js';
export { RandomPerspective, type PerspectiveParams, type RandomPerspectiveOptions } from './transforms/random-perspective.js';
export {
  RandomApply,
  RandomChoice,
  RandomOrder,
  type RandomApplyOptions,
  type RandomChoiceOptions,
  type RandomOrderOptions,
} from './transforms/random-apply.js';
export { FiveCrop, TenCrop, fiveCrop, tenCrop, type TenCropOptions } from './transforms/five-crop.js';

export { getTokenizer, type Tokenizer } from './text/tokenizer.js';
export { Vocab, type BuildVocabOptions } from './text/vocab.js';
export { padSequence, sequenceLengths } from './text/pad-sequence.js';
export { loadFortunes, loadSpamAssassin, readFortunes, readSpamAssassin, type LoadCorpusOptions } from './text/corpora.js';

export { encodePng, decodePng, type PngImage, type PngDecodeOptions } from './images/png.js';
export { tensorToPng, pngToTensor } from './images/image-tensor.js';
export { makeGrid, type MakeGridOptions } from './images/make-grid.js';
