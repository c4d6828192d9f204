import { readBytes } from '@dl/data';
import { refuseExtraArguments } from '@dl/tensor';
import { parseSafetensors } from '@dl/nn';
import { checkOptions } from './options.js';
import { MnistClassifier } from './quality/mnist-classifier.js';

/**
 * The weights that ship with this package (`packages/gan/weights/`). This module sits directly under
 * src/ (and its built code directly under dist/), so `../weights/` reaches the folder from both.
 */
export const mnistClassifierWeightsUrl = new URL('../weights/mnist-classifier.safetensors', import.meta.url);

/**
 * The shipped MNIST classifier, in eval mode, with its metadata (test accuracy, training set-up).
 * @example
 * const classifier = await loadMnistClassifier();
 * classifier.metadata.testAccuracy; // '0.97…'
 */
export async function loadMnistClassifier(
  options: { device?: string } = {},
  ...extra: never[]
): Promise<MnistClassifier & { metadata: Record<string, string> }> {
  refuseExtraArguments('loadMnistClassifier', ['options'], extra);
  checkOptions('loadMnistClassifier', options, ['device']);
  const content = parseSafetensors(await readBytes(mnistClassifierWeightsUrl));
  const classifier = new MnistClassifier();
  classifier.loadStateDict(content.tensors);
  for (const value of Object.values(content.tensors)) value.dispose();
  if (options.device) classifier.to(options.device);
  return Object.assign(classifier.eval(), { metadata: content.metadata });
}
