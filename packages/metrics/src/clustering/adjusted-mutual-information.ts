import { checkOptions } from '@dl/tensor';
import { generalizedAverage, readAverageMethod, type AverageMethodOptions } from './average-method.js';
import type { ClusterLabels } from './cluster-labels.js';
import { readContingency } from './contingency.js';
import { expectedMutualInformation } from './expected-mutual-information.js';
import { entropyOfSizes, mutualInformationOf } from './mutual-information.js';

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
): Promise<number> {
  const metric = 'adjustedMutualInfoScore';
  checkOptions(metric, options, ['averageMethod']);
  const averageMethod = readAverageMethod(metric, options);
  const contingency = await readContingency(metric, labelsTrue, labelsPred);
  const classes = contingency.rowSums.length;
  if (classes === contingency.columnSums.length && classes <= 1) return 1;
  const information = mutualInformationOf(metric, contingency);
  const expected = expectedMutualInformation(contingency.rowSums, contingency.columnSums, contingency.total);
  const normalizer = generalizedAverage(entropyOfSizes(contingency.rowSums), entropyOfSizes(contingency.columnSums), averageMethod);
  let denominator = normalizer - expected;
  denominator = denominator < 0 ? Math.min(denominator, -Number.EPSILON) : Math.max(denominator, Number.EPSILON);
  return (information - expected) / denominator;
}
