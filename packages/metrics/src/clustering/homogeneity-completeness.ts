import { checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import type { ClusterLabels } from './cluster-labels.js';
import { readContingency } from './contingency.js';
import { entropyOfSizes, mutualInformationOf } from './mutual-information.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

/** Homogeneity, completeness and their weighted harmonic mean. */
export interface HomogeneityCompletenessVMeasure {
  homogeneity: number;
  completeness: number;
  vMeasure: number;
}

export interface VMeasureOptions {
  /** Weight of completeness against homogeneity in the V-measure (β > 1 favours completeness); default 1. */
  beta?: number;
}

function readBeta(metric: string, options: VMeasureOptions, accepted: readonly string[]): number {
  checkOptions(metric, options, accepted);
  const beta = options.beta ?? 1;
  check(
    typeof beta === 'number' && Number.isFinite(beta) && beta >= 0,
    metric,
    `beta must be a non-negative finite number, got ${String(beta)}`,
  );
  return beta;
}

/** The three scores from the contingency table (scikit-learn's `homogeneity_completeness_v_measure`). */
async function scores(
  metric: string,
  labelsTrue: ClusterLabels,
  labelsPred: ClusterLabels,
  beta: number,
): Promise<HomogeneityCompletenessVMeasure> {
  const contingency = await readContingency(metric, labelsTrue, labelsPred);
  if (contingency.total === 0) return { homogeneity: 1, completeness: 1, vMeasure: 1 };
  const entropyTrue = entropyOfSizes(contingency.rowSums);
  const entropyPred = entropyOfSizes(contingency.columnSums);
  const information = mutualInformationOf(metric, contingency);
  const homogeneity = entropyTrue ? information / entropyTrue : 1;
  const completeness = entropyPred ? information / entropyPred : 1;
  const vMeasure = homogeneity + completeness === 0 ? 0 : ((1 + beta) * homogeneity * completeness) / (beta * homogeneity + completeness);
  return { homogeneity, completeness, vMeasure };
}

/**
 * Homogeneity, completeness and V-measure of a clustering against true classes (Rosenberg and
 * Hirschberg 2007; scikit-learn's `homogeneity_completeness_v_measure`), with C the classes
 * (`labelsTrue`) and K the clusters (`labelsPred`):
 * homogeneity h = 1 − H(C|K)/H(C) = MI/H(C) (each cluster holds one class), completeness
 * c = MI/H(K) (each class lies in one cluster), each 1 when its entropy is 0, and
 * V = (1 + β) h c / (β h + c) (0 when h + c = 0). No sample gives 1, 1, 1.
 * @example
 * await homogeneityCompletenessVMeasure([0, 0, 1, 1], [0, 0, 1, 2]); // { homogeneity: 1, completeness: 0.6667…, vMeasure: 0.8 }
 */
export async function homogeneityCompletenessVMeasure(
  labelsTrue: ClusterLabels,
  labelsPred: ClusterLabels,
  options: VMeasureOptions = {},
  ...extra: never[]
): Promise<HomogeneityCompletenessVMeasure> {
  refuseExtraArguments('homogeneityCompletenessVMeasure', ['labelsTrue', 'labelsPred', 'options?'], extra);
  const metric = 'homogeneityCompletenessVMeasure';
  return scores(metric, labelsTrue, labelsPred, readBeta(metric, options, ['beta']));
}

/**
 * Homogeneity (scikit-learn's `homogeneity_score`): MI(C, K) / H(C), 1 when every cluster holds
 * samples of a single class (or H(C) = 0).
 * @example
 * await homogeneityScore([0, 0, 1, 1], [0, 0, 1, 2]); // 1
 */
export async function homogeneityScore(
  labelsTrue: ClusterLabels,
  labelsPred: ClusterLabels,
  options: Record<string, never> = {},
  ...extra: never[]
): Promise<number> {
  refuseExtraArguments('homogeneityScore', ['labelsTrue', 'labelsPred', 'options?'], extra);
  const metric = 'homogeneityScore';
  return (await scores(metric, labelsTrue, labelsPred, readBeta(metric, options, []))).homogeneity;
}

/**
 * Completeness (scikit-learn's `completeness_score`): MI(C, K) / H(K), 1 when every class lies in a
 * single cluster (or H(K) = 0).
 * @example
 * await completenessScore([0, 0, 1, 1], [0, 0, 0, 0]); // 1
 */
export async function completenessScore(
  labelsTrue: ClusterLabels,
  labelsPred: ClusterLabels,
  options: Record<string, never> = {},
  ...extra: never[]
): Promise<number> {
  refuseExtraArguments('completenessScore', ['labelsTrue', 'labelsPred', 'options?'], extra);
  const metric = 'completenessScore';
  return (await scores(metric, labelsTrue, labelsPred, readBeta(metric, options, []))).completeness;
}

/**
 * The V-measure (scikit-learn's `v_measure_score`): (1 + β) h c / (β h + c) of homogeneity h and
 * completeness c; with β = 1 (default) it equals the arithmetic normalized mutual information.
 * @example
 * await vMeasureScore([0, 0, 1, 2], [0, 0, 1, 1]); // 0.8
 */
export async function vMeasureScore(
  labelsTrue: ClusterLabels,
  labelsPred: ClusterLabels,
  options: VMeasureOptions = {},
  ...extra: never[]
): Promise<number> {
  refuseExtraArguments('vMeasureScore', ['labelsTrue', 'labelsPred', 'options?'], extra);
  const metric = 'vMeasureScore';
  return (await scores(metric, labelsTrue, labelsPred, readBeta(metric, options, ['beta']))).vMeasure;
}
