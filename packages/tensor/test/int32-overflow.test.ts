import { describe, expect, it } from 'vitest';
import * as dl from '../src/index.js';
import { type DType, expectValues, type FixtureTensor, readTorchFixture } from './helpers/torch-fixtures.js';

// int32 products that overflow, against torch 1.13 (tools/fixtures/tensor_int32_overflow_reference.py):
// int32 arithmetic wraps modulo 2³². A product computed in doubles loses its low bits past 2⁵³, before
// the wrap, so 2147483647² gave 0 instead of 1; every op built on the int32 product is checked.

type Operand = number | (FixtureTensor & { dtype: DType });
interface OverflowOptions {
  dim?: number;
  value?: number;
  equation?: string;
  N?: number;
  reduce?: dl.ScatterReduction;
}
interface OverflowCase {
  name: string;
  operation: string;
  operands: Operand[];
  options: OverflowOptions;
  output: FixtureTensor & { dtype: DType };
}

const { cases } = readTorchFixture<{ cases: OverflowCase[] }>('torch-int32-overflow-reference.json');

const operandOf = (value: Operand): dl.TensorOrScalar =>
  typeof value === 'number' ? value : dl.tensor(value.data as number[], { shape: value.shape, dtype: value.dtype });

function tensorOperand(value: dl.TensorOrScalar | undefined): dl.Tensor {
  if (!dl.isTensor(value)) throw new Error(`expected a tensor operand, got ${String(value)}`);
  return value;
}

type Operation = (operands: dl.TensorOrScalar[], options: OverflowOptions) => dl.Tensor;
const tensors = (operands: dl.TensorOrScalar[]) => operands.map(tensorOperand);
const operations: Record<string, Operation> = {
  add: ([a, b]) => dl.add(a!, b!),
  sub: ([a, b]) => dl.sub(a!, b!),
  mul: ([a, b]) => dl.mul(a!, b!),
  mul_: ([a, b]) => tensorOperand(a).clone().mul_(b!),
  square: ([a]) => dl.square(tensorOperand(a)),
  pow: ([a, b]) => dl.pow(a!, b!),
  pow_: ([a, b]) => tensorOperand(a).clone().pow_(b!),
  prod: ([a], { dim }) => (dim === undefined ? dl.prod(tensorOperand(a)) : dl.prod(tensorOperand(a), dim)),
  cumprod: ([a], { dim }) => dl.cumprod(tensorOperand(a), dim!),
  addcmul: (operands, { value }) => {
    const [input, tensor1, tensor2] = tensors(operands);
    return dl.addcmul(input!, tensor1!, tensor2!, { value });
  },
  lcm: (operands) => dl.lcm(...(tensors(operands) as [dl.Tensor, dl.Tensor])),
  mv: (operands) => dl.mv(...(tensors(operands) as [dl.Tensor, dl.Tensor])),
  dot: (operands) => dl.dot(...(tensors(operands) as [dl.Tensor, dl.Tensor])),
  outer: (operands) => dl.outer(...(tensors(operands) as [dl.Tensor, dl.Tensor])),
  inner: (operands) => dl.inner(...(tensors(operands) as [dl.Tensor, dl.Tensor])),
  kron: (operands) => dl.kron(...(tensors(operands) as [dl.Tensor, dl.Tensor])),
  addmm: (operands) => dl.addmm(...(tensors(operands) as [dl.Tensor, dl.Tensor, dl.Tensor])),
  einsum: (operands, { equation }) => dl.einsum(equation!, ...tensors(operands)),
  vander: ([a], { N }) => dl.vander(tensorOperand(a), { N }),
  scatterReduce: (operands, { dim, reduce }) => {
    const [x, index, source] = tensors(operands);
    return dl.scatterReduce(x!, dim!, index!, source!, reduce!);
  },
};
const exact = { float64: 0, float32: 0 };

describe('int32 products wrap modulo 2³², as torch', () => {
  it('(2³¹ − 1)² is 1 and (2³¹ − 1)³ is 2³¹ − 1: (2³¹ − 1)² = 2⁶² − 2³² + 1', () => {
    const largest = dl.tensor([2147483647], { dtype: 'int32' });
    expect(Array.from(largest.square().dataSync())).toEqual([1]);
    expect(Array.from(largest.mul(largest).dataSync())).toEqual([1]);
    expect(Array.from(largest.pow(3).dataSync())).toEqual([2147483647]);
  });

  for (const { name, operation, operands, options, output } of cases)
    it(`${name} (${operation})`, () => {
      const run = operations[operation];
      if (run === undefined) throw new Error(`no @dl call for the fixture's operation ${operation}`);
      expectValues(run(operands.map(operandOf), options), output, output.dtype, name, exact);
    });
});
