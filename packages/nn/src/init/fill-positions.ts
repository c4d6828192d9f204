import { noGrad, tensor, type Tensor } from '@dl/tensor';

/**
 * Sets the entries of `target` at the given row-major flat positions to `value`, in place and outside
 * autograd: a boolean mask built on the host, applied with `maskedFill_`, so it runs on any device.
 * dirac and sparse write their structure this way. Returns `target`.
 * @example
 * fillPositions(weight, [0, 4, 8], 1); // the diagonal of a 3×3 weight
 */
export function fillPositions(target: Tensor, positions: Iterable<number>, value: number): Tensor {
  const selected = new Uint8Array(target.numel());
  for (const position of positions) selected[position] = 1;
  noGrad(() => {
    const mask = tensor(selected, { shape: target.shape, dtype: 'bool', device: target.device });
    target.maskedFill_(mask, value);
    mask.dispose();
  });
  return target;
}
