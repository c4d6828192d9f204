import type { ReduceOp, TensorView } from '../../core/backend.js';
import type { TypedArray } from '../../core/dtype.js';
import { reduceRowsWasm } from './reduce-wasm.js';
import { sumInBlocks } from './reduction-blocks.js';

/** Reduces each row of a contiguous [outer, reduced] view. */
export function reduce(op: ReduceOp, x: TensorView, out: TensorView): void {
  const input = x.buffer as TypedArray;
  const output = out.buffer as TypedArray;
  const outer = out.shape.reduce((a, b) => a * b, 1);
  const reduced = x.shape[x.shape.length - 1] ?? 1;
  // large float32 inputs: in the module, rows (or one row's blocks) split over the helper threads; the same results bit for bit
  if (input instanceof Float32Array && (output instanceof Float32Array || output instanceof Int32Array))
    if (reduceRowsWasm(op, input, x.offset, output, out.offset, outer, reduced)) return;
  if (reduced === 2 && op !== 'prod') return reducePairs(op, input, x.offset, output, out.offset, outer);
  for (let row = 0; row < outer; row++) {
    const start = x.offset + row * reduced;
    const end = start + reduced;
    let result: number;
    switch (op) {
      case 'sum': {
        // one output: in blocks, the partition the module splits over threads; rows of up to one block sum as ever
        if (outer === 1) {
          result = sumInBlocks(input, start, reduced);
          break;
        }
        result = 0;
        for (let i = start; i < end; i++) result += input[i]!;
        break;
      }
      case 'prod': {
        result = input instanceof Int32Array ? int32Product(input, start, end) : product(input, start, end);
        break;
      }
      case 'max':
      case 'min':
      case 'argmax':
      case 'argmin': {
        const wantsMax = op === 'max' || op === 'argmax';
        let best = input[start]!;
        let bestIndex = 0;
        for (let i = start + 1; i < end && !Number.isNaN(best); i++) {
          const value = input[i]!;
          // NaN wins and stops the search, as in torch.max; ties keep the first index
          if (Number.isNaN(value) || (wantsMax ? value > best : value < best)) {
            best = value;
            bestIndex = i - start;
          }
        }
        result = op === 'argmax' || op === 'argmin' ? bestIndex : best;
        break;
      }
    }
    output[out.offset + row] = result;
  }
}

function product(input: TypedArray, start: number, end: number): number {
  let result = 1;
  for (let i = start; i < end; i++) result *= input[i]!;
  return result;
}

/** The product of int32 values wrapped modulo 2³² at each step (Math.imul), as torch's int32 prod; a double would lose the low bits past 2⁵³. */
function int32Product(input: Int32Array, start: number, end: number): number {
  let result = 1;
  for (let i = start; i < end; i++) result = Math.imul(result, input[i]!);
  return result;
}

/**
 * Rows of two (log-softmax over two classes, its gradient's row sums): one branch-light loop instead of
 * a per-row switch and inner loop, with the general loop's results bit for bit: the sum starts from 0
 * (0 + −0 = +0) and rounds once at the store; the second entry wins a max/min only when the first is not
 * NaN and the second is NaN or strictly better (NaN wins, ties keep the first).
 */
function reducePairs(
  op: Exclude<ReduceOp, 'prod'>,
  input: TypedArray,
  inputOffset: number,
  output: TypedArray,
  outputOffset: number,
  rows: number,
): void {
  if (op === 'sum') {
    for (let row = 0, i = inputOffset; row < rows; row++, i += 2) output[outputOffset + row] = 0 + input[i]! + input[i + 1]!;
    return;
  }
  // !(second <= first) is "NaN or greater"; first === first is "first is not NaN"
  if (op === 'max') {
    for (let row = 0, i = inputOffset; row < rows; row++, i += 2) {
      const first = input[i]!;
      const second = input[i + 1]!;
      output[outputOffset + row] = first === first && !(second <= first) ? second : first;
    }
    return;
  }
  const wantsMax = op === 'argmax';
  const wantsIndex = op !== 'min';
  for (let row = 0, i = inputOffset; row < rows; row++, i += 2) {
    const first = input[i]!;
    const second = input[i + 1]!;
    const secondWins = first === first && !(wantsMax ? second <= first : second >= first);
    output[outputOffset + row] = wantsIndex ? (secondWins ? 1 : 0) : secondWins ? second : first;
  }
}

export function cumsum(x: TensorView, out: TensorView): void {
  const input = x.buffer as TypedArray;
  const output = out.buffer as TypedArray;
  const length = x.shape[x.shape.length - 1] ?? 1;
  const size = x.shape.reduce((a, b) => a * b, 1);
  for (let start = 0; start < size; start += length) {
    let running = 0;
    for (let i = 0; i < length; i++) {
      running += input[x.offset + start + i]!;
      output[out.offset + start + i] = running;
    }
  }
}
