import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { matmul } from './linalg.js';
import { sum } from './reduce.js';
import { permute, reshape } from './views.js';

/** One operand's subscripts, e.g. 'bij' → ['b', 'i', 'j']. */
type Subscripts = string[];

function parse(equation: string, operandCount: number): { inputs: Subscripts[]; output: Subscripts } {
  const compact = equation.replace(/\s+/g, '');
  if (compact.includes('.')) throw new Error(`einsum: ellipsis ('...') is not supported in '${equation}'; name every dim`);
  const [left, right] = compact.split('->') as [string, string | undefined];
  const inputs = left.split(',').map((term) => [...term]);
  if (inputs.length !== operandCount) throw new Error(`einsum: '${equation}' names ${inputs.length} operands, got ${operandCount} tensors`);
  for (const term of inputs) {
    if (term.some((letter) => !/^[a-zA-Z]$/.test(letter)))
      throw new Error(`einsum: subscripts must be letters, got '${term.join('')}' in '${equation}'`);
    if (new Set(term).size !== term.length)
      throw new Error(`einsum: a subscript repeated within one operand ('${term.join('')}', a diagonal) is not supported`);
  }
  // implicit output: the letters that appear once, in alphabetical order (as torch)
  const counts = new Map<string, number>();
  for (const letter of inputs.flat()) counts.set(letter, (counts.get(letter) ?? 0) + 1);
  const output = right === undefined ? [...counts.keys()].filter((letter) => counts.get(letter) === 1).sort() : [...right];
  for (const letter of output)
    if (!counts.has(letter)) throw new Error(`einsum: output subscript '${letter}' does not appear in the inputs of '${equation}'`);
  return { inputs, output };
}

/** Sums out the dims of `x` named by letters no one else needs; returns the rest with their names. */
function sumOut(x: Tensor, names: Subscripts, keep: Set<string>): [Tensor, Subscripts] {
  const dims = names.flatMap((letter, axis) => (keep.has(letter) ? [] : [axis]));
  if (dims.length === 0) return [x, names];
  return [sum(x, dims), names.filter((letter) => keep.has(letter))];
}

/** Sizes of each letter, checked to agree across operands. */
function sizesOf(operands: Tensor[], inputs: Subscripts[]): Map<string, number> {
  const sizes = new Map<string, number>();
  inputs.forEach((names, index) => {
    const operand = operands[index]!;
    if (operand.ndim !== names.length)
      throw new Error(`einsum: operand ${index} has ${operand.ndim} dims but '${names.join('')}' names ${names.length}`);
    names.forEach((letter, axis) => {
      const size = operand.shape[axis]!;
      const known = sizes.get(letter);
      if (known !== undefined && known !== size) throw new Error(`einsum: subscript '${letter}' has size ${known} and ${size}`);
      sizes.set(letter, size);
    });
  });
  return sizes;
}

/**
 * Einstein summation over one or two operands (torch.einsum without '...' or diagonals): every
 * contraction is a permute, a reshape and one batched `matmul`, so gradients, devices and second
 * derivatives come from those ops.
 *
 * Two operands A, B: letters in both and in the output are batch dims, in both but not the output are
 * contracted, in one only are kept (or summed first when the output lacks them). A is laid out as
 * [batch, A-only, contracted], B as [batch, contracted, B-only]; their product is permuted to the
 * output's order.
 * @example
 * einsum('ij,jk->ik', a, b);    // a.matmul(b)
 * einsum('bij,bjk->bik', a, b); // batched
 * einsum('i,i->', u, v);        // dot product
 * einsum('ij->ji', a);          // transpose
 */
export function einsum(equation: string, ...operands: Tensor[]): Tensor {
  if (operands.length < 1 || operands.length > 2) throw new Error(`einsum: supports one or two operands, got ${operands.length}`);
  const { inputs, output } = parse(equation, operands.length);
  return composite(() => {
    const sizes = sizesOf(operands, inputs);
    const outputSet = new Set(output);
    if (operands.length === 1) {
      const [reduced, names] = sumOut(operands[0]!, inputs[0]!, outputSet);
      return permute(
        reduced,
        output.map((letter) => names.indexOf(letter)),
      );
    }
    const [aNames, bNames] = inputs as [Subscripts, Subscripts];
    const needed = (other: Subscripts) => new Set([...output, ...other]);
    const [a, aKept] = sumOut(operands[0]!, aNames, needed(bNames));
    const [b, bKept] = sumOut(operands[1]!, bNames, needed(aNames));
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
  });
}
