// sort, argsort, topk, any, all, tril, triu, einsum against torch (values, indices, gradients), plus
// gradcheck in float64, tolist and the in-place initialisers uniform_/normal_.
// Reference: tools/fixtures/tensor_ops_reference.py → __fixtures__/torch-ops-reference.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  all,
  any,
  argsort,
  einsum,
  manualSeed,
  multinomial,
  noGrad,
  nonzero,
  ones,
  randn,
  sort,
  tensor,
  topk,
  tril,
  triu,
  zeros,
  type Tensor,
} from '../src/index.js';
import { gradcheck, gradgradcheck } from '../src/testing/index.js';

interface FixtureTensor {
  shape: number[];
  data: (number | string)[];
}
interface OpCase {
  name: string;
  inputs: FixtureTensor[];
  outputs: FixtureTensor[];
  upstream?: FixtureTensor;
  grads?: FixtureTensor[];
}

const cases = JSON.parse(readFileSync(new URL('./__fixtures__/torch-ops-reference.json', import.meta.url), 'utf8')) as OpCase[];
const numbers = (fixture: FixtureTensor) => fixture.data.map(Number);
const float64 = (fixture: FixtureTensor) => tensor(Float64Array.from(numbers(fixture)), { shape: fixture.shape });
const asList = (result: Tensor | { values: Tensor; indices: Tensor }) => ('values' in result ? [result.values, result.indices] : [result]);

const operations: Record<string, (...inputs: Tensor[]) => Tensor | { values: Tensor; indices: Tensor }> = {
  'sort last': (x) => sort(x!, -1),
  'sort descending dim 0': (x) => x!.sort(0, true),
  'sort nan last': (x) => sort(x!),
  argsort: (x) => argsort(x!, 1),
  'argsort descending': (x) => x!.argsort(1, true),
  'topk 2': (x) => topk(x!, 2, 1),
  'topk smallest': (x) => x!.topk(3, -1, false),
  any: (x) => any(x!),
  'any dim': (x) => x!.any(1),
  all: (x) => all(x!),
  'all dim keepdim': (x) => x!.all(0, true),
  tril: (x) => tril(x!),
  'tril -1': (x) => x!.tril(-1),
  'triu 1': (x) => triu(x!, 1),
  'triu batched': (x) => x!.triu(),
  'einsum ij,jk->ik': (a, b) => einsum('ij,jk->ik', a!, b!),
  'einsum bij,bjk->bik': (a, b) => einsum('bij,bjk->bik', a!, b!),
  'einsum i,i->': (a, b) => einsum('i,i->', a!, b!),
  'einsum i,j->ij': (a, b) => einsum('i,j->ij', a!, b!),
  'einsum ij->ji': (a) => einsum('ij->ji', a!),
  'einsum ij->': (a) => einsum('ij->', a!),
  'einsum bij,bkj->bik': (a, b) => einsum('bij,bkj->bik', a!, b!),
  'einsum ij,kj (implicit)': (a, b) => einsum('ij,kj', a!, b!),
  'einsum bhqd,bhkd->bhqk': (a, b) => einsum('bhqd,bhkd->bhqk', a!, b!),
  nonzero: (x) => nonzero(x!),
};

function expectNumbers(actual: Tensor, expected: FixtureTensor, label: string): void {
  expect([...actual.shape], `${label}: shape`).toEqual(expected.shape);
  const got = Array.from(actual.dataSync(), Number);
  numbers(expected).forEach((want, index) => {
    const value = got[index]!;
    if (Number.isNaN(want)) expect(value, `${label}[${index}]`).toBeNaN();
    else if (value !== want && !(Math.abs(value - want) <= 1e-9 + 1e-9 * Math.abs(want)))
      expect.fail(`${label}[${index}] is ${value}, torch gives ${want}`);
  });
}

describe('new tensor ops match torch', () => {
  for (const testCase of cases.filter((entry) => entry.inputs))
    it(testCase.name, () => {
      const run = operations[testCase.name];
      expect(run, `no operation for ${testCase.name}`).toBeDefined();
      const inputs = testCase.inputs.map(float64);
      for (const input of inputs) input.requiresGrad = testCase.grads !== undefined;
      const outputs = asList(run!(...inputs));
      testCase.outputs.forEach((expected, index) => expectNumbers(outputs[index]!, expected, `${testCase.name} output ${index}`));
      if (!testCase.grads) return;
      outputs[0]!.mul(float64(testCase.upstream!)).sum().backward();
      testCase.grads.forEach((expected, index) =>
        expectNumbers(inputs[index]!.grad ?? zeros(expected.shape, { dtype: 'float64' }), expected, `${testCase.name} grad ${index}`),
      );
    });
});

