import { checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import { readInput, type MetricInput } from '../input/read-input.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

export interface PerplexityOptions {
  /** Targets equal to this value are left out (PyTorch's `ignore_index`, e.g. padding). */
  ignoreIndex?: number;
}

const metric = 'perplexity';

/** Summed negative log-likelihood −Σ log softmax(logits)[target] and the token count of a batch. */
async function negativeLogLikelihood(target: MetricInput, logits: MetricInput, options: PerplexityOptions): Promise<[number, number]> {
  const scores = await readInput(logits, metric, 'logits');
  const labels = await readInput(target, metric, 'target');
  check(scores.shape.length >= 2, metric, `logits must be [..., vocabulary], got shape [${scores.shape.join(', ')}]`);
  const vocabulary = scores.shape.at(-1)!;
  check(
    scores.shape.slice(0, -1).join() === labels.shape.join(),
    metric,
    `logits shape [${scores.shape.join(', ')}] does not match target shape [${labels.shape.join(', ')}] plus a vocabulary dimension`,
  );
  let total = 0;
  let count = 0;
  labels.values.forEach((label, token) => {
    if (label === options.ignoreIndex) return;
    check(
      Number.isInteger(label) && label >= 0 && label < vocabulary,
      metric,
      () => `target ${label} is out of range for a vocabulary of ${vocabulary}`,
    );
    // −log softmax(z)[y] = logsumexp(z) − z_y, with the maximum subtracted for stability.
    const row = scores.values.subarray(token * vocabulary, (token + 1) * vocabulary);
    const maximum = row.reduce((best, value) => Math.max(best, value), -Infinity);
    const logSumExp = maximum + Math.log(row.reduce((sum, value) => sum + Math.exp(value - maximum), 0));
    total += logSumExp - row[label]!;
    count++;
  });
  return [total, count];
}

/**
 * Perplexity exp(mean token cross-entropy) of targets `[...]` under logits `[..., vocabulary]`
 * (target first, as every metric here).
 * @example
 * await perplexity([0, 1], [[0, 0], [0, 0]]); // 2 (uniform over two tokens)
 */
export async function perplexity(
  target: MetricInput,
  logits: MetricInput,
  options: PerplexityOptions = {},
  ...extra: never[]
): Promise<number> {
  refuseExtraArguments(metric, ['target', 'logits', 'options?'], extra);
  checkOptions('perplexity', options, ['ignoreIndex']);
  const [total, count] = await negativeLogLikelihood(target, logits, options);
  check(count > 0, metric, 'no target tokens (all ignored or empty)');
  return Math.exp(total / count);
}

/**
 * Perplexity from a mean cross-entropy loss in nats: exp(loss).
 * @example
 * perplexityFromLoss(Math.log(2)); // 2
 */
export function perplexityFromLoss(meanLoss: number, ...extra: never[]): number {
  refuseExtraArguments('perplexityFromLoss', ['meanLoss'], extra);
  check(
    Number.isFinite(meanLoss) && meanLoss >= 0,
    'perplexityFromLoss',
    `mean loss must be a finite non-negative number, got ${meanLoss}`,
  );
  return Math.exp(meanLoss);
}

/** Streaming perplexity: summed negative log-likelihood and token count (ignored tokens excluded). */
export class Perplexity implements StreamingMetric<[MetricInput, MetricInput], number> {
  private total = 0;
  private count = 0;
  constructor(
    private readonly options: PerplexityOptions = {},
    ...extra: never[]
  ) {
    refuseExtraArguments('Perplexity', ['options?'], extra);
    checkOptions('Perplexity', options, ['ignoreIndex']);
  }
  async update(target: MetricInput, logits: MetricInput, ...extra: never[]): Promise<void> {
    refuseExtraArguments('Perplexity.update', ['target', 'logits'], extra);
    const [total, count] = await negativeLogLikelihood(target, logits, this.options);
    this.total += total;
    this.count += count;
  }
  compute(...extra: never[]): number {
    refuseExtraArguments('Perplexity.compute', [], extra);
    check(this.count > 0, 'Perplexity', 'no target tokens (all ignored or empty)');
    return Math.exp(this.total / this.count);
  }
  reset(...extra: never[]): void {
    refuseExtraArguments('Perplexity.reset', [], extra);
    this.total = 0;
    this.count = 0;
  }
}
