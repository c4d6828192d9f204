/**
 * The streaming form shared by every metric: `await update(...)` once per batch (it reads the batch
 * with `await x.data()` and keeps only sufficient statistics or host copies), `compute()` for the
 * value over everything seen since the last `reset()`. An argument after those a method takes throws
 * (sample weights are the functions' `sampleWeight` option; the streaming classes take none).
 * @example
 * const accuracy = new Accuracy();
 * for (const [inputs, labels] of batches) await accuracy.update(labels, model(inputs));
 * accuracy.compute();
 * accuracy.reset();
 */
export interface StreamingMetric<Inputs extends unknown[], Result> {
  update(...inputs: Inputs): Promise<void>;
  compute(): Result;
  reset(): void;
}
