import type { Tensor } from '@dl/tensor';
import { formatShape } from '../options.js';

/** Scores (logits or critic values) must be floating tensors with one value per sample at least. */
export function checkScores(caller: string, name: string, scores: Tensor): void {
  if (scores.dtype !== 'float32' && scores.dtype !== 'float64')
    throw new Error(
      `${caller}: ${name} must be a float32 or float64 tensor of scores, got ${scores.dtype} with shape ${formatShape(scores.shape)}`,
    );
  if (scores.numel() === 0) throw new Error(`${caller}: ${name} is empty (shape ${formatShape(scores.shape)})`);
}
