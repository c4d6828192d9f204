import { type DType, resolveDType } from './dtype.js';
import { describeValue } from './options.js';

// torch's legacy tensor type names, which `Tensor.type()` returns and accepts: 'torch.FloatTensor'
// for a float32 tensor, 'torch.DoubleTensor' for float64, and so on.

const NAMES: Partial<Record<DType, string>> = {
  float32: 'torch.FloatTensor',
  float64: 'torch.DoubleTensor',
  float16: 'torch.HalfTensor',
  int32: 'torch.IntTensor',
  bool: 'torch.BoolTensor',
};

/** The legacy type name of `dtype` ('torch.FloatTensor' for float32). */
export function legacyTypeName(dtype: DType): string {
  return NAMES[dtype] ?? `torch.${dtype}`;
}

/** The dtype a legacy type name ('torch.DoubleTensor') or a dtype name ('float64', 'double') stands for. */
export function dtypeOfTypeName(name: string): DType {
  if (typeof name !== 'string')
    throw new Error(`type: expected a dtype or a type name such as 'torch.FloatTensor', got ${describeValue(name)}`);
  for (const [dtype, typeName] of Object.entries(NAMES)) if (typeName === name) return dtype as DType;
  if (name === 'torch.LongTensor')
    throw new Error("type: 'torch.LongTensor' (int64) is not supported; integers are 'torch.IntTensor' (int32) here");
  return resolveDType('type', name.startsWith('torch.') ? name.slice('torch.'.length) : name);
}
