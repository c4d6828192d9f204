import { describe, expect, it } from 'vitest';
import { noGrad, tensor } from '@dl/tensor';
import { leftBehind } from '@dl/tensor/testing';
import { EmbeddingBag, F, type EmbeddingBagOptions } from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// torch.nn.functional.embedding_bag against torch 1.13 (tools/fixtures/nn_embedding_bag_reference.py):
// outputs, and the weight's gradient of sum(output · weights), for the three modes, 2-D input, an empty
// bag, padding and per-sample weights. 'max' with tied rows: torch sends a column's gradient to its first
// maximum, where amax shared it; bags of padding only: an output without a graph before (backward threw).
interface BagCase {
  name: string;
  indices: number[];
  indicesShape: number[];
  options: EmbeddingBagOptions & { offsets?: number[] };
  perSampleWeights?: FixtureTensor;
  /** A weight of the case's own (the ties case), else the fixture's. */
  weight?: FixtureTensor;
  output: FixtureTensor;
  weights: FixtureTensor;
  gradient: FixtureTensor;
}
const reference = readFixture<{ weight: FixtureTensor; cases: BagCase[] }>('nn_embedding_bag.json');

describe('F.embeddingBag against torch', () => {
  it.each(reference.cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const weight = fromFixture(entry.weight ?? reference.weight).requiresGrad_();
    const indices = tensor(entry.indices, { shape: entry.indicesShape, dtype: 'int32' });
    const perSampleWeights = entry.perSampleWeights ? fromFixture(entry.perSampleWeights) : null;
    const output = F.embeddingBag(indices, weight, { ...entry.options, perSampleWeights });
    expectClose(output, entry.output, `${name}: output`, 1e-6, 1e-6);
    output.mul(fromFixture(entry.weights)).sum().backward();
    expectClose(weight.grad, entry.gradient, `${name}: gradient`, 1e-5, 1e-6);
  });

  it('the layer: call(tokens, offsets), call([B, N]), padding row zeroed, torch’s state-dict name', () => {
    const bag = new EmbeddingBag(10, 4, { mode: 'sum', paddingIdx: 0 });
    expect(Object.keys(bag.stateDict())).toEqual(['weight']);
    expect(bag.weight.narrow(0, 0, 1).abs().sum().itemSync()).toBe(0);
    bag.weight = fromFixture(reference.weight);
    const entry = reference.cases.find((candidate) => candidate.name === 'sum, padding index 0')!;
    expectClose(bag.call(tensor(entry.indices, { dtype: 'int32' }), entry.options.offsets), entry.output, 'EmbeddingBag', 1e-6, 1e-6);
    expect(
      new EmbeddingBag(10, 4).call(
        tensor(
          [
            [1, 2],
            [3, 4],
          ],
          { dtype: 'int32' },
        ),
      ).shape,
    ).toEqual([2, 4]);
  });

  it('releases its intermediates', () => {
    const weight = fromFixture(reference.weight);
    const indices = tensor(reference.cases[0]!.indices, { dtype: 'int32' });
    for (const mode of ['sum', 'mean', 'max'] as const) {
      const call = () => noGrad(() => F.embeddingBag(indices, weight, { offsets: [0, 3, 3, 8], mode }));
      call().dispose();
      expect(leftBehind(call, [weight, indices]), mode).toEqual({ handles: 0, bytes: 0 });
    }
  });

  it('names what it cannot do', () => {
    const weight = fromFixture(reference.weight);
    const indices = tensor([1, 2, 3], { dtype: 'int32' });
    expect(() => F.embeddingBag(indices, weight)).toThrow('embeddingBag: a 1-D input needs offsets, the start of each bag');
    expect(() => F.embeddingBag(indices, weight, { offsets: [1] })).toThrow('embeddingBag: offsets must start with 0, got 1');
    expect(() => F.embeddingBag(indices, weight, { offsets: [0], mode: 'mean', perSampleWeights: tensor([1, 1, 1]) })).toThrow(
      "embeddingBag: perSampleWeights is only supported for mode 'sum', got 'mean'",
    );
    expect(() => F.embeddingBag(tensor([12], { dtype: 'int32' }), weight, { offsets: [0] })).toThrow(
      'embeddingBag: index 12 is out of range for 10 embeddings',
    );
    expect(() => new EmbeddingBag(10, 4, { padding_idx: 0 } as never)).toThrow(
      'EmbeddingBag: unknown option `padding_idx` (did you mean `paddingIdx`?)',
    );
  });
});
