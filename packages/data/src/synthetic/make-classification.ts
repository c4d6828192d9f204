import { checkOptions, refuseExtraArguments } from '@dl/tensor';
import { resolveGenerator, type Generator } from '../random/generator.js';
import { SAMPLE_OPTION_NAMES, takeRows, toSamples, type SampleOptions, type Samples } from './samples.js';

export interface MakeClassificationOptions extends SampleOptions {
  nSamples?: number;
  nFeatures?: number;
  nInformative?: number;
  nRedundant?: number;
  nRepeated?: number;
  nClasses?: number;
  nClustersPerClass?: number;
  /** Class proportions (nClasses, or nClasses − 1 with the last inferred); default balanced. */
  weights?: number[] | null;
  /** Fraction of labels replaced by random classes; default 0.01. */
  flipY?: number;
  classSep?: number;
  hypercube?: boolean;
  /** Added to every feature; `null` draws it uniform in [−classSep, classSep]. Default 0. */
  shift?: number | null;
  /** Multiplies every feature; `null` draws it uniform in [1, 101]. Default 1. */
  scale?: number | null;
}

/**
 * A random n-class problem (scikit-learn's `make_classification`, same algorithm and parameters):
 * each class has `nClustersPerClass` Gaussian clusters centred on distinct vertices of a hypercube of
 * side 2·classSep in the `nInformative` first features, each cluster linearly mixed by a random A
 * (uniform in [−1, 1]); redundant features are informative · B, repeated features copy earlier
 * columns, the rest are noise N(0, 1). Then labels are flipped with probability `flipY`, features
 * shifted and scaled, and rows and columns shuffled.
 * @example
 * const { x, y } = makeClassification({ nSamples: 500, nFeatures: 10, nInformative: 4, randomState: 0 });
 */
