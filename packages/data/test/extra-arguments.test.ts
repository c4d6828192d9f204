import { describe, expect, it } from 'vitest';
import { rand, randn, tensor } from '@dl/tensor';
import * as data from '../src/index.js';
import { constructorsTakingExtraArguments, errorMessageOf } from '../../../tools/testing/extra-inputs.js';

// JavaScript drops the arguments a function or constructor does not declare, so `pad(img, 2, { fill: 1 },
// 'reflect')`, `new RandomSampler(dataset, { replacement: true }, generator)` or `crop(img, 0, 0, 4, 4, 0, 1)`
// ran without a word where torch and torchvision raise a TypeError. Every export of the package is called
// here the fullest way it accepts (which must work) and with one argument more (which must throw, naming
// it); the exports are read from the package, so one added later fails here until it has a call below.

const image = () => rand([3, 8, 8]); // [C, H, W] in [0, 1]
const corners = (): [number, number][] => [
  [0, 0],
  [7, 0],
  [7, 7],
  [0, 7],
];
/** An iterable dataset of three numbers (ChainDataset chains those). */
class Counting extends data.IterableDataset<number> {
  *[Symbol.iterator]() {
    yield* [1, 2, 3];
  }
}
const stream = () => new Counting();
const samples = () => new data.TensorDataset(randn([6, 2]), tensor([0, 1, 0, 1, 0, 1], { dtype: 'int32' }));
const pngBytes = () => data.encodePng({ width: 2, height: 1, channels: 1, data: new Uint8Array([0, 255]) }); // a Promise

/** The fullest call of each function. */
const functions: Record<string, () => unknown[] | Promise<unknown[]>> = {
  adjustBrightness: () => [image(), 1.2],
  adjustContrast: () => [image(), 1.2],
  adjustHue: () => [image(), 0.1],
  adjustSaturation: () => [image(), 1.2],
  affine: () => [image(), 10, [1, 1], 1, [0, 0], {}],
  applyTransform: () => [(x: unknown) => x, 1],
  compress: () => [new Uint8Array([1, 2, 3]), 'gzip'],
  crop: () => [image(), 1, 1, 4, 4, 0],
  csvToTensor: () => [data.parseCsv('a,b\n1,2\n'), {}],
  decodePng: async () => [await pngBytes(), {}],
  decompress: async () => [await data.compress(new Uint8Array([1, 2, 3]), 'gzip'), 'gzip', 1000],
  defaultCollate: () => [[tensor([1]), tensor([2])]],
  encodePng: () => [{ width: 2, height: 1, channels: 1, data: new Uint8Array([0, 255]) }],
  erase: () => [image(), 1, 1, 2, 2, 0, false],
  fiveCrop: () => [image(), 4],
  gaussianBlur: () => [image(), 3, 1],
  gaussianKernel1d: () => [3, 1],
  getTokenizer: () => ['basic_english', {}],
  grayscale: () => [image(), 1],
  inverseAffineMatrix: () => [[4, 4], 10, [1, 1], 1, [0, 0]],
  makeBlobs: () => [{ nSamples: 10 }],
  makeCircles: () => [{ nSamples: 10 }],
  makeClassification: () => [{ nSamples: 10 }],
  makeGrid: () => [rand([2, 3, 4, 4]), {}],
  makeMoons: () => [{ nSamples: 10 }],
  makeRegression: () => [{ nSamples: 10 }],
  noisySine: () => [{ length: 10 }],
  oneHot: () => [[0, 1, 2], 3, {}],
  pad: () => [image(), 2, {}],
  padSequence: () => [[tensor([1, 2]), tensor([3])], true, 0],
  padSymmetric: () => [image(), 2],
  paddingSides: () => ['pad', 2],
  parseCifar10Batch: () => [new Uint8Array(3073), 'batch'],
  parseCsv: () => ['a,b\n1,2\n', {}],
  parseIdx: () => [new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 7, 9]), 'labels'],
  perspective: () => [image(), corners(), corners(), {}],
  perspectiveCoefficients: () => [corners(), corners()],
  pngToTensor: async () => [await pngBytes(), {}],
  randomSplit: () => [samples(), [4, 2], {}],
  randomWalk: () => [{ length: 10 }],
  resizeBicubic: () => [image(), 4, 4, {}],
  resizeBilinear: () => [image(), 4, 4, {}],
  resizeNearest: () => [image(), 4, 4],
  resolveGenerator: () => [3],
  rgbToGrayscale: () => [image(), 1],
  rotate: () => [image(), 10, {}],
  sequenceLengths: () => [[tensor([1, 2]), tensor([3])]],
  slidingWindows: () => [randn([10]), 3, {}],
  tenCrop: () => [image(), 4, false],
  tensorToPng: () => [image()],
  trainTestSplit: () => [[randn([10, 2])], { testSize: 0.2 }],
  trainTestSplitIndices: () => [10, { testSize: 0.2 }],
};
/** The functions that read files: only the extra argument is checked (it is refused before any read). */
const readers: Record<string, unknown[]> = {
  readBytes: ['missing.bin'],
  readCsv: ['missing.csv', {}],
  readIdx: ['missing.idx'],
  readMnistFiles: [{ images: 'missing', labels: 'missing' }],
  readFortunes: ['missing'],
  readSpamAssassin: ['missing'],
  loadMnist: [{ root: 'missing' }],
  loadFashionMnist: [{ root: 'missing' }],
  loadCifar10: [{ root: 'missing' }],
  loadFortunes: [{ root: 'missing' }],
  loadSpamAssassin: [{ root: 'missing' }],
};
/** Module-wide settings: setWorkerBase(base) is checked by hand below, since it changes where workers start. */
const settings = new Set(['setWorkerBase']);

