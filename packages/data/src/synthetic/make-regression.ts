import { checkOptions, refuseExtraArguments, tensor, type Tensor } from '@dl/tensor';
import { resolveGenerator } from '../random/generator.js';
import { SAMPLE_OPTION_NAMES, takeRows, type SampleOptions, type Samples } from './samples.js';

export interface MakeRegressionOptions extends SampleOptions {
  nSamples?: number;
  nFeatures?: number;
  /** Features with a nonzero coefficient (the first ones, before the column shuffle); default 10. */
  nInformative?: number;
  nTargets?: number;
  bias?: number;
  /** Standard deviation of Gaussian noise on the targets; default 0. */
  noise?: number;
}

/**
 * A random linear regression problem (scikit-learn's `make_regression`, without `effective_rank`):
 * X ~ N(0, I) [n, features], coefficients 100 · U[0, 1) on the first `nInformative` features and 0
 * elsewhere, y = X · coef + bias + noise · N(0, 1). Rows and columns are shuffled (coef follows).
 * y is [n] for one target, [n, targets] otherwise; `coef` is returned too.
 * @example
 * const { x, y, coef } = makeRegression({ nSamples: 100, nFeatures: 3, nInformative: 2, noise: 1, randomState: 0 });
 */
export function makeRegression(options: MakeRegressionOptions = {}, ...extra: never[]): Samples & { coef: Tensor } {
  if (extra.length > 0) refuseExtraArguments('makeRegression', ['options'], extra);
  checkOptions('makeRegression', options, ['nSamples', 'nFeatures', 'nInformative', 'nTargets', 'bias', 'noise', ...SAMPLE_OPTION_NAMES]);
  const n = options.nSamples ?? 100;
  const features = options.nFeatures ?? 100;
  const informative = Math.min(features, options.nInformative ?? 10);
  const targets = options.nTargets ?? 1;
  const generator = resolveGenerator(options.randomState);
  let x: Float64Array = generator.normal(n * features);
  let coef: Float64Array = new Float64Array(features * targets);
  coef.set(generator.uniform(informative * targets, 0, 100));
  let y: Float64Array = new Float64Array(n * targets);
  for (let r = 0; r < n; r++)
    for (let t = 0; t < targets; t++) {
      let sum = options.bias ?? 0;
      for (let j = 0; j < informative; j++) sum += x[r * features + j]! * coef[j * targets + t]!;
      y[r * targets + t] = sum;
    }
  if ((options.noise ?? 0) > 0) {
    const noise = generator.normal(n * targets, 0, options.noise);
    for (let i = 0; i < y.length; i++) y[i]! += noise[i]!;
  }
  if (options.shuffle ?? true) {
    const order = generator.permutation(n);
    x = takeRows(x, features, order);
    y = takeRows(y, targets, order);
    const columns = generator.permutation(features);
    const shuffled = new Float64Array(x.length);
    for (let r = 0; r < n; r++) for (let j = 0; j < features; j++) shuffled[r * features + j] = x[r * features + columns[j]!]!;
    x = shuffled;
    coef = takeRows(coef, targets, columns);
  }
  const dtype = options.dtype ?? 'float32';
  return {
    x: tensor(x, { shape: [n, features], dtype }),
    y: tensor(y, { shape: targets === 1 ? [n] : [n, targets], dtype }),
    coef: tensor(coef, { shape: targets === 1 ? [features] : [features, targets], dtype }),
  };
}
