import type { ScoredLabels } from './score-buffer.js';

/**
 * scikit-learn's `_average_binary_score` for 'macro' and 'weighted': score_c of each class's
 * indicator (target == c), averaged uniformly or by the class's weighted prevalence Σᵢ wᵢ [yᵢ = c];
 * a class of prevalence 0 scores 0 there, and a total prevalence of 0 gives 0, as scikit-learn.
 */
export function averageOverClasses(
  data: ScoredLabels,
  average: 'macro' | 'weighted',
  score: (indicator: Float64Array, column: number) => number,
): number {
  const indicators = Array.from({ length: data.columns }, (_, column) =>
    Float64Array.from(data.target, (label) => (label === column ? 1 : 0)),
  );
  if (average === 'macro') return indicators.reduce((sum, indicator, column) => sum + score(indicator, column), 0) / data.columns;
  const prevalences = indicators.map((indicator) => indicator.reduce((sum, isClass, row) => sum + isClass * data.weights[row]!, 0));
  const totalPrevalence = prevalences.reduce((sum, prevalence) => sum + prevalence, 0);
  if (totalPrevalence === 0) return 0;
  let total = 0;
  indicators.forEach((indicator, column) => {
    if (prevalences[column]! > 0) total += prevalences[column]! * score(indicator, column);
  });
  return total / totalPrevalence;
}

/**
 * The 'micro' pooling of one-vs-rest: the flattened indicator matrix [n · classes], the flattened
 * scores, and each sample's weight repeated over its classes (scikit-learn's `np.repeat`).
 */
export function pooledOneVsRest(data: ScoredLabels): [Float64Array, Float64Array, Float64Array] {
  const pooledTarget = new Float64Array(data.rows * data.columns);
  const pooledWeights = new Float64Array(data.rows * data.columns);
  data.target.forEach((label, row) => {
    pooledTarget[row * data.columns + label] = 1;
    pooledWeights.fill(data.weights[row]!, row * data.columns, (row + 1) * data.columns);
  });
  return [pooledTarget, data.scores, pooledWeights];
}
