import type { Tensor } from '../core/tensor.js';
import type { Subscripts } from './einsum-equation.js';
import { contractPair, sumOut } from './einsum-pair.js';
import { permute } from './views.js';

/**
 * The contraction of any number of operands once every operand's names are unique and their sizes
 * agree, in torch's order without opt_einsum: left to right, (((A·B)·C)·D). Step k multiplies the
 * running result by operand k and keeps only the letters still needed, those of the output or of an
 * operand after k; a letter that no later operand and not the output names is summed at that step.
 * One operand is summed and permuted. The result is permuted to the output's order.
 */
export function contractLeftToRight(operands: [Tensor, Subscripts][], output: Subscripts, sizes: ReadonlyMap<string, number>): Tensor {
  // neededAfter[k]: the letters of the output and of the operands after k
  const neededAfter = operands.map((_, index) => new Set([...output, ...operands.slice(index + 1).flatMap(([, names]) => names)]));
  let result = sumOut(operands[0]![0], operands[0]![1], neededAfter[0]!);
  for (let index = 1; index < operands.length; index++) result = contractPair(result, operands[index]!, neededAfter[index]!, sizes);
  const [tensor, names] = result;
  return permute(
    tensor,
    output.map((letter) => names.indexOf(letter)),
  );
}
