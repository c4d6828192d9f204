import { generalizedAverage, type AverageMethodOptions } from './average-method.js';
import type { ClusterLabels } from './cluster-labels.js';
import { expectedMutualInformation } from './expected-mutual-information.js';
import { readInformationScoreInputs } from './information-score-inputs.js';
import { entropyOfSizes } from './mutual-information.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

/**
 * The adjusted mutual information (scikit-learn's `adjusted_mutual_info_score`, Vinh et al. 2009):
 * AMI(U, V) = (MI − E[MI]) / (mean(H(U), H(V)) − E[MI]), E[MI] the expected mutual information of
 * random labelings with the same cluster sizes (an exact hypergeometric sum) and the mean chosen by
 * `averageMethod` ('arithmetic' by default). 1 for identical labelings (up to renaming) and when both
 * have a single cluster, about 0 for independent ones; can be negative. The denominator is kept at
 * least machine epsilon in magnitude, as scikit-learn.
 * @example
 * await adjustedMutualInfoScore([0, 0, 1, 1], [1, 1, 0, 0]); // 1
 * await adjustedMutualInfoScore([0, 0, 1, 1], [0, 1, 0, 1]); // -0.5
 */
export async function adjustedMutualInfoScore(
  labelsTrue: ClusterLabels,
  labelsPred: ClusterLabels,
  options: AverageMethodOptions = {},
  ...extra: never[]
): Promise<number> {
  refuseExtraArguments('adjustedMutualInfoScore', ['labelsTrue', 'labelsPred', 'options?'], extra);
  const inputs = await readInformationScoreInputs('adjustedMutualInfoScore', labelsTrue, labelsPred, options);
  if (inputs === null) return 1;
  const { averageMethod, contingency, information } = inputs;
  const expected = expectedMutualInformation(contingency.rowSums, contingency.columnSums, contingency.total);
  const normalizer = generalizedAverage(entropyOfSizes(contingency.rowSums), entropyOfSizes(contingency.columnSums), averageMethod);
  let denominator = normalizer - expected;
  denominator = denominator < 0 ? Math.min(denominator, -Number.EPSILON) : Math.max(denominator, Number.EPSILON);
  return (information - expected) / denominator;
}
