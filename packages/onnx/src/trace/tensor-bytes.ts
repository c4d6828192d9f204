import type { Tensor } from '@dl/tensor';

/**
 * The elements of a CPU tensor as little-endian bytes (ONNX's raw_data); bool as one byte each.
 * The bytes may be a view of the tensor's own memory (no copy: a ResNet-18 is 45 MB, and the encoder
 * copies it anyway); exportOnnx encodes them before it returns, so nothing can change them meanwhile.
 */
export function tensorBytes(tensor: Tensor): Uint8Array {
  const data = (tensor.isContiguous() ? tensor : tensor.contiguous()).dataSync();
  if (tensor.dtype === 'bool') return Uint8Array.from(data as ArrayLike<number>, (value) => (value ? 1 : 0));
  // typed arrays are little-endian on every platform JavaScript runs on
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