/** The fullest call of each class's constructor. */
const constructors: Record<string, () => unknown[]> = {
  BatchSampler: () => [new data.SequentialSampler(samples()), 2, false],
  CenterCrop: () => [4, {}],
  ChainDataset: () => [[stream()]],
  ColorJitter: () => [{}],
  Compose: () => [[new data.ToTensor()], {}],
  ConcatDataset: () => [[samples(), samples()]],
  DataLoader: () => [samples(), {}],
  FiveCrop: () => [4, {}],
  GaussianBlur: () => [3, {}],
  Generator: () => [1],
  Grayscale: () => [{}],
  KFold: () => [{ nSplits: 2 }],
  Lambda: () => [(x: unknown) => x, {}],
  MinMaxScaler: () => [{}],
  MnistDataset: () => [{ images: rand([2, 28, 28]), labels: tensor([0, 1], { dtype: 'int32' }) }, null],
  Normalize: () => [[0.5, 0.5, 0.5], [0.2, 0.2, 0.2], {}],
  OneHotEncoder: () => [{}],
  Pad: () => [2, {}],
  RandomAffine: () => [10, {}],
  RandomApply: () => [[new data.ToTensor()], {}],
  RandomChoice: () => [[new data.ToTensor()], {}],
  RandomCrop: () => [4, {}],
  RandomErasing: () => [{}],
  RandomGrayscale: () => [{}],
  RandomHorizontalFlip: () => [{}],
  RandomOrder: () => [[new data.ToTensor()], {}],
  RandomPerspective: () => [{}],
  RandomResizedCrop: () => [4, {}],
  RandomRotation: () => [10, {}],
  RandomSampler: () => [samples(), {}],
  RandomVerticalFlip: () => [{}],
  Resize: () => [4, {}],
  SequentialSampler: () => [samples()],
  StandardScaler: () => [{}],
  StratifiedKFold: () => [{ nSplits: 2 }],
  Subset: () => [samples(), [0, 1]],
  SubsetRandomSampler: () => [[0, 1], new data.Generator(1)],
  TenCrop: () => [4, {}],
  ToTensor: () => [{}],
  Vocab: () => [['a', 'b', '<unk>'], '<unk>'],
  WeightedRandomSampler: () => [[0.5, 0.5], 2, {}],
};
/** Bases users extend, with torch's constructors that take nothing (their subclasses declare their own), and TensorDataset's tensors. */
const bases = new Set(['Dataset', 'IterableDataset', 'Transform', 'LabelEncoder', 'TensorDataset']);

const isClass = (value: unknown) => typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value));
const exportedFunctions = Object.entries(data as Record<string, unknown>).filter(
  (entry): entry is [string, (...values: unknown[]) => unknown] => typeof entry[1] === 'function' && !isClass(entry[1]),
);

/** The message of what `f` throws or rejects with, or null when it returns or resolves. */
async function failureOf(f: () => unknown): Promise<string | null> {
  try {
    await f();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe('@dl/data refuses arguments it does not take', () => {
  it('every function, called the fullest way and with one argument more', async () => {
    const problems: string[] = [];
    for (const [name, f] of exportedFunctions) {
      if (settings.has(name)) continue;
      if (name in readers) {
        const message = await failureOf(() => f(...readers[name]!, 1));
        if (!message?.startsWith(`${name}:`)) problems.push(`${name} with one argument more: ${message ?? 'returned'}`);
        continue;
      }
      const fullest = functions[name];
      if (!fullest) {
        problems.push(`${name}: no fullest call listed`);
        continue;
      }
      const built = await failureOf(async () => f(...(await fullest())));
      if (built !== null) problems.push(`${name} called the fullest way: ${built}`);
      const message = await failureOf(async () => f(...(await fullest()), 1));
      if (message === null) problems.push(`${name}: returned with one argument more`);
      else if (!message.startsWith(`${name}:`)) problems.push(`${name}: ${message}`);
    }
    expect(problems).toEqual([]);
  });

  it('setWorkerBase refuses a second argument', () => {
    expect(errorMessageOf(() => (data.setWorkerBase as (...values: unknown[]) => void)('file:///workers/', 1))).toBe(
      'setWorkerBase: takes (base), got 2 arguments',
    );
  });

  it('every class, constructed the fullest way and with one argument more', () => {
    expect(constructorsTakingExtraArguments(data as Record<string, unknown>, constructors, (name) => bases.has(name))).toEqual([]);
  });
});

describe("pad takes torchvision's padding forms", () => {
  it('one number, [horizontal, vertical] or [left, top, right, bottom] (only four numbers worked: a number failed with "padding is not iterable")', () => {
    const picture = image();
    const four = data.pad(picture, [2, 1, 2, 1]);
    expect(data.pad(picture, [2, 1]).toArraySync()).toEqual(four.toArraySync());
    expect(data.pad(picture, 2).toArraySync()).toEqual(data.pad(picture, [2, 2, 2, 2]).toArraySync());
    expect(data.padSymmetric(picture, 1).shape).toEqual([3, 10, 10]);
    expect(() => data.pad(picture, [1, 2, 3] as never)).toThrow(
      'pad: padding must be a non-negative integer or a list of 1, 2 or 4 of them, got an array [1, 2, 3]',
    );
  });
});
