import { float16Bits, type Tensor } from '@dl/tensor';

/**
 * The elements of a CPU tensor as little-endian bytes (ONNX's raw_data); bool as one byte each.
 * The bytes may be a view of the tensor's own memory (no copy: a ResNet-18 is 45 MB, and the encoder
 * copies it anyway); exportOnnx encodes them before it returns, so nothing can change them meanwhile.
 */
export function tensorBytes(tensor: Tensor): Uint8Array {
  const data = (tensor.isContiguous() ? tensor : tensor.contiguous()).dataSync();
  if (tensor.dtype === 'bool') return Uint8Array.from(data as ArrayLike<number>, (value) => (value ? 1 : 0));
  // float16 values arrive widened to float32; ONNX stores binary16
  if (tensor.dtype === 'float16') return new Uint8Array(Uint16Array.from(data, float16Bits).buffer);
  // typed arrays are little-endian on every platform JavaScript runs on
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
