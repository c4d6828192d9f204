import { checkOptions, refuseExtraArguments } from '@dl/tensor';
import { resolveGenerator } from '../random/generator.js';
import { checkNoise, twoPartCount } from './two-part-count.js';
import { SAMPLE_OPTION_NAMES, linspace, shuffleAndJitter, type SampleOptions, type Samples } from './samples.js';

export interface MakeCirclesOptions extends SampleOptions {
  /** Total points (outer ⌊n/2⌋, inner the rest) or [outer, inner]; default 100. */
  nSamples?: number | [number, number];
  /** Standard deviation of Gaussian noise; default none. */
  noise?: number | null;
  /** Inner radius over outer radius, in [0, 1); default 0.8. */
  factor?: number;
}

/**
 * A small circle inside a large one (scikit-learn's `make_circles`): the outer circle (cos t, sin t),
 * the inner one factor · (cos t, sin t), t evenly spaced in [0, 2π) without the endpoint; labels 0 and 1.
 * @example
 * const { x, y } = makeCircles({ nSamples: 200, noise: 0.05, factor: 0.5, randomState: 0 });
 */
export function makeCircles(options: MakeCirclesOptions = {}, ...extra: never[]): Samples {
  if (extra.length > 0) refuseExtraArguments('makeCircles', ['options'], extra);
  checkOptions('makeCircles', options, ['nSamples', 'noise', 'factor', ...SAMPLE_OPTION_NAMES]);
  const factor = options.factor ?? 0.8;
  if (!(factor >= 0 && factor < 1)) throw new Error(`makeCircles: 'factor' has to be between 0 and 1, got ${factor}`);
  const requested = options.nSamples ?? 100;
  const [outerCount, innerCount] = twoPartCount('makeCircles', requested);
  checkNoise('makeCircles', options.noise);
  const total = outerCount + innerCount;
  const generator = resolveGenerator(options.randomState);
  const x = new Float64Array(total * 2);
  const y = new Int32Array(total);
  linspace(0, 2 * Math.PI, outerCount, false).forEach((angle, i) => x.set([Math.cos(angle), Math.sin(angle)], 2 * i));
  linspace(0, 2 * Math.PI, innerCount, false).forEach((angle, i) => {
    x.set([Math.cos(angle) * factor, Math.sin(angle) * factor], 2 * (outerCount + i));
    y[outerCount + i] = 1;
  });
  return shuffleAndJitter(x, y, generator, options);
}
