import { isTensor, tensor, type Tensor } from '@dl/tensor';

/** A tensor as plain data, to cross a worker boundary (structured clone moves the typed array). */
interface TensorMessage {
  __dlTensor: true;
  dtype: Tensor['dtype'];
  shape: number[];
  data: ArrayBufferView;
}

/** Replaces every tensor in a (nested) value by a TensorMessage; collects their buffers to transfer. */
export function encodeForTransfer(value: unknown, transfer: ArrayBuffer[] = []): unknown {
  if (isTensor(value)) {
    const data = value.dataSync();
    transfer.push(data.buffer as ArrayBuffer);
    return { __dlTensor: true, dtype: value.dtype, shape: [...value.shape], data } satisfies TensorMessage;
  }
  if (Array.isArray(value)) return value.map((item) => encodeForTransfer(item, transfer));
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[key] = encodeForTransfer(item, transfer);
    return result;
  }
  return value;
}

/** The inverse of `encodeForTransfer`: TensorMessages become tensors again. */
export function decodeTransfer(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if ((value as TensorMessage).__dlTensor) {
    const message = value as TensorMessage;
    return tensor(message.data as Float32Array, { dtype: message.dtype, shape: message.shape });
  }
  if (Array.isArray(value)) return value.map(decodeTransfer);
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[key] = decodeTransfer(item);
    return result;
  }
  return value;
}
