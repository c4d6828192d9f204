import type { Tensor } from '@dl/tensor';

/** The elements of a CPU tensor as little-endian bytes (ONNX's raw_data); bool as one byte each. */
export function tensorBytes(tensor: Tensor): Uint8Array {
  const data = tensor.contiguous().dataSync();
  if (tensor.dtype === 'bool') return Uint8Array.from(data as ArrayLike<number>, (value) => (value ? 1 : 0));
  // typed arrays are little-endian on every platform JavaScript runs on
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
}
