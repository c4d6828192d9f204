import { checkTensorArguments, type Tensor } from '@dl/tensor';
import { formatShape } from '../options.js';

/** Scores (logits or critic values) must be floating tensors with one value per sample at least. */
export function checkScores(caller: string, name: string, scores: Tensor): void {
  checkTensorArguments(caller, { [name]: scores });
  if (scores.dtype !== 'float32' && scores.dtype !== 'float64')
    throw new Error(
      `${caller}: ${name} must be a float32 or float64 tensor of scores, got ${scores.dtype} with shape ${formatShape(scores.shape)}`,
    );
  if (scores.numel() === 0) throw new Error(`${caller}: ${name} is empty (shape ${formatShape(scores.shape)})`);
}

/** What a GAN loss given an options object or a weight hears: its value is a mean, and that is all it takes. */
export const noOptions = 'the GAN losses take no options (each is a mean: scale the result for another weighting)';
