/**
 * @dl/metrics: evaluation metrics checked against scikit-learn, SciPy and NLTK. Functions that read
 * tensors are async (`await x.data()` works on any device); every metric also has a streaming form
 * with `await update(...)`, `compute()` and `reset()`. Target (reference) first, prediction second.
 * @example
 * import { accuracy, Accuracy } from '@dl/metrics';
 * await accuracy([0, 1, 2], [0, 2, 2]); // 0.666…
 * @module @dl/metrics
 */
export { MetricInputError } from './input/metric-error.js';
export type { MetricInput, NestedNumbers } from './input/read-input.js';
export type { StreamingMetric } from './streaming-metric.js';
export type { SampleWeight, SampleWeightOption } from './input/sample-weight.js';

export { accuracy, Accuracy, type AccuracyOptions, type AccuracyFunctionOptions } from './classification/accuracy.js';
export {
  precisionRecallFScore,
  PrecisionRecallFScoreMetric,
  type Average,
  type PrecisionRecallFScore,
  type PrecisionRecallFScoreOptions,
  type PrecisionRecallFScoreFunctionOptions,
} from './classification/precision-recall-f-score.js';
export { precision, recall, f1Score, fBetaScore } from './classification/f-scores.js';
export {
  confusionMatrix,
  ConfusionMatrix,
  type ConfusionMatrixOptions,
  type ConfusionMatrixFunctionOptions,
} from './classification/confusion-matrix.js';
export {
  balancedAccuracy,
  BalancedAccuracy,
  type BalancedAccuracyOptions,
  type BalancedAccuracyFunctionOptions,
} from './classification/balanced-accuracy.js';
export { matthewsCorrelation, MatthewsCorrelation } from './classification/matthews-correlation.js';
export { rocCurve, RocCurveMetric, type RocCurve } from './classification/roc-curve.js';
export { rocAuc, RocAuc, type RocAucOptions, type RocAucFunctionOptions } from './classification/roc-auc.js';
export { precisionRecallCurve, PrecisionRecallCurveMetric, type PrecisionRecallCurve } from './classification/precision-recall-curve.js';
export {
  averagePrecision,
  AveragePrecision,
  type AveragePrecisionOptions,
  type AveragePrecisionFunctionOptions,
} from './classification/average-precision.js';
export { logLoss, LogLoss, type LogLossOptions, type LogLossFunctionOptions } from './classification/log-loss.js';
export { classificationReport, type ClassificationReportOptions } from './classification/classification-report.js';
export type {
  ClassificationReportFunctionOptions,
  ClassificationReportDict,
  ClassificationReportRow,
} from './classification/classification-report.js';
export {
  cohenKappaScore,
  CohenKappaScore,
  type CohenKappaOptions,
  type CohenKappaFunctionOptions,
} from './classification/cohen-kappa-score.js';
export {
  jaccardScore,
  JaccardScore,
  type JaccardScoreOptions,
  type JaccardScoreFunctionOptions,
} from './classification/jaccard-score.js';
export { hammingLoss, HammingLoss } from './classification/hamming-loss.js';
export {
  multilabelConfusionMatrix,
  type MultilabelConfusionMatrixOptions,
} from './classification/multilabel-confusion-matrix.js';

export {
  meanSquaredError,
  rootMeanSquaredError,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  r2Score,
  explainedVariance,
  RegressionMetric,
  type RegressionMetricName,
  type Multioutput,
  type RegressionOptions,
  type RatioScoreOptions,
  type MeanSquaredErrorOptions,
  type RegressionFunction,
} from './regression/regression-metrics.js';
export { meanSquaredLogError } from './regression/mean-squared-log-error.js';
export { medianAbsoluteError } from './regression/median-absolute-error.js';
export { maxError } from './regression/max-error.js';
export { meanPinballLoss, type PinballOptions } from './regression/mean-pinball-loss.js';
export {
  meanTweedieDeviance,
  meanPoissonDeviance,
  meanGammaDeviance,
  type TweedieOptions,
} from './regression/tweedie-deviance.js';
export { d2AbsoluteErrorScore, d2PinballScore } from './regression/d2-pinball-score.js';
export { d2TweedieScore } from './regression/d2-tweedie-score.js';
export type { SingleOutputRegressionFunction } from './regression/column-regression-metric.js';
export {
  BufferedRegressionMetric,
  type BufferedRegressionMetricName,
  type BufferedRegressionOptions,
} from './regression/buffered-regression-metric.js';

