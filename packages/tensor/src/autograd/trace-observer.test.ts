import { describe, expect, it } from 'vitest';
import { noGrad, observeOperations, tensor, type Tensor } from '../index.js';

describe('observeOperations', () => {
  it('reports primitives (whatever the grad mode) and the ops outside the primitive table, then uninstalls', () => {
    const seen: string[] = [];
    const observer = {
      primitive: (_output: Tensor, name: string) => void seen.push(name),
      untraced: (_output: Tensor, name: string, _inputs: readonly Tensor[], params: object) =>
        void seen.push(`${name}${JSON.stringify(params)}`),
    };
    const x = tensor([
      [1, 5],
      [3, 2],
    ]);
    observeOperations(observer, () => noGrad(() => [x.exp(), x.gt(2), x.amax(1), x.argmax(0), x.logicalNot()]));
    expect(seen).toEqual(['exp', 'gt{}', 'max{"axes":[1]}', 'permute', 'contiguous', 'argmax{"axes":[0]}', 'not{}']);
    seen.length = 0;
    x.exp();
    expect(seen).toEqual([]);
  });
});
