/**
 * The error every metric throws on bad input; the message starts with the metric's name, so
 * `precisionRecallFScore: target has 3 values but prediction has 4` says where to look.
 * @example
 * try { await meanSquaredError([1, 2], [1]); } catch (error) { (error as MetricInputError).metric; } // 'meanSquaredError'
 */
export class MetricInputError extends Error {
  constructor(
    readonly metric: string,
    detail: string,
  ) {
    super(`${metric}: ${detail}`);
    this.name = 'MetricInputError';
  }
}

/** Throws a MetricInputError naming `metric` unless `condition` holds. */
export function check(condition: unknown, metric: string, detail: string | (() => string)): asserts condition {
  if (!condition) throw new MetricInputError(metric, typeof detail === 'string' ? detail : detail());
}
