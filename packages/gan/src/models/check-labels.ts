import type { Tensor } from '@dl/tensor';
import { formatShape } from '../options.js';

/** Class labels must be int32 [batch] matching the batch of `input`. */
export function checkLabels(caller: string, input: Tensor, labels: Tensor): void {
  if (labels.dtype !== 'int32' || labels.ndim !== 1 || labels.shape[0] !== input.shape[0])
    throw new Error(
      `${caller}: labels must be int32 [${input.shape[0]}] (one per sample of input ${formatShape(input.shape)}), got ${labels.dtype} ${formatShape(labels.shape)}`,
    );
}
