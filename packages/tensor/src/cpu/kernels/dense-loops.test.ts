import { describe, expect, it } from 'vitest';
import type { BinaryOp, TensorView } from '../../core/backend.js';
import { cpuBackend } from '../backend.js';
import { full, tensor } from '../../index.js';
import { binaryFunctions, unaryFunctions } from './scalar-functions.js';

// The dense loops (float32-dense-loops.ts, dense-select-loops.ts) against a per-element reference:
// the scalar function of the op, rounded to float32 as a Float32Array store rounds. Layouts cover the
// dense paths (whole rows, rows with a gap between them, broadcast scalars, tails shorter than four)
// and the layouts that must fall back to the general loops (transposed, column broadcasts).

const specials = [Number.NaN, -0, 0, Infinity, -Infinity, 1e-40, -1e-40, 3.5, -2.25];

function values(count: number, seed: number): Float32Array {
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = i % 5 === 0 ? specials[(i + seed) % specials.length]! : Math.sin(i * 12.9898 + seed) * 4;
  return data;
}

function view(buffer: Float32Array | Uint8Array, shape: number[], strides: number[], offset = 0): TensorView {
  return { buffer, dtype: buffer instanceof Uint8Array ? 'bool' : 'float32', shape, strides, offset };
}

/** Element (row, column) of a rank-2 view. */
function at(v: TensorView, row: number, column: number): number {
  return (v.buffer as Float32Array)[v.offset + row * v.strides[0]! + column * v.strides[1]!]!;
}

/** Element `index` of a view's buffer. */
function stored(v: TensorView, index: number): number {
  return (v.buffer as Float32Array | Uint8Array)[index]!;
}

/** Bit-exact comparison (NaN equals NaN, −0 differs from +0). */
function expectSameBits(actual: number, expected: number, where: string): void {
  expect(Object.is(actual, expected), `${where}: ${actual} vs ${expected}`).toBe(true);
}

// [rows, columns, strides of a, strides of b]: dense, rows with gaps, broadcast row (bias), scalar,
// scalar on the left, transposed and column-broadcast operands (general loops)
const layouts: [string, number, number, number[], number[]][] = [
  ['dense', 7, 9, [9, 1], [9, 1]],
  ['rows with a gap', 5, 7, [11, 1], [8, 1]],
  ['bias row', 6, 16, [16, 1], [0, 1]],
  ['scalar right', 5, 13, [13, 1], [0, 0]],
  ['scalar left', 5, 13, [0, 0], [13, 1]],
  ['transposed', 4, 6, [1, 4], [6, 1]],
  ['column broadcast', 9, 2, [2, 1], [1, 0]],
];

describe('dense float32 loops match the per-element reference', () => {
  for (const [name, rows, columns, aStrides, bStrides] of layouts) {
    const shape = [rows, columns];
    const a = view(values(200, 1), shape, aStrides, 3);
    const b = view(values(200, 2), shape, bStrides, 1);
    for (const op of ['add', 'sub', 'mul', 'div', 'maximum', 'gt', 'lt', 'ge', 'eq'] as BinaryOp[]) {
      it(`${op}, ${name}`, () => {
        const compare = ['gt', 'lt', 'ge', 'eq'].includes(op);
        const out = view(compare ? new Uint8Array(rows * columns) : new Float32Array(rows * columns), shape, [columns, 1]);
        cpuBackend.binary(op, a, b, out);
        for (let row = 0; row < rows; row++)
          for (let column = 0; column < columns; column++)
            expectSameBits(
              stored(out, row * columns + column),
              Math.fround(binaryFunctions[op](at(a, row, column), at(b, row, column))),
              `[${row}, ${column}]`,
            );
      });
    }
    it(`relu, neg, exp, log, ${name}`, () => {
      for (const op of ['relu', 'neg', 'exp', 'log'] as const) {
        const out = view(new Float32Array(rows * columns), shape, [columns, 1]);
        cpuBackend.unary(op, a, out);
        for (let row = 0; row < rows; row++)
          for (let column = 0; column < columns; column++)
            expectSameBits(
              stored(out, row * columns + column),
              Math.fround(unaryFunctions[op](at(a, row, column))),
              `${op} [${row}, ${column}]`,
            );
      }
    });
    it(`where, ${name}`, () => {
      // bytes other than 1 are true too; selection copies bits, so NaN payloads survive
      const condition = view(
        Uint8Array.from({ length: rows * columns }, (_, i) => [0, 1, 2, 0, 255][i % 5]!),
        shape,
        [columns, 1],
      );
      const out = view(new Float32Array(rows * columns), shape, [columns, 1]);
      cpuBackend.where(condition, a, b, out);
      for (let row = 0; row < rows; row++)
        for (let column = 0; column < columns; column++) {
          const flag = (condition.buffer as Uint8Array)[row * columns + column]!;
          expectSameBits(stored(out, row * columns + column), flag ? at(a, row, column) : at(b, row, column), `[${row}, ${column}]`);
        }
    });
  }

  it('relu keeps NaN and gives +0 for −0, negatives and −∞ (torch.relu)', () => {
    const x = tensor([Number.NaN, -0, 0, -1, 2, -Infinity, Infinity, -1e-40]);
    const result = Array.from(x.relu().dataSync());
    expect(result.map((value) => (Object.is(value, -0) ? '-0' : String(value)))).toEqual(['NaN', '0', '0', '0', '2', '0', 'Infinity', '0']);
  });

  it('comparisons against a scalar treat ties, −0 and NaN as the general loops do', () => {
    // nine elements: two unrolled blocks of four and a tail; ties in every position of a block
    const x = tensor([1, 0, -0, Number.NaN, 1, 1, 2, 1, -1]);
    expect(Array.from(x.gt(1).dataSync())).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0]);
    expect(Array.from(x.lt(1).dataSync())).toEqual([0, 1, 1, 0, 0, 0, 0, 0, 1]);
    expect(Array.from(x.gt(0).dataSync())).toEqual([1, 0, 0, 0, 1, 1, 1, 1, 0]);
  });

  it('fills from a broadcast scalar (full) in every dtype, whatever the reused buffer held', () => {
    for (const dtype of ['float32', 'int32', 'bool', 'float64'] as const) {
      // freed buffers of these sizes go to the pool, and full() must overwrite what they held
      tensor(
        Array.from({ length: 6 }, () => 7),
        { dtype },
      ).dispose();
      tensor([7, 7, 7, 7, 7], { dtype }).dispose();
      tensor([7, 7, 7], { dtype }).dispose();
      tensor([7, 7], { dtype }).dispose();
    }
    for (let round = 0; round < 2; round++) {
      expect(Array.from(full([2, 3], 1.5).dataSync())).toEqual([1.5, 1.5, 1.5, 1.5, 1.5, 1.5]);
      expect(Array.from(full([5], 0).dataSync())).toEqual([0, 0, 0, 0, 0]);
      expect(Array.from(full([3], 2.7, { dtype: 'int32' }).dataSync())).toEqual([2, 2, 2]);
      expect(Array.from(full([2], 1, { dtype: 'bool' }).dataSync())).toEqual([1, 1]);
      expect(Array.from(full([2], 0.1, { dtype: 'float64' }).dataSync())).toEqual([0.1, 0.1]);
      expect(full([], 4).itemSync()).toBe(4);
      expect(full([0, 3], 4).numel()).toBe(0);
    }
  });
});
