import { checkInteger, readArguments, type Tensor } from '@dl/tensor';
import { fillPositions } from './fill-positions.js';
import { zeros } from './init.js';
import { isInitSkipped } from './skip-init.js';

/**
 * Fills a 3-, 4- or 5-dimensional convolution weight [Cout, Cin/groups, …kernel] with the Dirac delta
 * (torch.nn.init.dirac_), in place: zeros except weight[g·(Cout/groups) + d, d, ⌊k/2⌋…] = 1 for each
 * group g and each d < min(Cout/groups, Cin/groups), so the convolution passes its first input channels
 * through unchanged (shifted by the kernel's centre offset when a kernel size is even). `groups`
 * (default 1) must divide the first dimension.
 * @example
 * init.dirac(new Conv2d(16, 16, 3, { padding: 1 }).weight); // conv(x) = x (plus the bias)
 * init.dirac(weight, 3); // or { groups: 3 }
 */
export function dirac(target: Tensor, groups?: number): Tensor;
/** The options form. */
export function dirac(target: Tensor, options: { groups?: number }): Tensor;
export function dirac(target: Tensor, ...rest: unknown[]): Tensor {
  const options = readArguments<{ groups?: number }>('init.dirac', rest, ['groups'], ['groups']);
  const groups = checkInteger('init.dirac', 'groups', options.groups ?? 1);
  const shape = target.shape;
  if (shape.length < 3 || shape.length > 5)
    throw new Error(`dirac: only tensors with 3, 4, or 5 dimensions are supported, got [${shape.join(', ')}]`);
  if (shape[0]! % groups !== 0)
    throw new Error(
      `dirac: dim 0 must be divisible by groups, got dim 0 = ${shape[0]} (shape [${shape.join(', ')}]) and groups = ${groups}`,
    );
  if (isInitSkipped()) return target;
  zeros(target);
  const outPerGroup = shape[0]! / groups;
  // row-major strides, and the offset of the kernel's centre ⌊k/2⌋ in each spatial dim
  const strides = shape.map((_, dim) => shape.slice(dim + 1).reduce((product, size) => product * size, 1));
  const centre = shape.slice(2).reduce((offset, size, dim) => offset + Math.floor(size / 2) * strides[dim + 2]!, 0);
  const positions: number[] = [];
  for (let group = 0; group < groups; group++)
    for (let channel = 0; channel < Math.min(outPerGroup, shape[1]!); channel++)
      positions.push((group * outPerGroup + channel) * strides[0]! + channel * strides[1]! + centre);
  return fillPositions(target, positions, 1);
}
