import type { Tensor } from '@dl/tensor';

// torch 1.13's printing of ParameterList and ParameterDict: one line per parameter in extra_repr, and
// Module.__repr__'s rule that a one-line extra_repr with no children stays inside the parentheses.

/** torch.typename of a tensor of `dtype` (ParameterDict prints it). */
const typeNames: Record<string, string> = {
  float16: 'torch.HalfTensor',
  float32: 'torch.FloatTensor',
  float64: 'torch.DoubleTensor',
  int32: 'torch.IntTensor',
  bool: 'torch.BoolTensor',
};

/**
 * `(name): Parameter containing: [torch.float32 of size 2x3]`, with the dtype as ParameterList prints
 * it (`'dtype'`) or the tensor type as ParameterDict does (`'typename'`); a tensor off the CPU gets
 * ` (device)` appended (torch writes ` (GPU n)` for CUDA).
 * @example
 * describeParameter('0', zeros([2, 3]), 'dtype'); // '  (0): Parameter containing: [torch.float32 of size 2x3]'
 */
export function describeParameter(name: string, value: Tensor, style: 'dtype' | 'typename'): string {
  const type = style === 'dtype' ? `torch.${value.dtype}` : (typeNames[value.dtype] ?? `torch.${value.dtype}`);
  const device = value.device === 'cpu' ? '' : ` (${value.device})`;
  return `  (${name}): Parameter containing: [${type} of size ${value.shape.join('x')}${device}]`;
}

/**
 * Module.__repr__ of a module without children whose extra_repr is `lines` joined by newlines.
 * @example
 * reprWithoutChildren('ParameterList', []); // 'ParameterList()'
 */
export function reprWithoutChildren(owner: string, lines: string[]): string {
  if (lines.length === 0) return `${owner}()`;
  if (lines.length === 1) return `${owner}(${lines[0]})`;
  return `${owner}(\n  ${lines.join('\n  ')}\n)`;
}