export function makeClassification(options: MakeClassificationOptions = {}, ...extra: never[]): Samples {
  if (extra.length > 0) refuseExtraArguments('makeClassification', ['options'], extra);
  checkOptions('makeClassification', options, [
    'nSamples',
    'nFeatures',
    'nInformative',
    'nRedundant',
    'nRepeated',
    'nClasses',
    'nClustersPerClass',
    'weights',
    'flipY',
    'classSep',
    'hypercube',
    'shift',
    'scale',
    ...SAMPLE_OPTION_NAMES,
  ]);
  const n = options.nSamples ?? 100;
  const features = options.nFeatures ?? 20;
  const informative = options.nInformative ?? 2;
  const redundant = options.nRedundant ?? 2;
  const repeated = options.nRepeated ?? 0;
  const classes = options.nClasses ?? 2;
  const clustersPerClass = options.nClustersPerClass ?? 2;
  const classSep = options.classSep ?? 1;
  const generator = resolveGenerator(options.randomState);
  if (informative + redundant + repeated > features)
    throw new Error(
      'makeClassification: number of informative, redundant and repeated features must sum to less than the number of total features',
    );
  if (classes * clustersPerClass > 2 ** informative)
    throw new Error('makeClassification: nClasses * nClustersPerClass must be smaller or equal 2 ** nInformative');
  let weights = options.weights ?? Array.from({ length: classes }, () => 1 / classes);
  if (weights.length === classes - 1) weights = [...weights, 1 - weights.reduce((a, b) => a + b, 0)];
  if (weights.length !== classes)
    throw new Error(`makeClassification: weights specified but incompatible with number of classes (${classes})`);
  const useless = features - informative - redundant - repeated;
  const clusters = classes * clustersPerClass;
  const perCluster = Array.from({ length: clusters }, (_, k) => Math.floor((n * weights[k % classes]!) / clustersPerClass));
  const leftOver = n - perCluster.reduce((a, b) => a + b, 0);
  for (let i = 0; i < leftOver; i++) perCluster[i % clusters]! += 1;

  let x: Float64Array = new Float64Array(n * features);
  let y = new Int32Array(n);
  const at = (row: number, column: number) => row * features + column;
  // centroids: distinct hypercube vertices in {−classSep, classSep}^informative
  const centroids = hypercubeVertices(clusters, informative, generator).map((vertex) => vertex.map((bit) => bit * 2 * classSep - classSep));
  if (!(options.hypercube ?? true)) {
    const perClusterScale = generator.uniform(clusters);
    const perFeatureScale = generator.uniform(informative);
    centroids.forEach((centroid, k) => centroid.forEach((_, j) => (centroid[j]! *= perClusterScale[k]! * perFeatureScale[j]!)));
  }
  const standard = generator.normal(n * informative);
  for (let row = 0; row < n; row++) for (let j = 0; j < informative; j++) x[at(row, j)] = standard[row * informative + j]!;
  let stop = 0;
  centroids.forEach((centroid, k) => {
    const start = stop;
    stop += perCluster[k]!;
    const mixing = generator.uniform(informative * informative, -1, 1); // A, row-major [informative, informative]
    const row = new Float64Array(informative);
    for (let r = start; r < stop; r++) {
      y[r] = k % classes;
      for (let j = 0; j < informative; j++) row[j] = x[at(r, j)]!;
      for (let j = 0; j < informative; j++) {
        let sum = 0;
        for (let i = 0; i < informative; i++) sum += row[i]! * mixing[i * informative + j]!;
        x[at(r, j)] = sum + centroid[j]!;
      }
    }
  });
  if (redundant > 0) {
    const mixing = generator.uniform(informative * redundant, -1, 1); // B [informative, redundant]
    for (let r = 0; r < n; r++)
      for (let j = 0; j < redundant; j++) {
        let sum = 0;
        for (let i = 0; i < informative; i++) sum += x[at(r, i)]! * mixing[i * redundant + j]!;
        x[at(r, informative + j)] = sum;
      }
  }
  if (repeated > 0) {
    const base = informative + redundant;
    const sources = Array.from(generator.uniform(repeated), (u) => Math.floor((base - 1) * u + 0.5));
    for (let r = 0; r < n; r++) sources.forEach((source, j) => (x[at(r, base + j)] = x[at(r, source)]!));
  }
  if (useless > 0) {
    const noise = generator.normal(n * useless);
    for (let r = 0; r < n; r++) for (let j = 0; j < useless; j++) x[at(r, features - useless + j)] = noise[r * useless + j]!;
  }
  const flipY = options.flipY ?? 0.01;
  if (flipY >= 0) {
    const flips = generator.uniform(n);
    const flipped = [...flips.keys()].filter((r) => flips[r]! < flipY);
    const labels = generator.integers(0, classes, flipped.length);
    flipped.forEach((r, i) => (y[r] = labels[i]!));
  }
  const shift =
    options.shift === null
      ? Array.from(generator.uniform(features, -1, 1), (u) => u * classSep)
      : new Array(features).fill(options.shift ?? 0);
  const scale =
    options.scale === null ? Array.from(generator.uniform(features), (u) => 1 + 100 * u) : new Array(features).fill(options.scale ?? 1);
  for (let r = 0; r < n; r++) for (let j = 0; j < features; j++) x[at(r, j)] = (x[at(r, j)]! + shift[j]) * scale[j];
  if (options.shuffle ?? true) {
    const order = generator.permutation(n);
    x = takeRows(x, features, order);
    y = Int32Array.from(order, (index) => y[index]!);
    const columns = generator.permutation(features);
    const shuffled = new Float64Array(x.length);
    for (let r = 0; r < n; r++) for (let j = 0; j < features; j++) shuffled[at(r, j)] = x[at(r, columns[j]!)]!;
    x = shuffled;
  }
  return toSamples(x, features, y, options.dtype);
}

/** `count` distinct random vertices of the unit hypercube in `dimensions` dims, as 0/1 vectors. */
function hypercubeVertices(count: number, dimensions: number, generator: Generator): number[][] {
  const chosen = new Set<string>();
  const vertices: number[][] = [];
  while (vertices.length < count) {
    // a vertex as `dimensions` random bits, drawn in 30-bit words; redrawn when already taken
    const bits = Array.from({ length: dimensions }, () => 0);
    const words = generator.words(Math.ceil(dimensions / 30));
    for (let d = 0; d < dimensions; d++) bits[d] = (words[Math.floor(d / 30)]! >>> (d % 30)) & 1;
    const key = bits.join('');
    if (chosen.has(key)) continue;
    chosen.add(key);
    vertices.push(bits);
  }
  return vertices;
}
