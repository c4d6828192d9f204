import { describe, expect, it } from 'vitest';
import { manualSeed, randn, sort, tensor, type Tensor } from '../index.js';
import { withoutFused } from '../cpu/without-fused.js';

/** [3, 4, 9] rows: distinct values, many ties (−0 and +0 among them), or ties with NaN and ±∞. */
function rows(kind: 'distinct' | 'ties' | 'special', dtype: 'float32' | 'float64' | 'int32'): Tensor {
  manualSeed(kind.length);
  const values = Array.from(randn([3 * 4 * 9]).dataSync());
  const data = values.map((value, i) => {
    if (kind === 'distinct') return value * 100;
    const tied = i % 5 === 0 ? -0 : Math.round(value); // mostly −1, −0, 0, 1
    if (kind === 'ties' || dtype === 'int32') return tied;
    return i % 11 === 5 ? Number.NaN : i % 7 === 3 ? -Infinity : i % 13 === 4 ? Infinity : tied;
  });
  return tensor(data, { dtype, shape: [3, 4, 9] });
}

describe("sort: the CPU backend's fused sortIndices against the pairwise composite", () => {
  for (const dtype of ['float32', 'float64', 'int32'] as const)
    for (const kind of ['distinct', 'ties', 'special'] as const)
      for (const dim of [-1, 1, 0])
        for (const descending of [false, true])
          it(`${dtype} ${kind}, dim ${dim}${descending ? ', descending' : ''}`, () => {
            const x = rows(kind, dtype);
            const fused = sort(x, dim, descending);
            const composite = withoutFused('sortIndices', () => sort(x, dim, descending));
            expect(Array.from(fused.indices.dataSync())).toEqual(Array.from(composite.indices.dataSync()));
            expect(Array.from(fused.values.dataSync())).toEqual(Array.from(composite.values.dataSync()));
            expect(fused.values.shape).toEqual(x.shape);
          });

  it('sorts a row of 200,000 (the composite would need 4·10¹⁰ comparisons in memory) and keeps the gradient', () => {
    manualSeed(5);
    const x = randn([200_000], { requiresGrad: true });
    const { values, indices } = sort(x, 0, true);
    const expected = Float32Array.from(x.dataSync()).sort().reverse();
    expect(values.dataSync()).toEqual(expected);
    const positions = indices.dataSync();
    expect(new Set(positions).size).toBe(200_000);
    values.mul(tensor(2)).sum().backward();
    expect(Array.from(x.grad!.dataSync().subarray(0, 5))).toEqual([2, 2, 2, 2, 2]);
  });
});
