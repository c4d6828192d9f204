import { describe, expect, it } from 'vitest';
import { gradcheck } from '@dl/tensor/testing';
import { noGrad, randn, tensor, type Tensor } from '@dl/tensor';
import { leftBehind } from '@dl/tensor/testing';
import { CTCLoss, F } from '../src/index.js';
import { fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// torch.nn.functional.ctc_loss (torch 1.13) against tools/fixtures/nn_ctc_reference.py: the loss of
// log_softmax(logits) and the gradient of sum(loss·r) with respect to the logits, in float64 and float32.

interface CtcCase {
  name: string;
  logits: FixtureTensor;
  targets: FixtureTensor;
  inputLengths: number[];
  targetLengths: number[];
  blank: number;
  reduction: 'mean' | 'sum' | 'none';
  zeroInfinity: boolean;
  loss: { shape: number[]; data: (number | null)[] }; // null: +∞
  weights: FixtureTensor;
  logitsGradient: { shape: number[]; data: (number | null)[] }; // null: NaN, where torch's loss is +∞
}
const reference = readFixture<{ cases: CtcCase[] }>('nn_ctc.json');

function run(entry: CtcCase, dtype: 'float32' | 'float64'): { loss: Tensor; logits: Tensor } {
  const logits = fromFixture(entry.logits, dtype).requiresGrad_();
  const targets = fromFixture(entry.targets, 'int32');
  const batched = entry.logits.shape.length === 3;
  const loss = F.ctcLoss(
    logits.logSoftmax(-1),
    targets,
    batched ? entry.inputLengths : entry.inputLengths[0]!,
    batched ? entry.targetLengths : entry.targetLengths[0]!,
    {
      blank: entry.blank,
      reduction: entry.reduction,
      zeroInfinity: entry.zeroInfinity,
    },
  );
  loss.mul(fromFixture(entry.weights, dtype)).sum().backward();
  return { loss, logits };
}

/** Equal within `tolerance`; where torch wrote null (+∞ for a loss, NaN for its gradient) we have `missing`. */
function expectMatches(actual: ArrayLike<number>, expected: (number | null)[], missing: number, label: string, tolerance: number): void {
  expect(actual.length, label).toBe(expected.length);
  expected.forEach((want, index) => {
    const got = actual[index]!;
    if (want === null) expect(got, `${label}[${index}]`).toBe(missing);
    else expect(Math.abs(got - want), `${label}[${index}]: ${got} against ${want}`).toBeLessThanOrEqual(tolerance * (1 + Math.abs(want)));
  });
}

describe('ctcLoss against torch', () => {
  for (const dtype of ['float64', 'float32'] as const)
    it.each(reference.cases.map((entry) => [entry.name, entry] as const))(`%s (${dtype})`, (name, entry) => {
      const tolerance = dtype === 'float64' ? 1e-9 : 2e-5;
      const { loss, logits } = run(entry, dtype);
      expect([...loss.shape]).toEqual(entry.loss.shape);
      expectMatches(loss.dataSync(), entry.loss.data, Number.POSITIVE_INFINITY, `${name}: loss`, tolerance);
      // an impossible sample's gradient is NaN in torch, which would poison the weights: ours is 0
      expectMatches(logits.grad!.dataSync(), entry.logitsGradient.data, 0, `${name}: gradient`, tolerance);
    });
});

describe('ctcLoss', () => {
  it('passes gradcheck in float64 with respect to the log-probabilities themselves (the true gradient)', () => {
    const logits = randn([5, 2, 4], { dtype: 'float64' });
    const targets = tensor(
      [
        [1, 1],
        [2, 3],
      ],
      { dtype: 'int32' },
    );
    const check = (logProbs: Tensor) => F.ctcLoss(logProbs, targets, [5, 4], [2, 1], { reduction: 'none' });
    expect(gradcheck(check, [logits.logSoftmax(2).detach().requiresGrad_()])).toBe(true);
  });

  it('is torch: the CTCLoss module, positional arguments, and the closed form of one step', () => {
    // one step, one label: the only alignment emits the label, so the loss is −log p(label)
    const logProbs = tensor([[[Math.log(0.2), Math.log(0.5), Math.log(0.3)]]], { dtype: 'float64' });
    expect(F.ctcLoss(logProbs, tensor([[2]], { dtype: 'int32' }), [1], [1], { reduction: 'sum' }).itemSync()).toBeCloseTo(
      -Math.log(0.3),
      12,
    );
    // two steps, label 1: alignments (1, blank), (blank, 1), (1, 1)
    const two = tensor([[[Math.log(0.6), Math.log(0.4)]], [[Math.log(0.7), Math.log(0.3)]]], { dtype: 'float64' });
    const closed = -Math.log(0.4 * 0.7 + 0.6 * 0.3 + 0.4 * 0.3);
    expect(new CTCLoss(0, 'sum').call(two, tensor([[1]], { dtype: 'int32' }), [2], [1]).itemSync()).toBeCloseTo(closed, 12);
    expect(
      new CTCLoss({ reduction: 'mean' })
        .call(two, tensor([[1]], { dtype: 'int32' }), tensor([2], { dtype: 'int32' }), tensor([1], { dtype: 'int32' }))
        .itemSync(),
    ).toBeCloseTo(closed, 12);
  });

  it('names bad arguments and releases its intermediates', () => {
    const logProbs = randn([6, 2, 4]).logSoftmax(2);
    const targets = tensor(
      [
        [1, 2],
        [3, 3],
      ],
      { dtype: 'int32' },
    );
    expect(() => F.ctcLoss(logProbs, targets, [7, 6], [2, 2])).toThrow('ctcLoss: every input length must be in 1…T = 6, got 7');
    expect(() => F.ctcLoss(logProbs, targets, [6], [2, 2])).toThrow(
      'ctcLoss: inputLengths must have one length per batch element (2), got 1',
    );
    expect(() => F.ctcLoss(logProbs, targets, [6, 6], [3, 2])).toThrow("ctcLoss: a target length 3 exceeds the targets' S = 2");
    expect(() => F.ctcLoss(logProbs, targets, [6, 6], [2, 2], { blank: 4 })).toThrow('ctcLoss: blank 4 must be a class index below C = 4');
    expect(() => F.ctcLoss(logProbs, targets.float(), [6, 6], [2, 2])).toThrow(
      'ctcLoss: targets must hold integer class indices (int32), got float32',
    );
    expect(() => new CTCLoss({ zero_infinity: true } as never)).toThrow('CTCLoss: unknown option `zero_infinity`');
    expect(leftBehind(() => noGrad(() => F.ctcLoss(logProbs, targets, [6, 5], [2, 1])), [logProbs, targets])).toEqual({
      handles: 0,
      bytes: 0,
    });
  });
});
