import { checkOptions, describeValue } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { smooth, type NgramPrecision, type SmoothingMethod } from './bleu-smoothing.js';
import { ngramCounts } from './ngrams.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

export interface BleuOptions {
  /** Weights of the n-gram orders 1..N (default [0.25, 0.25, 0.25, 0.25]). */
  weights?: readonly number[];
  /** NLTK smoothing method 0-7 (default 0: none). */
  smoothing?: SmoothingMethod;
  /** Parameters of the smoothing methods (NLTK's defaults: ε 0.1, α 5, k 5). */
  epsilon?: number;
  alpha?: number;
  k?: number;
  /** With the default weights and a corpus shorter than 4 tokens, weight the available orders equally. */
  autoReweigh?: boolean;
}

const optionNames = ['weights', 'smoothing', 'epsilon', 'alpha', 'k', 'autoReweigh'];

/**
 * Checks names and values. Unchecked, smoothing 8 failed inside with a TypeError, weights of strings
 * gave NaN and empty weights 1 (NLTK fails on both).
 */
function checkBleuOptions(name: string, options: BleuOptions): void {
  checkOptions(name, options, optionNames);
  const { weights, smoothing, autoReweigh } = options;
  check(
    smoothing === undefined || (Number.isInteger(smoothing) && smoothing >= 0 && smoothing <= 7),
    name,
    () => `smoothing must be an NLTK smoothing method 0-7, got ${String(smoothing)}`,
  );
  check(
    weights === undefined ||
      (Array.isArray(weights) && weights.length > 0 && weights.every((weight) => typeof weight === 'number' && Number.isFinite(weight))),
    name,
    () => `weights must be a non-empty array of finite numbers (one per n-gram order), got ${JSON.stringify(weights)}`,
  );
  for (const key of ['epsilon', 'alpha', 'k'] as const) {
    const value = options[key];
    check(
      value === undefined || (typeof value === 'number' && Number.isFinite(value)),
      name,
      () => `${key} must be a finite number, got ${String(value)}`,
    );
  }
  check(
    autoReweigh === undefined || typeof autoReweigh === 'boolean',
    name,
    () => `autoReweigh must be a boolean, got ${String(autoReweigh)}`,
  );
}

/**
 * NLTK's positional `smoothing_function` and `auto_reweigh` are options here; said where an argument
 * follows the options, which is where an NLTK call puts them.
 */
const smoothingHint =
  "NLTK's smoothing_function is the option { smoothing: 0-7 } (SmoothingFunction().method0 … method7) and auto_reweigh is { autoReweigh }";

/** Tokenized text; a hypothesis and each of its references. */
export type Tokens = readonly string[];

// Modified precision: Σ_g min(count_hyp(g), max_ref count_ref(g)) / max(1, Σ_g count_hyp(g)).
function modifiedPrecision(references: readonly Tokens[], hypothesis: Tokens, order: number): NgramPrecision {
  const counts = ngramCounts(hypothesis, order);
  const referenceCounts = references.map((reference) => ngramCounts(reference, order));
  let numerator = 0;
  let total = 0;
  for (const [ngram, count] of counts) {
    total += count;
    numerator += Math.min(count, Math.max(0, ...referenceCounts.map((reference) => reference.get(ngram) ?? 0)));
  }
  const denominator = Math.max(1, total);
  return { numerator, denominator, value: numerator / denominator };
}

// The reference length closest to the hypothesis length, the shorter on a tie.
function closestReferenceLength(references: readonly Tokens[], hypothesisLength: number): number {
  return references
    .map((reference) => reference.length)
    .reduce((best, length) => {
      const [distance, bestDistance] = [Math.abs(length - hypothesisLength), Math.abs(best - hypothesisLength)];
      return distance < bestDistance || (distance === bestDistance && length < best) ? length : best;
    });
}

// BP = 1 if c > r, 0 if c = 0, else exp(1 − r / c)
function brevityPenalty(referenceLength: number, hypothesisLength: number): number {
  if (hypothesisLength > referenceLength) return 1;
  if (hypothesisLength === 0) return 0;
  return Math.exp(1 - referenceLength / hypothesisLength);
}

