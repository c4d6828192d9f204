import { describe, expect, it } from 'vitest';
import { noGrad, type Tensor } from '@dl/tensor';
import { leftBehind } from '@dl/tensor/testing';
import {
  CosineEmbeddingLoss,
  F,
  GaussianNLLLoss,
  HingeEmbeddingLoss,
  MarginRankingLoss,
  MultiLabelSoftMarginLoss,
  PoissonNLLLoss,
  SoftMarginLoss,
  TripletMarginLoss,
} from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// The ranking, embedding and likelihood losses against torch 1.13 (tools/fixtures/nn_margin_losses_reference.py):
// the per-sample losses, their mean, and the mean's gradient with respect to every floating input.
interface LossCase {
  name: string;
  inputs: FixtureTensor[];
  options: Record<string, unknown>;
  none: FixtureTensor;
  mean: number;
  gradients: (FixtureTensor | null)[];
}
const reference = readFixture<{ cases: LossCase[] }>('nn_margin_losses.json');

type Loss = (inputs: Tensor[], options: Record<string, unknown> & { reduction: 'mean' | 'none' }) => Tensor;
const losses: Record<string, Loss> = {
  'marginRankingLoss(margin 0.3)': ([a, b, y], options) => F.marginRankingLoss(a!, b!, y!, options),
  hingeEmbeddingLoss: ([x, y], options) => F.hingeEmbeddingLoss(x!, y!, options),
  'cosineEmbeddingLoss(margin 0.2)': ([a, b, y], options) => F.cosineEmbeddingLoss(a!, b!, y!, options),
  tripletMarginLoss: ([a, p, n], options) => F.tripletMarginLoss(a!, p!, n!, options),
  'tripletMarginLoss(p 1, swap)': ([a, p, n], options) => F.tripletMarginLoss(a!, p!, n!, options),
  softMarginLoss: ([x, y], options) => F.softMarginLoss(x!, y!, options),
  multilabelSoftMarginLoss: ([x, y], options) => F.multilabelSoftMarginLoss(x!, y!, options),
  poissonNllLoss: ([x, y], options) => F.poissonNllLoss(x!, y!, options),
  'poissonNllLoss(rates, full)': ([x, y], options) => F.poissonNllLoss(x!, y!, options),
  gaussianNllLoss: ([x, y, v], options) => F.gaussianNllLoss(x!, y!, v!, options),
  'gaussianNllLoss(one variance per row, full, eps 0.1)': ([x, y, v], options) => F.gaussianNllLoss(x!, y!, v!, options),
};

describe('margin, embedding and likelihood losses against torch', () => {
  it.each(reference.cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const inputs = entry.inputs.map((input, index) => (entry.gradients[index] ? fromFixture(input).requiresGrad_() : fromFixture(input)));
    expectClose(losses[name]!(inputs, { ...entry.options, reduction: 'none' }), entry.none, `${name}: per sample`, 1e-5, 1e-6);
    const mean = losses[name]!(inputs, { ...entry.options, reduction: 'mean' });
    expect(Math.abs(mean.itemSync() - entry.mean)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(entry.mean)));
    mean.backward();
    entry.gradients.forEach((gradient, index) => {
      if (gradient) expectClose(inputs[index]!.grad, gradient, `${name}: gradient ${index}`, 1e-4, 1e-6);
    });
  });

  it('modules: torch’s positional margin and reduction, and their options', () => {
    const byName = (name: string) => reference.cases.find((entry) => entry.name === name)!;
    const values = (name: string) => byName(name).inputs.map((input) => fromFixture(input));
    const [a, b, y] = values('marginRankingLoss(margin 0.3)');
    expect(new MarginRankingLoss(0.3).call(a!, b!, y!).itemSync()).toBeCloseTo(byName('marginRankingLoss(margin 0.3)').mean, 5);
    const [x, signs] = values('hingeEmbeddingLoss');
    expectClose(new HingeEmbeddingLoss('none').call(x!, signs!), byName('hingeEmbeddingLoss').none, 'HingeEmbeddingLoss', 1e-5, 1e-6);
    const [c1, c2, cy] = values('cosineEmbeddingLoss(margin 0.2)');
    expect(new CosineEmbeddingLoss({ margin: 0.2 }).call(c1!, c2!, cy!).itemSync()).toBeCloseTo(
      byName('cosineEmbeddingLoss(margin 0.2)').mean,
      5,
    );
    const [anchor, positive, negative] = values('tripletMarginLoss(p 1, swap)');
    expect(new TripletMarginLoss({ margin: 2, p: 1, swap: true }).call(anchor!, positive!, negative!).itemSync()).toBeCloseTo(
      byName('tripletMarginLoss(p 1, swap)').mean,
      5,
    );
    const [s1, s2] = values('softMarginLoss');
    expect(new SoftMarginLoss().call(s1!, s2!).itemSync()).toBeCloseTo(byName('softMarginLoss').mean, 5);
    const [m1, m2] = values('multilabelSoftMarginLoss');
    expect(new MultiLabelSoftMarginLoss().call(m1!, m2!).itemSync()).toBeCloseTo(byName('multilabelSoftMarginLoss').mean, 5);
    const [p1, p2] = values('poissonNllLoss(rates, full)');
    expect(new PoissonNLLLoss({ logInput: false, full: true }).call(p1!, p2!).itemSync()).toBeCloseTo(
      byName('poissonNllLoss(rates, full)').mean,
      5,
    );
    const [g1, g2, g3] = values('gaussianNllLoss');
    expect(new GaussianNLLLoss().call(g1!, g2!, g3!).itemSync()).toBeCloseTo(byName('gaussianNllLoss').mean, 5);
    expect(() => new TripletMarginLoss({ swap_: true } as never)).toThrow(
      'TripletMarginLoss: unknown option `swap_` (did you mean `swap`?)',
    );
    expect(() => F.hingeEmbeddingLoss(x!, x!)).toThrow('hingeEmbeddingLoss: target must hold 1 or -1 only');
  });

  it('release their intermediates', () => {
    for (const entry of reference.cases) {
      const inputs = entry.inputs.map((input) => fromFixture(input));
      const call = () => noGrad(() => losses[entry.name]!(inputs, { ...entry.options, reduction: 'mean' }));
      call().dispose();
      expect(leftBehind(call, inputs), entry.name).toEqual({ handles: 0, bytes: 0 });
    }
  });
});
