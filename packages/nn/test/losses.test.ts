// Every loss and reduction against PyTorch, value and input gradient (backward of Σ loss·upstream).
// Reference: tools/fixtures/nn_reference.py → nn_losses.json.
import { describe, it } from 'vitest';
import {
  BCELoss,
  BCEWithLogitsLoss,
  CrossEntropyLoss,
  HuberLoss,
  KLDivLoss,
  L1Loss,
  Module,
  MSELoss,
  NLLLoss,
  SmoothL1Loss,
} from '../src/index.js';
import type { Tensor } from '@dl/tensor';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

interface LossCase {
  name: string;
  type: string;
  options: Record<string, unknown>;
  input: FixtureTensor;
  target: FixtureTensor;
  output: FixtureTensor;
  upstream: FixtureTensor;
  inputGrad: FixtureTensor;
}

type LossModule = Module & { call(input: Tensor, target: Tensor): Tensor };
const losses: Record<string, new (options: never) => Module> = {
  MSELoss,
  L1Loss,
  SmoothL1Loss,
  HuberLoss,
  CrossEntropyLoss,
  NLLLoss,
  BCELoss,
  BCEWithLogitsLoss,
  KLDivLoss,
};

/** Fixture tensors in the options (weight, posWeight) become float32 tensors. */
function options(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [
      key,
      typeof value === 'object' && value !== null ? fromFixture(value as FixtureTensor) : value,
    ]),
  );
}

describe('losses match torch.nn', () => {
  for (const testCase of readFixture<LossCase[]>('nn_losses.json')) {
    it(testCase.name, () => {
      const criterion = new losses[testCase.type]!(options(testCase.options) as never) as LossModule;
      const input = fromFixture(testCase.input);
      input.requiresGrad = true;
      const integerTarget =
        testCase.target.data.every(Number.isInteger) &&
        ['CrossEntropyLoss', 'NLLLoss'].includes(testCase.type) &&
        testCase.target.shape.length < testCase.input.shape.length;
      const target = fromFixture(testCase.target, integerTarget ? 'int32' : 'float32');
      const loss = criterion.call(input, target);
      expectClose(loss, testCase.output, 'loss', 1e-4, 1e-5);
      loss.mul(fromFixture(testCase.upstream)).sum().backward();
      expectClose(input.grad, testCase.inputGrad, 'input grad', 1e-4, 1e-5);
    });
  }
});
