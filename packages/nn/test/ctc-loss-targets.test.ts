import { describe, expect, it } from 'vitest';
import { tensor, zeros } from '@dl/tensor';
import { F } from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// ctcLoss's targets against torch 1.13 (tools/fixtures/nn_ctc_targets_reference.py): 1-D targets of
// another length than Σ targetLengths are refused, unbatched too, and a blank used as a label counts as
// a label, as torch's recursion has it (with the true gradient of that loss, which torch's backward is
// not for every such target). Labels outside the classes are refused (torch's CPU kernel reads past its
// buffer there, so there is no reference value).

type Targets = number[] | number[][];
interface ErrorCase {
  name: string;
  logitsShape: number[];
  targets: Targets;
  inputLengths: number | number[];
  targetLengths: number | number[];
  error: string;
}
interface ValueCase {
  name: string;
  logits: FixtureTensor;
  targets: Targets;
  inputLengths: number | number[];
  targetLengths: number | number[];
  blank: number;
  reduction: 'none' | 'mean' | 'sum';
  loss: FixtureTensor;
  weights: FixtureTensor;
  logitsGradient: FixtureTensor;
  gradientSource: "torch's backward" | "central differences of torch's loss";
}
const reference = readFixture<{ errors: ErrorCase[]; values: ValueCase[] }>('nn_ctc_targets.json');

const int32 = (targets: Targets) => tensor(targets, { dtype: 'int32' });

describe('ctcLoss targets against torch', () => {
  it.each(reference.errors.map((entry) => [entry.name, entry] as const))('refuses, as torch: %s', (_, entry) => {
    const logProbs = zeros(entry.logitsShape, { dtype: 'float64' }).logSoftmax(-1);
    // torch: "Expected tensor to have size <Σ lengths> at dimension 0, but got size <labels> …"
    const [, expected, got] = /have size (\d+) at dimension 0, but got size (\d+)/.exec(entry.error)!;
    expect(() => F.ctcLoss(logProbs, int32(entry.targets), entry.inputLengths, entry.targetLengths)).toThrow(
      new RegExp(`^ctcLoss: .* = ${expected} labels, got ${got}$`),
    );
  });

  it.each(reference.values.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const logits = fromFixture(entry.logits, 'float64').requiresGrad_();
    const loss = F.ctcLoss(logits.logSoftmax(-1), int32(entry.targets), entry.inputLengths, entry.targetLengths, {
      blank: entry.blank,
      reduction: entry.reduction,
    });
    expectClose(loss, entry.loss, `${name}: loss`, 1e-10, 1e-12);
    loss.mul(fromFixture(entry.weights, 'float64')).sum().backward();
    // where torch's backward is not the gradient of its own loss (a blank label repeated), the fixture
    // holds central differences of torch's loss, good to about 1e-9
    const [rtol, atol] = entry.gradientSource === "torch's backward" ? [1e-9, 1e-12] : [1e-6, 1e-7];
    expectClose(logits.grad, entry.logitsGradient, `${name}: logits gradient (${entry.gradientSource})`, rtol, atol);
  });
});

describe('ctcLoss labels', () => {
  const logProbs = zeros([4, 2, 3], { dtype: 'float64' }).logSoftmax(-1);

  it('refuses a label outside the C classes, naming the target, the position, the label and C', () => {
    expect(() => F.ctcLoss(logProbs.select(1, 0), int32([1, 9]), 4, 2)).toThrow(
      'ctcLoss: target 0 holds label 9 at position 1, outside the C = 3 classes 0…2',
    );
    expect(() => F.ctcLoss(logProbs, int32([1, 2, -1]), [4, 4], [2, 1])).toThrow(
      'ctcLoss: target 1 holds label -1 at position 0, outside the C = 3 classes 0…2',
    );
    expect(() =>
      F.ctcLoss(
        logProbs,
        int32([
          [1, 2],
          [3, 1],
        ]),
        [4, 4],
        [2, 2],
      ),
    ).toThrow('ctcLoss: target 1 holds label 3 at position 0, outside the C = 3 classes 0…2');
  });

  it('ignores whatever a padded target holds past its length, as torch', () => {
    const padded = F.ctcLoss(
      logProbs,
      int32([
        [1, 9],
        [2, -4],
      ]),
      [4, 4],
      [1, 1],
      { reduction: 'none' },
    );
    const trimmed = F.ctcLoss(logProbs, int32([[1], [2]]), [4, 4], [1, 1], { reduction: 'none' });
    expect([...padded.dataSync()]).toEqual([...trimmed.dataSync()]);
  });
});
