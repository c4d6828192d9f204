import { describe, expect, it } from 'vitest';
import { add, neg, sub, tensor, type Tensor } from '../src/index.js';
import { type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// Arithmetic on bool tensors and integer alphas as torch 1.13 does it (tools/fixtures/
// tensor_bool_arithmetic_reference.py): bool + bool is a logical or, `-` with a bool tensor and a
// fractional alpha with integer operands are refused. Each fixture case is torch's output or the first
// line of its error; ours must give the same values and dtype, or throw naming the operation.
interface Case {
  name: string;
  output?: FixtureTensor & { dtype: string };
  error?: string;
}
const { cases } = readTorchFixture<{ cases: Case[] }>('torch-bool-arithmetic-reference.json');

const a = () => tensor([true, true, false, false], { dtype: 'bool' });
const b = () => tensor([true, false, true, false], { dtype: 'bool' });
const ints = () => tensor([3, -2, 0, 7], { dtype: 'int32' });
const calls: Record<string, () => Tensor> = {
  'add(bool, bool)': () => add(a(), b()),
  'add_(bool, bool)': () => a().add_(b()),
  'add(bool, int32)': () => add(a(), ints()),
  'sub(int32, int32, alpha 2)': () => sub(ints(), ints().flip([0]), 2),
  'sub(bool, bool)': () => sub(a(), b()),
  'sub(bool, int32)': () => a().sub(ints()),
  'sub(int32, bool)': () => sub(ints(), a()),
  'sub(bool, 1)': () => sub(a(), 1),
  'neg(bool)': () => neg(a()),
  'add(int32, int32, alpha 1.5)': () => add(ints(), ints(), { alpha: 1.5 }),
  'sub(int32, 2, alpha 0.5)': () => sub(ints(), 2, 0.5),
  'add_(int32, int32, alpha 1.5)': () => ints().add_(ints(), 1.5),
  'add(int32, 2.5, alpha 1.5)': () => add(ints(), 2.5, 1.5),
};
// what each refusal of torch's says here: the operation, and what to use instead
const ours: Record<string, RegExp> = {
  Subtraction: /^(sub|sub_): subtraction (of two bool tensors|with a bool tensor) is not supported .*use logical(Xor|Not)\(\)/,
  Negation: /^neg: negation of a bool tensor is not supported .*logicalNot\(\)/,
  'For integral': /^(add|sub|add_): for integer tensors, alpha must not be a fractional number, got (1\.5|0\.5)$/,
};

describe('bool arithmetic and integer alphas as torch', () => {
  it('covers every fixture case', () => expect(cases.map((entry) => entry.name).sort()).toEqual(Object.keys(calls).sort()));

  for (const entry of cases)
    it(entry.name, () => {
      if (entry.error) {
        const pattern = Object.entries(ours).find(([start]) => entry.error!.startsWith(start))?.[1];
        expect(pattern, `a pattern for torch's "${entry.error}"`).toBeDefined();
        expect(calls[entry.name]!).toThrow(pattern!);
        return;
      }
      const output = calls[entry.name]!();
      expect(output.dtype).toBe(entry.output!.dtype);
      expect(Array.from(output.dataSync())).toEqual(numbers(entry.output!));
    });
});
