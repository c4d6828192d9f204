import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { contractLeftToRight } from './einsum-chain.js';
import { readEquation, type Subscripts } from './einsum-equation.js';
import { diagonal } from './matrix-diagonals.js';
import { reshape } from './views.js';
import { checkSameDtype } from './same-dtype.js';

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
 * A size-1 dim whose name is larger in another operand broadcasts: x is constant along it, so it is
 * dropped (a reshape) and the operands where it is larger carry the name. The product then repeats x
 * across it, and when it is contracted only those are summed: Σⱼ a·bⱼ = a·Σⱼ bⱼ.
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
 * Einstein summation over any number of operands, as torch.einsum (without opt_einsum): the operands
 * are contracted left to right, (((A·B)·C)·D), each step keeping the letters that a later operand or
 * the output needs and summing the rest; a letter in one operand only and not in the output is summed
 * from it before its product. Every step is a permute, a reshape and one batched `matmul`, so
 * gradients, devices and second derivatives come from those ops.
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
 * einsum('ij,jk,kl->il', a, b, c);    // a.matmul(b).matmul(c)
 * einsum('bn,anm,bm->ba', l, w, r);   // bilinear form
 */
export function einsum(equation: string, ...operands: Tensor[]): Tensor {
  if (operands.length === 0)
    throw new Error(
      `einsum: '${equation}': must specify the equation string and at least one operand, or at least one operand and its subscripts list`,
    );
  const { inputs, output, sizes } = readEquation(equation, operands);
  // compared first: the named check builds its message's operands (and refuses bool products)
  if (operands.length > 1 && operands.some((operand) => operand.dtype !== operands[0]!.dtype || operand.dtype === 'bool'))
    checkSameDtype(`einsum: '${equation}'`, Object.fromEntries(operands.map((operand, index) => [`operand ${index}`, operand])));
  return composite(() => {
    // plain operands (unique names, sizes as agreed) come back as they are
    const prepared = operands.map((operand, index) => {
      const [diagonals, names] = takeDiagonals(operand, inputs[index]!);
      return dropBroadcastDims(diagonals, names, sizes);
    });
    return contractLeftToRight(prepared, output, sizes);
  });
}
