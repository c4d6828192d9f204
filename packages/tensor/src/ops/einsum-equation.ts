import type { Tensor } from '../core/tensor.js';

/**
 * One operand's dim names, e.g. 'bij' → ['b', 'i', 'j']. The dims an ellipsis covers are named '...0',
 * '...1', … (names no letter can take), numbered from the left of the widest ellipsis, so that the
 * ellipses of all operands line up from the right, as broadcasting does.
 */
export type Subscripts = string[];

/** An equation read against its operands: each operand's dim names, the output's, and each name's size. */
export interface EinsumEquation {
  inputs: Subscripts[];
  output: Subscripts;
  /** Each name's size across the operands: equal, or 1 in some operands (broadcast to the others' size). */
  sizes: Map<string, number>;
}

/** One side of the equation as written: its letters, and where among them the ellipsis stands, if any. */
interface Term {
  letters: string[];
  ellipsisAt: number | undefined;
}

const ellipsisName = (index: number): string => `...${index}`;

/** Reads `equation` (torch.einsum's, spaces allowed) into its input terms and its explicit output, if any. */
function scan(equation: string, fail: (message: string) => never): { terms: Term[]; explicit: Term | undefined } {
  const terms: Term[] = [];
  let current: Term = { letters: [], ellipsisAt: undefined };
  let explicit: Term | undefined;
  let index = 0;
  while (index < equation.length) {
    const character = equation[index]!;
    const where = explicit === undefined ? `operand ${terms.length}` : 'output';
    const suffix = explicit === undefined ? '' : ' (...)';
    if (/\s/.test(character)) index += 1;
    else if (explicit === undefined && equation.startsWith('->', index)) {
      terms.push(current);
      current = explicit = { letters: [], ellipsisAt: undefined };
      index += 2;
    } else if (explicit === undefined && character === ',') {
      terms.push(current);
      current = { letters: [], ellipsisAt: undefined };
      index += 1;
    } else if (character === '.') {
      if (current.ellipsisAt !== undefined)
        fail(
          explicit === undefined
            ? `found '.' for ${where} for which an ellipsis was already found`
            : `found '.' for output but an ellipsis (...) was already found`,
        );
      if (!equation.startsWith('...', index)) fail(`found '.' for ${where} that is not part of any ellipsis${suffix}`);
      current.ellipsisAt = current.letters.length;
      index += 3;
    } else if (/^[a-zA-Z]$/.test(character)) {
      current.letters.push(character);
      index += 1;
    } else fail(`invalid subscript given at index ${index} in the equation string, subscripts must be in [a-zA-Z]`);
  }
  if (explicit === undefined) terms.push(current);
  return { terms, explicit };
}

/** Records `size` for `name` from operand `operand`: sizes must agree, except that 1 broadcasts (torch's rule). */
function broadcastSize(sizes: Map<string, number>, name: string, size: number, operand: number, fail: (message: string) => never): void {
  const known = sizes.get(name);
  if (known === undefined || known === 1) sizes.set(name, size);
  else if (size !== 1 && size !== known) {
    if (!name.startsWith('...'))
      fail(`subscript ${name} has size ${size} for operand ${operand} which does not broadcast with previously seen size ${known}`);
    fail(
      `dimension ${name.slice(3)} covered by ellipsis in operand ${operand} has size ${size} which does not broadcast with previously seen ellipsis with size ${known} for the respective dimension`,
    );
  }
}

/**
 * Parses `equation` against `operands` with torch.einsum's rules and errors: an ellipsis covers the dims
 * its operand's letters leave; a letter repeated within one operand takes that operand's diagonal (its
 * sizes must match); sizes agree across operands up to broadcasting of 1s. The implicit output is the
 * ellipsis dims, then the letters used exactly once, in alphabetical order (uppercase first).
 */
export function readEquation(equation: string, operands: Tensor[]): EinsumEquation {
  const fail = (message: string): never => {
    throw new Error(`einsum: '${equation}': ${message}`);
  };
  const { terms, explicit } = scan(equation, fail);
  if (terms.length < operands.length)
    fail(`more operands were provided than specified in the equation (${terms.length} named, ${operands.length} given)`);
  if (terms.length > operands.length)
    fail(`fewer operands were provided than specified in the equation (${terms.length} named, ${operands.length} given)`);
  const ellipsisDims = terms.map(({ letters, ellipsisAt }, operand) => {
    const { ndim } = operands[operand]!;
    if (ellipsisAt === undefined && letters.length !== ndim)
      fail(
        `the number of subscripts in the equation (${letters.length}) does not match the number of dimensions (${ndim}) for operand ${operand} and no ellipsis was given`,
      );
    if (letters.length > ndim)
      fail(
        `the number of subscripts in the equation (${letters.length}) is more than the number of dimensions (${ndim}) for operand ${operand}`,
      );
    return ndim - letters.length;
  });
  const widest = Math.max(0, ...ellipsisDims);
  // an operand whose ellipsis covers k dims names the last k of the widest: ellipses align from the right
  const expand = ({ letters, ellipsisAt }: Term, covered: number): Subscripts =>
    ellipsisAt === undefined
      ? [...letters]
      : [
          ...letters.slice(0, ellipsisAt),
          ...Array.from({ length: covered }, (_, dim) => ellipsisName(widest - covered + dim)),
          ...letters.slice(ellipsisAt),
        ];
  const inputs = terms.map((term, operand) => expand(term, ellipsisDims[operand]!));
  const sizes = new Map<string, number>();
  inputs.forEach((names, operand) => {
    const shape = operands[operand]!.shape;
    names.forEach((name, axis) => {
      const first = names.indexOf(name);
      if (first !== axis && shape[first] !== shape[axis])
        fail(`subscript ${name} is repeated for operand ${operand} but the sizes don't match, ${shape[axis]} != ${shape[first]}`);
      if (first === axis) broadcastSize(sizes, name, shape[axis]!, operand, fail);
    });
  });
  return { inputs, output: explicit === undefined ? implicitOutput(terms, widest) : explicitOutput(explicit, widest, sizes, fail), sizes };
}

/** torch's output when the equation gives none: the ellipsis dims, then the letters used once, sorted. */
function implicitOutput(terms: Term[], widest: number): Subscripts {
  const counts = new Map<string, number>();
  for (const letter of terms.flatMap(({ letters }) => letters)) counts.set(letter, (counts.get(letter) ?? 0) + 1);
  const once = [...counts.keys()].filter((letter) => counts.get(letter) === 1).sort();
  return [...Array.from({ length: widest }, (_, dim) => ellipsisName(dim)), ...once];
}

/** The output the equation names after '->', checked as torch does: every letter from an input, none twice. */
function explicitOutput(term: Term, widest: number, sizes: Map<string, number>, fail: (message: string) => never): Subscripts {
  term.letters.forEach((letter, index) => {
    if (!sizes.has(letter)) fail(`output subscript ${letter} does not appear in the equation for any input operand`);
    if (term.letters.indexOf(letter) !== index) fail(`output subscript ${letter} appears more than once in the output`);
  });
  const { letters, ellipsisAt } = term;
  if (ellipsisAt === undefined) return [...letters];
  return [...letters.slice(0, ellipsisAt), ...Array.from({ length: widest }, (_, dim) => ellipsisName(dim)), ...letters.slice(ellipsisAt)];
}