/** Corpus BLEU with errors naming `metric` (corpusBleu, sentenceBleu or CorpusBleu); options not yet checked. */
function scoreCorpus(
  metric: string,
  listOfReferences: readonly (readonly Tokens[])[],
  hypotheses: readonly Tokens[],
  options: BleuOptions,
): number {
  check(
    Array.isArray(listOfReferences),
    metric,
    () => `listOfReferences must be a list (the references of each hypothesis), got ${describeValue(listOfReferences)}`,
  );
  check(Array.isArray(hypotheses), metric, () => `hypotheses must be a list of token lists, got ${describeValue(hypotheses)}`);
  check(
    listOfReferences.length === hypotheses.length,
    metric,
    `${listOfReferences.length} reference lists but ${hypotheses.length} hypotheses`,
  );
  check(hypotheses.length > 0, metric, 'needs at least one hypothesis');
  listOfReferences.forEach((references, index) => check(references.length > 0, metric, `hypothesis ${index} has no references`));
  const weights = options.weights ?? [0.25, 0.25, 0.25, 0.25];
  const numerators = weights.map(() => 0);
  const denominators = weights.map(() => 0);
  let hypothesisLength = 0;
  let referenceLength = 0;
  hypotheses.forEach((hypothesis, index) => {
    const references = listOfReferences[index]!;
    weights.forEach((_, order) => {
      const precision = modifiedPrecision(references, hypothesis, order + 1);
      numerators[order] += precision.numerator;
      denominators[order] += precision.denominator;
    });
    hypothesisLength += hypothesis.length;
    referenceLength += closestReferenceLength(references, hypothesis.length);
  });
  if (numerators[0] === 0) return 0;
  const penalty = brevityPenalty(referenceLength, hypothesisLength);
  const lastReferences = listOfReferences.at(-1)!;
  const lastHypothesis = hypotheses.at(-1)!;
  const precisions = smooth(
    options.smoothing ?? 0,
    numerators.map((numerator, order) => ({ numerator, denominator: denominators[order]!, value: numerator / denominators[order]! })),
    {
      hypothesisLength,
      lastHypothesis,
      lastModifiedPrecision: (order) => modifiedPrecision(lastReferences, lastHypothesis, order),
      epsilon: options.epsilon ?? 0.1,
      alpha: options.alpha ?? 5,
      k: options.k ?? 5,
    },
  );
  let effectiveWeights = weights;
  const isDefault = weights.length === 4 && weights.every((weight) => weight === 0.25);
  if (options.autoReweigh && hypothesisLength < 4 && isDefault) effectiveWeights = Array(hypothesisLength).fill(1 / hypothesisLength);
  let logSum = 0;
  effectiveWeights.forEach((weight, order) => {
    const precision = precisions[order];
    if (precision && precision.value > 0) logSum += weight * Math.log(precision.value);
  });
  return penalty * Math.exp(logSum);
}

/**
 * Corpus BLEU exactly as NLTK 3.8's `corpus_bleu`: n-gram matches and counts are summed over the
 * corpus, BLEU = BP · exp(Σ_n w_n log p_n) over the positive p_n.
 * @example
 * corpusBleu([[['the', 'cat', 'is', 'on', 'the', 'mat']]], [['the', 'cat', 'sat', 'on', 'the', 'mat']], { weights: [0.5, 0.5] }); // 0.7071…
 */
export function corpusBleu(
  listOfReferences: readonly (readonly Tokens[])[],
  hypotheses: readonly Tokens[],
  options: BleuOptions = {},
  ...extra: never[]
): number {
  refuseExtraArguments('corpusBleu', ['listOfReferences', 'hypotheses', 'options?'], extra, smoothingHint);
  checkBleuOptions('corpusBleu', options);
  return scoreCorpus('corpusBleu', listOfReferences, hypotheses, options);
}

/**
 * Sentence BLEU, NLTK's `sentence_bleu`: the corpus BLEU of one hypothesis.
 * @example
 * sentenceBleu([['the', 'cat', 'is', 'on', 'the', 'mat']], ['the', 'cat', 'sat', 'on', 'the', 'mat'], { smoothing: 1 }); // 0.2540… (NLTK: the same)
 */
export function sentenceBleu(references: readonly Tokens[], hypothesis: Tokens, options: BleuOptions = {}, ...extra: never[]): number {
  refuseExtraArguments('sentenceBleu', ['references', 'hypothesis', 'options?'], extra, smoothingHint);
  checkBleuOptions('sentenceBleu', options);
  check(Array.isArray(references), 'sentenceBleu', () => `references must be a list of token lists, got ${describeValue(references)}`);
  check(Array.isArray(hypothesis), 'sentenceBleu', () => `hypothesis must be a list of tokens, got ${describeValue(hypothesis)}`);
  return scoreCorpus('sentenceBleu', [references], [hypothesis], options);
}

/** Streaming corpus BLEU: keeps the token lists (smoothing needs the last pair) and scores them together. */
export class CorpusBleu implements StreamingMetric<[readonly (readonly Tokens[])[], readonly Tokens[]], number> {
  private references: (readonly Tokens[])[] = [];
  private hypotheses: Tokens[] = [];
  constructor(
    private readonly options: BleuOptions = {},
    ...extra: never[]
  ) {
    refuseExtraArguments('CorpusBleu', ['options?'], extra, smoothingHint);
    checkBleuOptions('CorpusBleu', options);
  }
  async update(listOfReferences: readonly (readonly Tokens[])[], hypotheses: readonly Tokens[], ...extra: never[]): Promise<void> {
    refuseExtraArguments('CorpusBleu.update', ['listOfReferences', 'hypotheses'], extra);
    check(
      listOfReferences.length === hypotheses.length,
      'CorpusBleu',
      `${listOfReferences.length} reference lists but ${hypotheses.length} hypotheses`,
    );
    this.references.push(...listOfReferences);
    this.hypotheses.push(...hypotheses);
  }
  compute(...extra: never[]): number {
    refuseExtraArguments('CorpusBleu.compute', [], extra);
    return scoreCorpus('CorpusBleu', this.references, this.hypotheses, this.options);
  }
  reset(...extra: never[]): void {
    refuseExtraArguments('CorpusBleu.reset', [], extra);
    this.references = [];
    this.hypotheses = [];
  }
}
