import { checkOptions, refuseExtraArguments } from '@dl/tensor';
import { resolveGenerator } from '../random/generator.js';
import { checkNoise, twoPartCount } from './two-part-count.js';
import { SAMPLE_OPTION_NAMES, linspace, shuffleAndJitter, type SampleOptions, type Samples } from './samples.js';

export interface MakeMoonsOptions extends SampleOptions {
  /** Total points (split outer ⌊n/2⌋, inner the rest) or [outer, inner]; default 100. */
  nSamples?: number | [number, number];
  /** Standard deviation of Gaussian noise added to every coordinate; default none. */
  noise?: number | null;
}

/**
 * Two interleaving half circles (scikit-learn's `make_moons`): the outer moon is (cos t, sin t) and the
 * inner one (1 − cos t, 1 − sin t − 0.5) for t evenly spaced in [0, π]; labels 0 (outer) and 1 (inner).
 * Shuffled (`shuffle`), then noise of standard deviation `noise` is added, as scikit-learn orders it.
 * @example
 * const { x, y } = makeMoons({ nSamples: 200, noise: 0.1, randomState: 0 }); // x [200, 2], y [200] int32
 */
export function makeMoons(options: MakeMoonsOptions = {}, ...extra: never[]): Samples {
  if (extra.length > 0) refuseExtraArguments('makeMoons', ['options'], extra);
  checkOptions('makeMoons', options, ['nSamples', 'noise', ...SAMPLE_OPTION_NAMES]);
  const requested = options.nSamples ?? 100;
  const [outerCount, innerCount] = twoPartCount('makeMoons', requested);
  checkNoise('makeMoons', options.noise);
  const total = outerCount + innerCount;
  const generator = resolveGenerator(options.randomState);
  const x = new Float64Array(total * 2);
  const y = new Int32Array(total);
  const outer = linspace(0, Math.PI, outerCount);
  const inner = linspace(0, Math.PI, innerCount);
  outer.forEach((angle, i) => x.set([Math.cos(angle), Math.sin(angle)], 2 * i));
  inner.forEach((angle, i) => {
    x.set([1 - Math.cos(angle), 1 - Math.sin(angle) - 0.5], 2 * (outerCount + i));
    y[outerCount + i] = 1;
  });
  return shuffleAndJitter(x, y, generator, options);
}