export { boxIou } from './detection/box-iou.js';
export type { BoxFormat } from './detection/boxes.js';
export { nonMaximumSuppression, type NonMaximumSuppressionOptions } from './detection/non-maximum-suppression.js';
export type { DetectionPrediction, DetectionTarget } from './detection/detections.js';
export { vocMeanAveragePrecision, type VocOptions, type MeanAveragePrecisionResult } from './detection/voc-mean-average-precision.js';
export { cocoMeanAveragePrecision, type CocoOptions, type CocoResult } from './detection/coco-mean-average-precision.js';
export { MeanAveragePrecision } from './detection/mean-average-precision-metric.js';

export {
  segmentationScores,
  SegmentationMetric,
  type SegmentationOptions,
  type SegmentationScores,
} from './segmentation/segmentation-scores.js';

export { perplexity, perplexityFromLoss, Perplexity, type PerplexityOptions } from './text/perplexity.js';
export { sentenceBleu, corpusBleu, CorpusBleu, type BleuOptions, type Tokens } from './text/bleu.js';
export type { SmoothingMethod } from './text/bleu-smoothing.js';
export { rouge, rougeTokenize, Rouge, type RougeScore, type RougeScores, type RougeText } from './text/rouge.js';

export type { FeatureExtractor } from './generative/feature-extractor.js';
export type { FeatureSetKind } from './generative/feature-set-kind.js';
export { frechetInceptionDistance, frechetDistanceFromMoments, FrechetInceptionDistance } from './generative/frechet-distance.js';
export {
  kernelInceptionDistance,
  KernelInceptionDistance,
  type KernelInceptionDistanceOptions,
  type KernelInceptionDistanceResult,
} from './generative/kernel-inception-distance.js';
export { inceptionScore, InceptionScore, type InceptionScoreResult } from './generative/inception-score.js';
export {
  generativePrecisionRecall,
  GenerativePrecisionRecallMetric,
  type GenerativePrecisionRecall,
} from './generative/generative-precision-recall.js';

export type { ClusterLabels } from './clustering/cluster-labels.js';
export { contingencyMatrix, type ContingencyMatrixOptions } from './clustering/contingency.js';
export { pairConfusionMatrix, randScore, adjustedRandScore } from './clustering/pair-confusion.js';
export { mutualInfoScore, type MutualInfoScoreOptions } from './clustering/mutual-information.js';
export type { AverageMethod, AverageMethodOptions } from './clustering/average-method.js';
export { normalizedMutualInfoScore } from './clustering/normalized-mutual-information.js';
export { adjustedMutualInfoScore } from './clustering/adjusted-mutual-information.js';
export {
  homogeneityCompletenessVMeasure,
  homogeneityScore,
  completenessScore,
  vMeasureScore,
  type HomogeneityCompletenessVMeasure,
  type VMeasureOptions,
} from './clustering/homogeneity-completeness.js';
export { fowlkesMallowsScore } from './clustering/fowlkes-mallows.js';
export {
  silhouetteScore,
  silhouetteSamples,
  type SilhouetteMetric,
  type SilhouetteSamplesOptions,
  type SilhouetteScoreOptions,
} from './clustering/silhouette.js';
export { calinskiHarabaszScore } from './clustering/calinski-harabasz.js';
export { daviesBouldinScore } from './clustering/davies-bouldin.js';
