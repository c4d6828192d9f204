import type { Tensor } from '@dl/tensor';

/** Every float32 value's bits, so that −0 ≠ +0 and NaNs compare by payload: equality here is bit for bit. */
export async function bitsOf(x: Tensor): Promise<number[]> {
  const data = (await x.data()) as Float32Array;
  return Array.from(new Uint32Array(data.buffer, data.byteOffset, data.length));
}
