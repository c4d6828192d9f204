import { describe, expect, it } from 'vitest';
import { relu, tensor, type Tensor } from '../../index.js';
import { reluGradient } from '../../ops/relu-gradient.js';
import { RELU_WASM_MINIMUM } from './relu-wasm.js';

// Arrays of at least RELU_WASM_MINIMUM float32 elements take the WebAssembly kernels; each case
// compares them bit for bit with the JavaScript kernels, run on the same values in small pieces.

const special = [Number.NaN, 0, -0, Infinity, -Infinity, 1.5, -2.25, 3e-39, -3e-39, 1e30, -1e-45];
// a length that is not a multiple of four, so the SIMD loop has a tail
const length = RELU_WASM_MINIMUM + 7;

/** Value i of a deterministic mix of special values and a sawtooth of both signs. */
function value(i: number, salt: number): number {
  return (i * 7 + salt) % 5 === 0 ? special[(i + salt) % special.length]! : ((i * 37 + salt * 11) % 101) - 50.5;
}

function bits(x: Tensor): number[] {
  const data = x.dataSync() as Float32Array;
  return Array.from(new Uint32Array(data.buffer, data.byteOffset, data.length));
}

/** `operation` over pieces shorter than the WebAssembly minimum, joined: the JavaScript kernels' answer. */
function inPieces(values: number[][], operation: (...pieces: Tensor[]) => Tensor): number[] {
  const result: number[] = [];
  const piece = RELU_WASM_MINIMUM / 4;
  for (let start = 0; start < length; start += piece) {
    const parts = values.map((array) => tensor(array.slice(start, start + piece)));
    result.push(...bits(operation(...parts)));
  }
  return result;
}

describe('ReLU on large float32 arrays (WebAssembly)', () => {
  it('forward: bit for bit the JavaScript kernel (NaN kept, −0 and negatives to +0)', () => {
    const x = Array.from({ length }, (_, i) => value(i, 1));
    const large = bits(relu(tensor(x)));
    expect(large).toEqual(inPieces([x], (piece) => relu(piece)));
    // and the closed form on a few entries
    const expected = new Float32Array(x.map((v) => (v > 0 || Number.isNaN(v) ? v : 0)));
    expect(large.slice(0, 64)).toEqual(Array.from(new Uint32Array(expected.buffer)).slice(0, 64));
  });

  it('backward: bit for bit the JavaScript kernel (output 0, −0 and NaN drop the gradient)', () => {
    const output = Array.from({ length }, (_, i) => value(i, 2));
    const gradient = Array.from({ length }, (_, i) => value(i, 3));
    const large = bits(reluGradient(tensor(gradient), tensor(output)));
    expect(large).toEqual(inPieces([gradient, output], (g, o) => reluGradient(g!, o!)));
  });

  it('forward reads a view at an offset and writes only its own elements', () => {
    const x = Array.from({ length: length + 5 }, (_, i) => value(i, 4));
    const view = tensor(x).narrow(0, 5, length);
    expect(bits(relu(view))).toEqual(inPieces([x.slice(5)], (piece) => relu(piece)));
  });
});
