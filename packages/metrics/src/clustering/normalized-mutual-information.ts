import { generalizedAverage, type AverageMethodOptions } from './average-method.js';
import type { ClusterLabels } from './cluster-labels.js';
import { readInformationScoreInputs } from './information-score-inputs.js';
import { entropyOfSizes } from './mutual-information.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

/**
 * The normalized mutual information (scikit-learn's `normalized_mutual_info_score`):
 * NMI(U, V) = MI(U, V) / mean(H(U), H(V)), the mean chosen by `averageMethod` ('min', 'geometric',
 * 'arithmetic' (default), 'max'). 1 when both labelings have a single cluster (or no sample), 0 when
 * the mutual information is 0. Not adjusted for chance: see `adjustedMutualInfoScore`.
 * @example
 * await normalizedMutualInfoScore([0, 0, 1, 1], [1, 1, 0, 0]); // 1
 * await normalizedMutualInfoScore([0, 0, 1, 2], [0, 0, 1, 1], { averageMethod: 'max' }); // 0.6666…
 */
export async function normalizedMutualInfoScore(
  labelsTrue: ClusterLabels,
  labelsPred: ClusterLabels,
  options: AverageMethodOptions = {},
  ...extra: never[]
): Promise<number> {
  refuseExtraArguments('normalizedMutualInfoScore', ['labelsTrue', 'labelsPred', 'options?'], extra);
  const inputs = await readInformationScoreInputs('normalizedMutualInfoScore', labelsTrue, labelsPred, options);
  if (inputs === null) return 1;
  const { averageMethod, contingency, information } = inputs;
  if (information === 0) return 0;
  return information / generalizedAverage(entropyOfSizes(contingency.rowSums), entropyOfSizes(contingency.columnSums), averageMethod);
}
