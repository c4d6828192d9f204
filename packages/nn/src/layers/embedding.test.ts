import { tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { Embedding } from './embedding.js';

describe('Embedding', () => {
  it('starts with a zero padding row and fromPretrained copies and freezes', () => {
    const layer = new Embedding(4, 3, { paddingIdx: -1 });
    expect(layer.paddingIdx).toBe(3);
    expect(layer.weight.toArraySync()).toContainEqual([0, 0, 0]);
    const vectors = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const frozen = Embedding.fromPretrained(vectors);
    expect(frozen.weight.requiresGrad).toBe(false);
    expect(frozen.parameters()).toHaveLength(1);
    expect(frozen.call(tensor([2, 0], { dtype: 'int32' })).toArraySync()).toEqual([
      [5, 6],
      [1, 2],
    ]);
    expect(Embedding.fromPretrained(vectors, { freeze: false }).weight.requiresGrad).toBe(true);
    expect(() => frozen.call(tensor([0.5]))).toThrow(/int32/);
  });
});
