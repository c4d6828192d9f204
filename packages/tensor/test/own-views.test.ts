import { describe, expect, it } from 'vitest';
import * as dl from '@dl/tensor';
import type { Tensor } from '@dl/tensor';

// A view op with nothing to do returned its input itself, so disposing the result freed the input:
// `const flat = v.reshape(-1); ...; flat.dispose()` destroyed v. torch 1.13 answers each call below
// with a new tensor (`x.reshape(x.shape) is x` → False, checked with /usr/bin/python3), and the three
// at the end with the tensor itself (`x.contiguous() is x` → True), as here.

const x = dl.tensor([
  [1, 2, 3],
  [4, 5, 6],
]);
const v = dl.tensor([1, 2, 3]);
const s = dl.tensor(2);

const newInTorch: Record<string, [Tensor, () => Tensor]> = {
  'reshape to the same shape': [x, () => x.reshape(2, 3)],
  'reshape(-1) of a 1-D tensor': [v, () => v.reshape(-1)],
  'reshape (function)': [x, () => dl.reshape(x, [2, 3])],
  'the identity permutation': [x, () => x.permute(0, 1)],
  'transpose(0, 0)': [x, () => x.transpose(0, 0)],
  't() of a 1-D tensor': [v, () => v.t()],
  'T of a 1-D tensor': [v, () => v.T],
  'expand to the same shape': [x, () => x.expand(2, 3)],
  'expandAs itself': [x, () => x.expandAs(x)],
  'a full-range slice': [x, () => x.slice(0)],
  'a full-range narrow': [x, () => x.narrow(0, 0, 2)],
  'narrow (function)': [x, () => dl.narrow(x, 1, 0, 3)],
  'squeeze with no size-1 dim': [x, () => x.squeeze()],
  'squeeze of a 0-d tensor': [s, () => s.squeeze()],
  'unflatten to the same shape': [x, () => x.unflatten(1, [3])],
  'split into one piece': [x, () => x.split(10)[0]!],
  'chunk into one piece': [x, () => x.chunk(1)[0]!],
  'sort of a 0-d tensor': [s, () => dl.sort(s).values],
  'pad by nothing': [x, () => dl.pad(x, [0, 0])],
};

describe('view ops return a tensor of their own where torch does', () => {
  it.each(Object.keys(newInTorch))('%s: a new handle, and disposing it leaves the input readable', (name) => {
    const [input, call] = newInTorch[name]!;
    const values = input.toArraySync();
    const result = call();
    expect(result).not.toBe(input);
    expect(result.toArraySync()).toEqual(values);
    result.dispose();
    expect(input.toArraySync()).toEqual(values);
  });

  it('gradients flow through such a view to its input', () => {
    const leaf = dl.tensor([1, 2, 3], { requiresGrad: true });
    const same = leaf.reshape(3);
    same
      .mul(dl.tensor([1, 2, 3]))
      .sum()
      .backward();
    expect(leaf.grad!.toArraySync()).toEqual([1, 2, 3]);
    expect(same.isLeaf).toBe(false);
  });

  it('contiguous(), to() with the same dtype and flatten() of a 1-D tensor return the tensor itself, as in torch', () => {
    expect(x.contiguous()).toBe(x);
    expect(x.to('float32')).toBe(x);
    expect(v.flatten()).toBe(v);
  });
});
