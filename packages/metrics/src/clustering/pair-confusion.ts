import { checkOptions } from '@dl/tensor';
import type { ClusterLabels } from './cluster-labels.js';
import { readContingency, type Contingency } from './contingency.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

/** Σ xᵢ² of integer counts, exactly. */
function sumOfSquares(values: ArrayLike<number>): bigint {
  let sum = 0n;
  for (let index = 0; index < values.length; index++) sum += BigInt(values[index]!) ** 2n;
  return sum;
}

/**
 * The pair counts, exact (scikit-learn computes them in int64): over the n² ordered pairs of samples
 * (i, j), i ≠ j, with n_ij the contingency cells, aᵢ and bⱼ its row and column sums,
 * tp = Σ n_ij² − n (together in both), fp = Σ bⱼ² − Σ n_ij² (together only in the prediction),
 * fn = Σ aᵢ² − Σ n_ij² (together only in the truth), tn = n² − tp − fp − fn − n.
 */
export function pairCounts(contingency: Contingency): { tn: bigint; fp: bigint; fn: bigint; tp: bigint } {
  const samples = BigInt(contingency.total);
  const cells = sumOfSquares(contingency.cellCounts);
  const fp = sumOfSquares(contingency.columnSums) - cells;
  const fn = sumOfSquares(contingency.rowSums) - cells;
  return { tn: samples * samples - fp - fn - cells, fp, fn, tp: cells - samples };
}

/**
 * The pair confusion matrix (scikit-learn's `pair_confusion_matrix`): [[tn, fp], [fn, tp]] over ordered
 * pairs of distinct samples, a pair "positive" when both samples share a cluster: tp pairs share one
 * in both labelings, fp only in `labelsPred`, fn only in `labelsTrue`, tn in neither.
 * @example
 * await pairConfusionMatrix([0, 0, 1, 2], [0, 0, 1, 1]); // [[8, 2], [0, 2]]
 */
export async function pairConfusionMatrix(
  labelsTrue: ClusterLabels,
  labelsPred: ClusterLabels,
  options: Record<string, never> = {},
  ...extra: never[]
): Promise<number[][]> {
  refuseExtraArguments('pairConfusionMatrix', ['labelsTrue', 'labelsPred', 'options?'], extra);
  checkOptions('pairConfusionMatrix', options, []);
  const { tn, fp, fn, tp } = pairCounts(await readContingency('pairConfusionMatrix', labelsTrue, labelsPred));
  return [
    [Number(tn), Number(fp)],
    [Number(fn), Number(tp)],
  ];
}

/**
 * The Rand index (scikit-learn's `rand_score`): the fraction of sample pairs on which the labelings
 * agree, RI = (tp + tn) / (tp + tn + fp + fn); 1 when they agree on every pair or there is no pair.
 * @example
 * await randScore([0, 0, 1, 2], [0, 0, 1, 1]); // 0.8333…
 */
export async function randScore(
  labelsTrue: ClusterLabels,
  labelsPred: ClusterLabels,
  options: Record<string, never> = {},
  ...extra: never[]
): Promise<number> {
  refuseExtraArguments('randScore', ['labelsTrue', 'labelsPred', 'options?'], extra);
  checkOptions('randScore', options, []);
  const { tn, fp, fn, tp } = pairCounts(await readContingency('randScore', labelsTrue, labelsPred));
  const agreeing = tp + tn;
  const pairs = agreeing + fp + fn;
  if (agreeing === pairs || pairs === 0n) return 1;
  return Number(agreeing) / Number(pairs);
}

/**
 * The adjusted Rand index (scikit-learn's `adjusted_rand_score`, Hubert and Arabie 1985): the Rand
 * index corrected for chance, ARI = (RI − E[RI]) / (max RI − E[RI]), which in pair counts is
 * 2 (tp·tn − fn·fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn)); 1 when no pair disagrees. Near 0 for
 * independent labelings, 1 for identical ones (up to renaming), at least −0.5.
 * @example
 * await adjustedRandScore([0, 0, 1, 1], [1, 1, 0, 0]); // 1
 * await adjustedRandScore([0, 0, 1, 1], [0, 1, 0, 1]); // -0.5
 */
export async function adjustedRandScore(
  labelsTrue: ClusterLabels,
  labelsPred: ClusterLabels,
  options: Record<string, never> = {},
  ...extra: never[]
): Promise<number> {
  refuseExtraArguments('adjustedRandScore', ['labelsTrue', 'labelsPred', 'options?'], extra);
  checkOptions('adjustedRandScore', options, []);
  const { tn, fp, fn, tp } = pairCounts(await readContingency('adjustedRandScore', labelsTrue, labelsPred));
  if (fn === 0n && fp === 0n) return 1;
  // Exact integer products, each rounded once to float64 as Python's int → float does.
  return (2 * Number(tp * tn - fn * fp)) / Number((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}