describe('multinomial draws with torch’s distribution', () => {
  const reference = (name: string) => cases.find((entry) => entry.name === name) as unknown as { weights: number[]; frequencies: number[] };
  const frequencies = (samples: Tensor, categories: number) => {
    const counts = new Array<number>(categories).fill(0);
    for (const value of samples.dataSync()) counts[value]! += 1;
    return counts.map((count) => count / samples.numel());
  };
  it('with replacement: the frequencies of torch’s sample, within sampling error', () => {
    manualSeed(0);
    const { weights, frequencies: torchFrequencies } = reference('multinomial frequencies');
    const ours = frequencies(multinomial(tensor(weights), 200000, true), 4);
    ours.forEach((value, index) => expect(Math.abs(value - torchFrequencies[index]!)).toBeLessThan(0.006));
    expect(ours[1]).toBe(0); // weight 0 is never drawn
  });
  it('without replacement: distinct categories, the first draw distributed as torch’s', () => {
    manualSeed(1);
    const { weights, frequencies: torchFrequencies } = reference('multinomial without replacement first draw');
    const rows = multinomial(tensor(weights).unsqueeze(0).expand(20000, 4).contiguous(), 2, false);
    expect(rows.shape).toEqual([20000, 2]);
    const pairs = rows.toArraySync() as number[][];
    expect(pairs.every(([a, b]) => a !== b && a !== 1 && b !== 1)).toBe(true);
    const ours = frequencies(rows.select(1, 0).contiguous(), 4);
    ours.forEach((value, index) => expect(Math.abs(value - torchFrequencies[index]!)).toBeLessThan(0.02));
  });
  it('honours the generator and rejects bad weights', async () => {
    const { Generator } = await import('./helpers/counter-generator.js');
    const a = Array.from(multinomial(tensor([1, 2, 3]), 5, true, { generator: new Generator(7) }).dataSync());
    const b = Array.from(multinomial(tensor([1, 2, 3]), 5, true, { generator: new Generator(7) }).dataSync());
    expect(a).toEqual(b);
    expect(() => multinomial(tensor([1, -1]), 1)).toThrow('multinomial: invalid multinomial distribution');
    expect(() => multinomial(tensor([1, 1]), 3)).toThrow(
      'multinomial: cannot sample numSamples = 3 > prob_dist.size(-1) = 2 samples without replacement',
    );
    expect(() => multinomial(tensor([1, 1]), 1, { replace: true } as never)).toThrow('multinomial: unknown option `replace`');
  });
});

describe('gradcheck in float64', () => {
  const input = (...shape: number[]) => {
    const x = randn(shape, { dtype: 'float64' });
    x.requiresGrad = true;
    return x;
  };
  it('sort, topk, tril, triu, einsum (first and second order)', () => {
    manualSeed(3);
    const x = input(3, 5);
    expect(gradcheck((t) => sort(t, 1).values, [x])).toBe(true);
    expect(gradcheck((t) => topk(t, 2, 0, false).values, [x])).toBe(true);
    expect(gradgradcheck((t) => tril(t, 1).square(), [x])).toBe(true);
    expect(gradgradcheck((t) => triu(t).square(), [x])).toBe(true);
    const y = input(5, 2);
    expect(gradgradcheck((a, b) => einsum('ij,jk->ik', a, b).square(), [x, y])).toBe(true);
    expect(gradcheck((a, b) => einsum('ik,jk->ij', a, b), [x, input(4, 5)])).toBe(true);
  });
});

describe('tril and triu keep the dtype', () => {
  it('of bool and int32 tensors, as torch (a causal mask is ones(L, S, bool).tril())', () => {
    const causal = tril(
      tensor(
        [
          [true, true, true],
          [true, true, true],
        ],
        { dtype: 'bool' },
      ),
    );
    expect(causal.dtype).toBe('bool');
    expect(causal.toArraySync()).toEqual([
      [1, 0, 0],
      [1, 1, 0],
    ]);
    const upper = triu(
      tensor(
        [
          [1, 2],
          [3, 4],
        ],
        { dtype: 'int32' },
      ),
      1,
    );
    expect(upper.dtype).toBe('int32');
    expect(upper.toArraySync()).toEqual([
      [0, 2],
      [0, 0],
    ]);
  });
});

describe('the rest of issue #14 ops', () => {
  it('tolist is toArray', async () => {
    expect(
      await tensor([
        [1, 2],
        [3, 4],
      ]).tolist(),
    ).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('uniform_ and normal_ write into the same storage, under noGrad (as nn.init), and keep requiresGrad', () => {
    manualSeed(0);
    const weight = zeros([200, 50]);
    weight.requiresGrad = true;
    const storage = weight.storage;
    noGrad(() => weight.uniform_(-0.5, 0.5));
    expect(weight.storage).toBe(storage);
    expect(weight.gradFn).toBeNull();
    expect(weight.requiresGrad).toBe(true);
    expect(weight.amin().itemSync()).toBeGreaterThanOrEqual(-0.5);
    expect(weight.amax().itemSync()).toBeLessThan(0.5);
    noGrad(() => weight.normal_(2, 0.1));
    expect(weight.storage).toBe(storage);
    expect(weight.mean().itemSync()).toBeCloseTo(2, 2);
    expect(weight.std().itemSync()).toBeCloseTo(0.1, 2);
    expect(() => ones([2], { dtype: 'int32' }).uniform_()).toThrow('uniform_: expects a floating-point tensor, got int32');
  });

  it('einsum rejects what it does not support, clearly', () => {
    const a = ones([2, 2]);
    expect(() => einsum('i,i,i->i', a, a, a)).toThrow(
      "einsum: 'i,i,i->i': the number of subscripts in the equation (1) does not match the number of dimensions (2) for operand 0 and no ellipsis was given",
    );
    expect(() => einsum('...i...->i', a)).toThrow("einsum: '...i...->i': found '.' for operand 0 for which an ellipsis was already found");
    expect(() => einsum('ij,jk->ik', a, ones([3, 2]))).toThrow(
      "einsum: 'ij,jk->ik': subscript j has size 3 for operand 1 which does not broadcast with previously seen size 2",
    );
    expect(() => einsum('ij->k', a)).toThrow("einsum: 'ij->k': output subscript k does not appear");
    expect(() => topk(a, 3, 1)).toThrow('topk: k must be an integer in [0, 2], got 3');
  });
});
