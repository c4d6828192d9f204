import { pad as padOp, type Tensor } from '@dl/tensor';

/**
 * Pads the last dims with a constant: `padding` is [left, right] for the last dim, then
 * [top, bottom] for the one before, … (torch.nn.functional.pad, mode 'constant'); negative values crop.
 * @example
 * F.pad(images, [1, 1, 2, 2]); // W + 2, H + 4
 */
export function pad(input: Tensor, padding: readonly number[], mode: 'constant' = 'constant', value = 0): Tensor {
  if (mode !== 'constant') throw new Error(`pad: only mode 'constant' is supported, got '${String(mode)}'`);
  return padOp(input, padding, value);
}
