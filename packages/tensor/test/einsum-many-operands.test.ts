import { describe, expect, it } from 'vitest';
import { einsum, manualSeed, ones, randn } from '../src/index.js';
import { gradcheck, gradgradcheck } from '../src/testing/index.js';
import { expectTorchOperation, readTorchFixture, type TensorOperationCase } from './helpers/torch-fixtures.js';

// einsum with three or more operands against torch 1.13 (tools/fixtures/tensor_einsum_many_reference.py),
// which contracts them left to right: matrix chains, bilinear forms, triple products, implicit outputs,
// ellipses broadcast across three operands, diagonals inside a product, four and five operands,
// size-1 dims broadcast, letters summed before their product; values, shapes, dtypes and the gradient
// of Σ output·r (r random) with respect to each floating input, in float64 (to 1e-10) and float32 (to
// 1e-5). Invalid calls must fail with torch's message, naming einsum and the equation.

interface EinsumCase extends TensorOperationCase {
  equation: string;
}
interface EinsumError {
  shapes: number[][];
  message: string;
}

const fixture = readTorchFixture<{ cases: EinsumCase[]; errors: Record<string, EinsumError> }>('torch-einsum-many-reference.json');
const tolerances = { float64: 1e-10, float32: 1e-5 };

describe('einsum with three or more operands against torch', () => {
  it.each(fixture.cases.map((entry) => [entry.name, entry] as const))('%s', (_, entry) =>
    expectTorchOperation(entry, (...inputs) => einsum(entry.equation, ...inputs), tolerances),
  );
});

describe('einsum with three or more operands under gradcheck in float64', () => {
  const input = (...shape: number[]) => {
    const x = randn(shape, { dtype: 'float64' });
    x.requiresGrad = true;
    return x;
  };
  it('first order through a chain, a bilinear form, ellipses, a diagonal and four operands', () => {
    manualSeed(13);
    expect(gradcheck((a, b, c) => einsum('ij,jk,kl->il', a, b, c), [input(2, 3), input(3, 4), input(4, 2)])).toBe(true);
    expect(gradcheck((l, w, r) => einsum('bn,anm,bm->ba', l, w, r), [input(3, 2), input(2, 2, 3), input(3, 3)])).toBe(true);
    expect(gradcheck((a, b, c) => einsum('...ij,...jk,...kl->...il', a, b, c), [input(2, 1, 2, 3), input(3, 2), input(3, 2, 2)])).toBe(
      true,
    );
    expect(gradcheck((a, b, c) => einsum('ij,jj,jk->ik', a, b, c), [input(2, 3), input(3, 3), input(3, 2)])).toBe(true);
    expect(gradcheck((a, b, c, d) => einsum('ab,bc,cd,da->', a, b, c, d), [input(2, 3), input(3, 2), input(2, 2), input(2, 2)])).toBe(true);
  });
  it('second order through a triple product', () => {
    manualSeed(17);
    expect(gradgradcheck((a, b, c) => einsum('ij,jk,ki->i', a, b, c), [input(2, 3), input(3, 2), input(2, 2)])).toBe(true);
  });
});

describe('einsum with three or more operands rejects invalid calls as torch does', () => {
  it.each(Object.entries(fixture.errors))('%s', (equation, { shapes, message }) => {
    const operands = shapes.map((shape) => ones(shape, { dtype: 'float64' }));
    // torch's own text, less its 'einsum(): ' prefix (and with the space its ellipsis message lacks)
    const torchText = message.replace(/^einsum\(\): /, '').replace(/operand (\d+)has/, 'operand $1 has');
    expect(() => einsum(equation, ...operands)).toThrow(`einsum: '${equation}': ${torchText}`);
  });
});
