import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { readEquation, type Subscripts } from './einsum-equation.js';
import { matmul } from './linalg.js';
import { diagonal } from './matrix-diagonals.js';
import { sum } from './reduce.js';
import { permute, reshape } from './views.js';

/** Sums out the dims of `x` named by letters no one else needs; returns the rest with their names. */
function sumOut(x: Tensor, names: Subscripts, keep: Set<string>): [Tensor, Subscripts] {
  const dims = names.flatMap((letter, axis) => (keep.has(letter) ? [] : [axis]));
  if (dims.length === 0) return [x, names];
  return [sum(x, dims), names.filter((letter) => keep.has(letter))];
}

/**
 * A letter twice in one operand ('ii') reads only the elements x[…i…i…]: `diagonal` over the two dims
 * keeps exactly those, as a new last dim named by the letter (repeated until every name is unique, so
 * 'iii' takes two diagonals). A view, so gradients land on the diagonal and the rest get zero.
 */
function takeDiagonals(x: Tensor, names: Subscripts): [Tensor, Subscripts] {
  let [current, currentNames] = [x, names];
  for (;;) {
    const second = currentNames.findIndex((name, axis) => currentNames.indexOf(name) !== axis);
    if (second < 0) return [current, currentNames];
    const name = currentNames[second]!;
    const first = currentNames.indexOf(name);
    current = diagonal(current, 0, first, second);
    currentNames = [...currentNames.filter((_, axis) => axis !== first && axis !== second), name];
  }
}

/**
 * A size-1 dim whose name is larger in the other operand broadcasts: x is constant along it, so it is
 * dropped (a reshape) and the other operand alone carries the name. The product then repeats x across
 * it, and when it is contracted only the other operand is summed: Σⱼ a·bⱼ = a·Σⱼ bⱼ.
 */
function dropBroadcastDims(x: Tensor, names: Subscripts, sizes: Map<string, number>): [Tensor, Subscripts] {
  const kept = names.filter((name, axis) => x.shape[axis] === sizes.get(name));
  if (kept.length === names.length) return [x, names];
  return [
    reshape(
      x,
      kept.map((name) => sizes.get(name)!),
    ),
    kept,
  ];
}

/**
 * The contraction once every operand's names are unique and their sizes agree: one operand is summed
 * and permuted; two are laid out for one batched `matmul`.
 *
 * Two operands A, B: letters in both and in the output are batch dims, in both but not the output are
 * contracted, in one only are kept (or summed first when the output lacks them). A is laid out as
 * [batch, A-only, contracted], B as [batch, contracted, B-only]; their product is permuted to the
 * output's order.
 */
function contract(operands: [Tensor, Subscripts][], output: Subscripts, sizes: Map<string, number>): Tensor {
  const outputSet = new Set(output);
  if (operands.length === 1) {
    const [reduced, names] = sumOut(operands[0]![0], operands[0]![1], outputSet);
    return permute(
      reduced,
      output.map((letter) => names.indexOf(letter)),
    );
  }
  const [[aInput, aNames], [bInput, bNames]] = operands as [[Tensor, Subscripts], [Tensor, Subscripts]];
  const needed = (other: Subscripts) => new Set([...output, ...other]);
  const [a, aKept] = sumOut(aInput, aNames, needed(bNames));
  const [b, bKept] = sumOut(bInput, bNames, needed(aNames));
  const batch = aKept.filter((letter) => bKept.includes(letter) && outputSet.has(letter));
  const contracted = aKept.filter((letter) => bKept.includes(letter) && !outputSet.has(letter));
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
  const product = reshape(
    matmul(left, right),
    productNames.map((letter) => sizes.get(letter)!),
  );
  return permute(
    product,
    output.map((letter) => productNames.indexOf(letter)),
  );
}

/**
 * Einstein summation over one or two operands, as torch.einsum: every contraction is a permute, a
 * reshape and one batched `matmul`, so gradients, devices and second derivatives come from those ops.
 *
 * Beyond plain letters: '...' names the dims the letters leave (ellipses broadcast across operands,
 * aligned from the right, as do size-1 dims of any letter); a letter repeated within one operand takes
 * its diagonal ('ii->i', and 'ii' the trace). Those operands are first rewritten with `diagonal` and
 * `reshape` into the plain form; a plain equation goes straight to the contraction. Spaces are ignored.
 * @example
 * einsum('ij,jk->ik', a, b);    // a.matmul(b)
 * einsum('bij,bjk->bik', a, b); // batched
 * einsum('i,i->', u, v);        // dot product
 * einsum('ij->ji', a);          // transpose
 * einsum('ii', a);              // trace
 * einsum('...ij,...jk->...ik', a, b); // matmul over broadcast batch dims
 */
export function einsum(equation: string, ...operands: Tensor[]): Tensor {
  if (operands.length < 1 || operands.length > 2) throw new Error(`einsum: supports one or two operands, got ${operands.length}`);
  const { inputs, output, sizes } = readEquation(equation, operands);
  return composite(() => {
    // plain operands (unique names, sizes as agreed) come back as they are
    const prepared = operands.map((operand, index) => {
      const [diagonals, names] = takeDiagonals(operand, inputs[index]!);
      return dropBroadcastDims(diagonals, names, sizes);
    });
    return contract(prepared, output, sizes);
  });
}
