import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '../../index.js';
import { ARITHMETIC_WASM_MINIMUM } from './arithmetic-wasm.js';

// Arrays of at least ARITHMETIC_WASM_MINIMUM float32 elements take the WebAssembly loops; each case
// compares them with the JavaScript loops run on the same values in pieces, and with the closed form.

const special = [Number.NaN, 0, -0, Infinity, -Infinity, 3e-39, -1e-45, 1e30, -7.5];
const length = ARITHMETIC_WASM_MINIMUM + 5; // not a multiple of four: the loop has a tail

function value(i: number, salt: number): number {
  return (i * 3 + salt) % 7 === 0 ? special[(i + salt) % special.length]! : ((i * 53 + salt * 17) % 97) / 8 - 6;
}

function floats(x: Tensor): number[] {
  return Array.from(x.dataSync());
}

const operations: [string, (a: Tensor, b: Tensor) => Tensor, (a: number, b: number) => number][] = [
  ['add', (a, b) => a.add(b), (a, b) => a + b],
  ['sub', (a, b) => a.sub(b), (a, b) => a - b],
  ['mul', (a, b) => a.mul(b), (a, b) => a * b],
  ['div', (a, b) => a.div(b), (a, b) => a / b],
];

describe('float32 arithmetic on large dense arrays (WebAssembly)', () => {
  const left = Array.from({ length }, (_, i) => value(i, 1));
  const right = Array.from({ length }, (_, i) => value(i, 2));
  for (const [name, operation, closedForm] of operations)
    it(`${name}: the JavaScript loops' results and the closed form`, () => {
      const large = floats(operation(tensor(left), tensor(right)));
      const pieces: number[] = [];
      const piece = ARITHMETIC_WASM_MINIMUM / 4;
      for (let start = 0; start < length; start += piece)
        pieces.push(...floats(operation(tensor(left.slice(start, start + piece)), tensor(right.slice(start, start + piece)))));
      expect(large).toEqual(pieces);
      const expected = Array.from(new Float32Array(left.map((a, i) => closedForm(Math.fround(a), Math.fround(right[i]!)))));
      expect(large).toEqual(expected);
    });

  it('reads operands at offsets (views)', () => {
    const a = tensor(left).narrow(0, 3, length - 3);
    const b = tensor(right).narrow(0, 0, length - 3);
    expect(floats(a.mul(b))).toEqual(Array.from(new Float32Array(left.slice(3).map((x, i) => Math.fround(x) * Math.fround(right[i]!)))));
  });

  for (const [name, operation, closedForm] of operations)
    it(`${name} of every row and one broadcast row (x + bias): the closed form, and the JavaScript loops on small pieces`, () => {
      // 79 rows of 13 (1,027 elements: above the minimum; a tail in every row), at an offset
      const columns = 13;
      const rows = 79;
      const matrix = tensor(left.slice(0, rows * columns + 2))
        .narrow(0, 2, rows * columns)
        .reshape([rows, columns]);
      const row = tensor(right.slice(0, columns));
      const large = floats(operation(matrix, row));
      const expected = Array.from(
        new Float32Array(
          Array.from({ length: rows * columns }, (_, i) => closedForm(Math.fround(left[i + 2]!), Math.fround(right[i % columns]!))),
        ),
      );
      expect(large).toEqual(expected);
      // the same rows a few at a time stay below the minimum: the JavaScript loops
      const pieces: number[] = [];
      for (let start = 0; start < rows; start += 8)
        pieces.push(...floats(operation(matrix.narrow(0, start, Math.min(8, rows - start)), row)));
      expect(large).toEqual(pieces);
    });
});
