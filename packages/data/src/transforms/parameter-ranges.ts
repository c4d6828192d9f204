import { describeValue } from '@dl/tensor';

/**
 * Throws unless `range` is [min, max] with min ≤ max. torchvision draws from such ranges with
 * `torch.empty(1).uniform_(min, max)`, which raises for min > max; here it is an error when the
 * transform is built.
 */
export function checkOrderedRange(owner: string, name: string, range: readonly number[]): void {
  if (!(range[0]! <= range[1]!)) throw new Error(`${owner}: ${name} must be [min, max] with min ≤ max, got [${range.join(', ')}]`);
}

/**
 * A range of angles (torchvision's `_setup_angle`): one number d ≥ 0 is [−d, d]; otherwise a list of
 * one of `sizes` lengths of finite numbers, read as [min, max] pairs (shear's four numbers are the x
 * range then the y range), each with min ≤ max.
 * @example
 * angleRange('RandomRotation', 'degrees', 30, [2]); // [-30, 30]
 * angleRange('RandomRotation', 'degrees', -30, [2]); // Error: if degrees is a single number, it must be non-negative
 */
export function angleRange(owner: string, name: string, value: unknown, sizes: readonly number[]): number[] {
  if (typeof value === 'number' && !Number.isNaN(value)) {
    if (!(value >= 0 && Number.isFinite(value)))
      throw new Error(`${owner}: if ${name} is a single number, it must be non-negative, got ${value}`);
    return [-value, value];
  }
  if (!(Array.isArray(value) && sizes.includes(value.length) && value.every(Number.isFinite)))
    throw new Error(`${owner}: ${name} must be one number or a list of ${sizes.join(' or ')} numbers, got ${describeValue(value)}`);
  for (let start = 0; start < value.length; start += 2) checkOrderedRange(owner, name, value.slice(start, start + 2));
  return [...value];
}
