import { checkOptions, describeValue } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { ngramCounts, overlapCount } from './ngrams.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

export interface RougeScore {
  precision: number;
  recall: number;
  fMeasure: number;
}

export interface RougeScores {
  rouge1: RougeScore;
  rouge2: RougeScore;
  rougeL: RougeScore;
}

/** Text, tokenized like Google's `rouge_score` (lowercase, runs of [a-z0-9]), or tokens as they are. */
export type RougeText = string | readonly string[];

/**
 * rouge_score's default tokenizer (no stemming): lowercase, non-alphanumerics become spaces, split.
 * A second argument (rouge_score's `tokenize(text, stemmer)`, or an index from `texts.map(rougeTokenize)`)
 * throws; map with `(text) => rougeTokenize(text)`.
 */
export function rougeTokenize(text: string, ...extra: never[]): string[] {
  refuseExtraArguments('rougeTokenize', ['text'], extra, "rouge_score's stemmer is not supported (tokens are never stemmed)");
  check(typeof text === 'string', 'rougeTokenize', () => `text must be a string, got ${describeValue(text)}`);
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((token) => token.length > 0);
}

// P = overlap / predicted count, R = overlap / target count, F = 2PR / (P + R) (0 when P + R = 0).
function score(overlap: number, predictedCount: number, targetCount: number): RougeScore {
  const precision = overlap / Math.max(predictedCount, 1);
  const recall = overlap / Math.max(targetCount, 1);
  return { precision, recall, fMeasure: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

function rougeN(target: readonly string[], prediction: readonly string[], order: number): RougeScore {
  const targetCounts = ngramCounts(target, order);
  const predictionCounts = ngramCounts(prediction, order);
  const total = (counts: Map<string, number>) => [...counts.values()].reduce((sum, count) => sum + count, 0);
  return score(overlapCount(targetCounts, predictionCounts), total(predictionCounts), total(targetCounts));
}

// Longest common subsequence length by dynamic programming, one row at a time.
function longestCommonSubsequence(left: readonly string[], right: readonly string[]): number {
  let previous = new Array<number>(right.length + 1).fill(0);
  for (const token of left) {
    const current = [0];
    right.forEach((other, column) =>
      current.push(token === other ? previous[column]! + 1 : Math.max(previous[column + 1]!, current[column]!)),
    );
    previous = current;
  }
  return previous[right.length]!;
}

/**
 * ROUGE-1, ROUGE-2 (n-gram overlap) and ROUGE-L (longest common subsequence) precision, recall and
 * F-measure of a prediction against one target, as Google's `rouge_score` without stemming.
 * @example
 * rouge('the cat sat on the mat', 'the cat lay on the mat').rougeL.fMeasure; // 0.8333…
 */
export function rouge(target: RougeText, prediction: RougeText, options: Record<string, never> = {}, ...extra: never[]): RougeScores {
  refuseExtraArguments('rouge', ['target', 'prediction', 'options?'], extra);
  // rouge_score's use_stemmer (and any other option) is refused, not ignored: tokens are never stemmed here.
  checkOptions('rouge', options, []);
  for (const [name, text] of [
    ['target', target],
    ['prediction', prediction],
  ] as const)
    check(
      typeof text === 'string' || (Array.isArray(text) && text.every((token) => typeof token === 'string')),
      'rouge',
      () => `${name} must be a string or a list of tokens, got ${describeValue(text)}`,
    );
  const targetTokens = typeof target === 'string' ? rougeTokenize(target) : target;
  const predictionTokens = typeof prediction === 'string' ? rougeTokenize(prediction) : prediction;
  const lcs = longestCommonSubsequence(targetTokens, predictionTokens);
  return {
    rouge1: rougeN(targetTokens, predictionTokens, 1),
    rouge2: rougeN(targetTokens, predictionTokens, 2),
    rougeL: score(lcs, predictionTokens.length, targetTokens.length),
  };
}

/** Streaming ROUGE: the mean of each score over every (target, prediction) pair seen. */
export class Rouge implements StreamingMetric<[readonly RougeText[], readonly RougeText[]], RougeScores> {
  private sums = zero();
  private count = 0;
  constructor(options: Record<string, never> = {}, ...extra: never[]) {
    refuseExtraArguments('Rouge', ['options?'], extra);
    checkOptions('Rouge', options, []);
  }
  async update(targets: readonly RougeText[], predictions: readonly RougeText[], ...extra: never[]): Promise<void> {
    refuseExtraArguments('Rouge.update', ['targets', 'predictions'], extra);
    check(targets.length === predictions.length, 'Rouge', `${targets.length} targets but ${predictions.length} predictions`);
    targets.forEach((target, index) => {
      const scores = rouge(target, predictions[index]!);
      for (const key of keys) for (const part of parts) this.sums[key][part] += scores[key][part];
      this.count++;
    });
  }
  compute(...extra: never[]): RougeScores {
    refuseExtraArguments('Rouge.compute', [], extra);
    check(this.count > 0, 'Rouge', 'no pairs were given');
    const mean = zero();
    for (const key of keys) for (const part of parts) mean[key][part] = this.sums[key][part] / this.count;
    return mean;
  }
  reset(...extra: never[]): void {
    refuseExtraArguments('Rouge.reset', [], extra);
    this.sums = zero();
    this.count = 0;
  }
}

const keys = ['rouge1', 'rouge2', 'rougeL'] as const;
const parts = ['precision', 'recall', 'fMeasure'] as const;
const zero = (): RougeScores => ({
  rouge1: { precision: 0, recall: 0, fMeasure: 0 },
  rouge2: { precision: 0, recall: 0, fMeasure: 0 },
  rougeL: { precision: 0, recall: 0, fMeasure: 0 },
});
