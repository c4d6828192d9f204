import { checkOptions } from '@dl/tensor';
import { readAverageMethod, type AverageMethod, type AverageMethodOptions } from './average-method.js';
import type { ClusterLabels } from './cluster-labels.js';
import { readContingency, type Contingency } from './contingency.js';
import { mutualInformationOf } from './mutual-information.js';

/**
 * What the normalized and the adjusted mutual information start from: the averaging method, the
 * contingency table and MI(U, V); or null where both labelings have a single cluster (or no sample),
 * for which scikit-learn defines both scores as 1 (a perfect match of trivial labelings).
 */
export async function readInformationScoreInputs(
  metric: string,
  labelsTrue: ClusterLabels,
  labelsPred: ClusterLabels,
  options: AverageMethodOptions,
): Promise<{ averageMethod: AverageMethod; contingency: Contingency; information: number } | null> {
  checkOptions(metric, options, ['averageMethod']);
  const averageMethod = readAverageMethod(metric, options);
  const contingency = await readContingency(metric, labelsTrue, labelsPred);
  const classes = contingency.rowSums.length;
  if (classes === contingency.columnSums.length && classes <= 1) return null;
  return { averageMethod, contingency, information: mutualInformationOf(metric, contingency) };
}
