import { checkOptions } from '@dl/tensor';
import type { Generator } from '../random/generator.js';

export interface CrossValidatorOptions {
  /** Number of folds, at least 2 (default 5). */
  nSplits?: number;
  /** Permute the samples before splitting (default false). */
  shuffle?: boolean;
  /** A seed or a Generator for the shuffle. */
  randomState?: number | Generator;
}

/** The options KFold and StratifiedKFold share, validated as scikit-learn does. */
export abstract class CrossValidator {
  readonly nSplits: number;
  protected readonly shuffle: boolean;
  protected readonly randomState: number | Generator | undefined;

  constructor(name: string, options: CrossValidatorOptions) {
    checkOptions(name, options, ['nSplits', 'shuffle', 'randomState']);
    this.nSplits = options.nSplits ?? 5;
    this.shuffle = options.shuffle ?? false;
    this.randomState = options.randomState;
    if (!Number.isInteger(this.nSplits) || this.nSplits < 2)
      throw new Error(
        `${name}: k-fold cross-validation requires at least one train/test split by setting nSplits=2 or more, got nSplits=${this.nSplits}`,
      );
  }
}
