import type { Tensor } from '../core/tensor.js';
import type { Subscripts } from './einsum-equation.js';
import { matmulAnyDtype } from './integer-matmul.js';
import { sum } from './reduce.js';
import { permute, reshape } from './views.js';

/** Sums out the dims of `x` named by letters not in `keep`; returns the rest with their names. */
export function sumOut(x: Tensor, names: Subscripts, keep: ReadonlySet<string>): [Tensor, Subscripts] {
  const dims = names.flatMap((letter, axis) => (keep.has(letter) ? [] : [axis]));
  if (dims.length === 0) return [x, names];
  return [sum(x, dims), names.filter((letter) => keep.has(letter))];
}

/**
 * One pairwise step of the contraction, once both operands' names are unique and their sizes agree:
 * the letters in `keep` survive, every other letter is summed out.
 *
 * A letter in one operand only and not kept is summed from that operand first (Σⱼ aⱼ·b = b·Σⱼ aⱼ, as
 * torch does). Of the rest, letters in both that are kept are batch dims, letters in both that are not
 * are contracted, and letters in one only are carried along. A is laid out as [batch, A-only,
 * contracted] and B as [batch, contracted, B-only], so one batched `matmul` does the product and the
 * sum (for int32, the sum of broadcast products that `matmulAnyDtype` makes, as torch's CPU einsum
 * takes integers): the result's names are [batch, A-only, B-only], in that order.
 */
export function contractPair(
  [aInput, aNames]: [Tensor, Subscripts],
  [bInput, bNames]: [Tensor, Subscripts],
  keep: ReadonlySet<string>,
  sizes: ReadonlyMap<string, number>,
): [Tensor, Subscripts] {
  const neededWith = (other: Subscripts) => new Set([...keep, ...other]);
  const [a, aKept] = sumOut(aInput, aNames, neededWith(bNames));
  const [b, bKept] = sumOut(bInput, bNames, neededWith(aNames));
  const batch = aKept.filter((letter) => bKept.includes(letter) && keep.has(letter));
  const contracted = aKept.filter((letter) => bKept.includes(letter) && !keep.has(letter));
  const aOnly = aKept.filter((letter) => !bKept.includes(letter));
  const bOnly = bKept.filter((letter) => !aKept.includes(letter));
  const size = (letters: Subscripts) => letters.reduce((product, letter) => product * sizes.get(letter)!, 1);
  const left = reshape(
    permute(
      a,
      [...batch, ...aOnly, ...contracted].map((letter) => aKept.indexOf(letter)),
    ),
    [size(batch), size(aOnly), size(contracted)],
  );
  const right = reshape(
    permute(
      b,
      [...batch, ...contracted, ...bOnly].map((letter) => bKept.indexOf(letter)),
    ),
    [size(batch), size(contracted), size(bOnly)],
  );
  const productNames = [...batch, ...aOnly, ...bOnly];
  return [
    reshape(
      matmulAnyDtype(left, right),
      productNames.map((letter) => sizes.get(letter)!),
    ),
    productNames,
  ];
}
