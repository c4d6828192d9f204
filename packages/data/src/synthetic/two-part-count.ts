import { describeValue } from '@dl/tensor';

/**
 * The [outer, inner] point counts of make_moons / make_circles (scikit-learn): an integer n splits
 * as ⌊n/2⌋ outer and the rest inner; a pair is taken as it is. Anything else is refused, as
 * scikit-learn refuses it ("`n_samples` can be either an int or a two-element tuple", and numpy's
 * "Number of samples, -1, must be non-negative").
 */
export function twoPartCount(operation: string, requested: number | readonly number[]): [outer: number, inner: number] {
  if (Array.isArray(requested) && requested.length !== 2)
    throw new Error(`${operation}: nSamples can be either an integer or a two-element array, got ${describeValue(requested)}`);
  const counts: [number, number] = Array.isArray(requested)
    ? [requested[0]!, requested[1]!]
    : [Math.floor((requested as number) / 2), (requested as number) - Math.floor((requested as number) / 2)];
  if (!counts.every((count) => Number.isInteger(count) && count >= 0))
    throw new Error(`${operation}: nSamples must be non-negative integers, got ${describeValue(requested)}`);
  return counts;
}

/** scikit-learn draws the noise with numpy's normal(scale=noise), which refuses a negative scale. */
export function checkNoise(operation: string, noise: number | null | undefined): void {
  if (noise !== undefined && noise !== null && !(noise >= 0))
    throw new Error(`${operation}: noise is a standard deviation and must be non-negative, got ${describeValue(noise)}`);
}
