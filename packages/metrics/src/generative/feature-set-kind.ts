import { describeValue } from '@dl/tensor';
import { MetricInputError } from '../input/metric-error.js';

/**
 * Which set a batch of a streaming generative metric belongs to: `'real'` or `'fake'`, or torchmetrics'
 * `real` flag, `update(images, real=True)`: true for real, false for generated.
 */
export type FeatureSetKind = 'real' | 'fake' | boolean;

/**
 * The set `kind` names. Anything else throws, naming `owner` (`'FrechetInceptionDistance.update'`):
 * a misspelling (`'Real'`), a number or a forgotten argument would otherwise land in one of the sets
 * unnoticed and skew the distance.
 */
export function readFeatureSetKind(owner: string, kind: unknown): 'real' | 'fake' {
  if (kind === 'real' || kind === true) return 'real';
  if (kind === 'fake' || kind === false) return 'fake';
  throw new MetricInputError(
    owner,
    `kind must be 'real' or 'fake' (or torchmetrics' real flag: true or false), got ${describeValue(kind)}`,
  );
}
