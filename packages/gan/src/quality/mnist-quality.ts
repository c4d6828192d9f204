import {
  frechetInceptionDistance,
  generativePrecisionRecall,
  inceptionScore,
  kernelInceptionDistance,
  type InceptionScoreResult,
  type KernelInceptionDistanceResult,
} from '@dl/metrics';
import { cat, checkTensorArguments, noGrad, scope, type Tensor } from '@dl/tensor';
import { checkOptions, formatShape } from '../options.js';
import type { MnistClassifier } from './mnist-classifier.js';

export interface MnistQuality {
  /** Fréchet distance between the Gaussians of real and generated classifier features (lower is better). */
  fid: number;
  /** Kernel (MMD²) distance on the same features, unbiased; mean and std over subsets. */
  kid: KernelInceptionDistanceResult;
  /** exp E KL(p(y|x) ‖ p(y)) of the classifier's softmax on generated digits: 1 (bad) to 10 (confident and varied). */
  inceptionScore: InceptionScoreResult;
  /** k-NN precision (fakes inside the real manifold: fidelity) and recall (reals inside the fake manifold: diversity). */
  precision: number;
  recall: number;
}

export interface MnistQualityOptions {
  /** Images per classifier call; default 500. */
  batchSize?: number;
  /** Neighbours of the precision/recall manifolds; default 3. */
  k?: number;
  /** KID subsets (default 20) and subset size (default min(1000, both set sizes); an explicit one larger than a set is an error). */
  kidSubsets?: number;
  kidSubsetSize?: number;
  /** Splits of the Inception Score (torch.chunk's); default 10, or fewer with under 10 images per split. An explicit value is used as given. */
  isSplits?: number;
  /** Pixel range of `generated`, mapped to [0, 1]; default [0, 1]. A Tanh generator's is [−1, 1]. */
  generatedRange?: [number, number];
}

/** Features [N, 64] and class probabilities [N, 10] in batches, under noGrad. */
function classify(classifier: MnistClassifier, images: Tensor, batchSize: number): { features: Tensor; probabilities: Tensor } {
  return noGrad(() =>
    scope(() => {
      const features: Tensor[] = [];
      const probabilities: Tensor[] = [];
      for (let start = 0; start < images.shape[0]!; start += batchSize) {
        const batch = images.narrow(0, start, Math.min(batchSize, images.shape[0]! - start));
        const hidden = classifier.features(batch);
        features.push(hidden);
        probabilities.push(classifier.head.call(hidden).softmax(1));
      }
      return { features: cat(features, 0), probabilities: cat(probabilities, 0) };
    }),
  );
}

/**
 * FID, KID, Inception Score and precision/recall of generated MNIST digits against real ones, in
 * the feature space of the shipped classifier (`loadMnistClassifier`): 64 penultimate activations
 * for FID/KID/precision-recall, its softmax for IS. Both image sets are [N, 1, 28, 28] with pixels in
 * [0, 1], or give `generatedRange: [-1, 1]` for a Tanh generator's output (flat [N, 784] is reshaped). Scores on this classifier compare runs
 * with each other, not with papers' Inception-v3 numbers.
 * @example
 * const classifier = await loadMnistClassifier();
 * const quality = await mnistQuality(classifier, samples, heldOut.images, { generatedRange: [-1, 1] });
 * console.log(quality.fid, quality.inceptionScore.mean);
 */
export async function mnistQuality(
  classifier: MnistClassifier,
  generated: Tensor,
  real: Tensor,
  options: MnistQualityOptions = {},
): Promise<MnistQuality> {
  checkTensorArguments('mnistQuality', { generated, real });
  checkOptions('mnistQuality', options, ['batchSize', 'k', 'kidSubsets', 'kidSubsetSize', 'isSplits', 'generatedRange']);
  const [low, high] = options.generatedRange ?? [0, 1];
  // flat generator outputs [N, 784] are digits too
  if (generated.ndim === 2 && generated.shape[1] === 784) generated = generated.reshape([-1, 1, 28, 28]);
  if (low !== 0 || high !== 1) generated = noGrad(() => generated.sub(low).div(high - low));
  for (const [name, images] of [
    ['generated', generated],
    ['real', real],
  ] as const)
    if (images.ndim !== 4 || images.shape[1] !== 1 || images.shape[2] !== 28 || images.shape[3] !== 28 || images.shape[0]! < 2)
      throw new Error(
        `mnistQuality: ${name} must be at least 2 images [N, 1, 28, 28] with pixels in [0, 1], got ${formatShape(images.shape)}`,
      );
  const count = Math.min(generated.shape[0]!, real.shape[0]!);
  // an explicit subset size is used as given (torchmetrics raises when it exceeds a set); only the default adapts
  const subsetSize = options.kidSubsetSize ?? Math.min(1000, count);
  if (subsetSize > count)
    throw new Error(`mnistQuality: kidSubsetSize ${subsetSize} is larger than the smaller image set (${count} images)`);
  // an explicit split count is used as given (torch.chunk splits, as torchmetrics); the default 10 drops to
  // one split per 10 generated images so that each split still estimates p(y)
  const splits = options.isSplits ?? Math.max(1, Math.min(10, Math.floor(generated.shape[0]! / 10)));
  const batchSize = options.batchSize ?? 500;
  const fake = classify(classifier, generated, batchSize);
  const reference = classify(classifier, real, batchSize);
  try {
    const kid = await kernelInceptionDistance(reference.features, fake.features, { subsets: options.kidSubsets ?? 20, subsetSize });
    const { precision, recall } = await generativePrecisionRecall(reference.features, fake.features, { k: options.k ?? 3 });
    return {
      fid: await frechetInceptionDistance(reference.features, fake.features),
      kid,
      inceptionScore: await inceptionScore(fake.probabilities, { splits }),
      precision,
      recall,
    };
  } finally {
    for (const value of [fake.features, fake.probabilities, reference.features, reference.probabilities]) value.dispose();
  }
}

/**
 * The fraction of `images` that the classifier assigns to `labels` (how often a conditional
 * generator's "7" reads as a 7). Images [N, 1, 28, 28] in [0, 1]; labels int32 [N].
 * @example
 * const rate = await classifiedAs(classifier, generator.call(noise, labels).reshape([-1, 1, 28, 28]).add(1).div(2), labels);
 */
export async function classifiedAs(classifier: MnistClassifier, images: Tensor, labels: Tensor): Promise<number> {
  checkTensorArguments('classifiedAs', { images, labels });
  if (labels.ndim !== 1 || labels.shape[0] !== images.shape[0])
    throw new Error(`classifiedAs: labels ${formatShape(labels.shape)} must hold one label per image of ${formatShape(images.shape)}`);
  const matches = noGrad(() => classifier.call(images).argmax(1).eq(labels).sum());
  const count = await matches.item();
  matches.dispose();
  return count / labels.shape[0]!;
}
