import { checkOptions } from '@dl/tensor';
import type { ClusterLabels } from './cluster-labels.js';
import { readContingency } from './contingency.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

/**
 * The Fowlkes–Mallows index (scikit-learn's `fowlkes_mallows_score`): the geometric mean of pairwise
 * precision and recall, FMI = TP / √((TP + FP)(TP + FN)), with TP = Σ n_ij² − n (pairs together in
 * both labelings), TP + FP = Σ bⱼ² − n (together in `labelsPred`), TP + FN = Σ aᵢ² − n (together in
 * `labelsTrue`); 0 when TP = 0. Computed as √(TP/(TP + FP)) · √(TP/(TP + FN)), as scikit-learn.
 * @example
 * await fowlkesMallowsScore([0, 0, 1, 1], [1, 1, 0, 0]); // 1
 * await fowlkesMallowsScore([0, 0, 0, 0], [0, 1, 2, 3]); // 0
 */
export async function fowlkesMallowsScore(
  labelsTrue: ClusterLabels,
  labelsPred: ClusterLabels,
  options: Record<string, never> = {},
  ...extra: never[]
): Promise<number> {
  refuseExtraArguments('fowlkesMallowsScore', ['labelsTrue', 'labelsPred', 'options?'], extra);
  const metric = 'fowlkesMallowsScore';
  checkOptions(metric, options, []);
  const { rowSums, columnSums, cellCounts, total } = await readContingency(metric, labelsTrue, labelsPred);
  const squares = (values: ArrayLike<number>): number => {
    let sum = 0;
    for (let index = 0; index < values.length; index++) sum += values[index]! * values[index]!;
    return sum;
  };
  const together = squares(cellCounts) - total;
  if (together === 0) return 0;
  const togetherPred = squares(columnSums) - total;
  const togetherTrue = squares(rowSums) - total;
  return Math.sqrt(together / togetherPred) * Math.sqrt(together / togetherTrue);
}
