import { describe, expect, it } from 'vitest';
import { einsum, manualSeed, ones, randn } from '../src/index.js';
import { gradcheck, gradgradcheck } from '../src/testing/index.js';
import { expectTorchOperation, readTorchFixture, type TensorOperationCase } from './helpers/torch-fixtures.js';

// einsum beyond plain letters against torch 1.13 (tools/fixtures/tensor_einsum_reference.py): letters
// repeated within one operand (diagonals, traces), ellipses broadcast across operands and in implicit
// outputs, size-1 dims broadcast, spaces; values, shapes, dtypes and the gradient of Σ output·r with
// respect to each floating input, in float64 (to 1e-10) and float32 (to 1e-5). Invalid equations must
// fail with torch's message, naming einsum and the equation.

interface EinsumCase extends TensorOperationCase {
  equation: string;
}
interface EinsumError {
  shapes: number[][];
  message: string;
}

const fixture = readTorchFixture<{ cases: EinsumCase[]; errors: Record<string, EinsumError> }>('torch-einsum-reference.json');
const tolerances = { float64: 1e-10, float32: 1e-5 };

describe('einsum diagonals and ellipses against torch', () => {
  it.each(fixture.cases.map((entry) => [entry.name, entry] as const))('%s', (_, entry) =>
    expectTorchOperation(entry, (...inputs) => einsum(entry.equation, ...inputs), tolerances),
  );
});

describe('einsum diagonals and ellipses under gradcheck in float64', () => {
  const input = (...shape: number[]) => {
    const x = randn(shape, { dtype: 'float64' });
    x.requiresGrad = true;
    return x;
  };
  it('first and second order, through diagonal, ellipsis and broadcast dims', () => {
    manualSeed(5);
    expect(gradgradcheck((a, b) => einsum('bii,bij->bj', a, b).square(), [input(2, 3, 3), input(2, 3, 4)])).toBe(true);
    expect(gradgradcheck((a, b) => einsum('...ij,...jk->...ik', a, b).square(), [input(2, 1, 2, 3), input(3, 3, 2)])).toBe(true);
    expect(gradcheck((a, b) => einsum('ij,jk->ik', a, b), [input(2, 1), input(3, 4)])).toBe(true);
  });
});

describe('einsum rejects invalid equations as torch does', () => {
  it.each(Object.entries(fixture.errors))('%s', (equation, { shapes, message }) => {
    const operands = shapes.map((shape) => ones(shape, { dtype: 'float64' }));
    // torch's own text, less its 'einsum(): ' prefix (and with the space its ellipsis message lacks)
    const torchText = message.replace(/^einsum\(\): /, '').replace(/operand (\d+)has/, 'operand $1 has');
    expect(() => einsum(equation, ...operands)).toThrow(`einsum: '${equation}': ${torchText}`);
  });
});
