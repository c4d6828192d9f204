import { describe, expect, it } from 'vitest';
import {
  adjoint,
  angle,
  asarray,
  asTensor,
  cat,
  concat,
  concatenate,
  detach,
  fill,
  grad,
  linalg,
  matrixExp,
  ones,
  rsub,
  scalarTensor,
  splitWithSizes,
  t,
  type Tensor,
  tensor,
  unique,
  zeros,
  zerosLike,
} from '../src/index.js';
import { expectValues, type DType, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// Tensor methods of existing functions and torch names added beside them, against torch 1.13
// (tools/fixtures/tensor_methods_aliases_two_reference.py): values with their dtypes (int64 read as
// int32), and the gradient of Σ output·upstream for each float64 input.

type TypedFixture = FixtureTensor & { dtype: DType };
interface MethodCase {
  name: string;
  operation: string;
  options: Record<string, unknown>;
  inputs: (TypedFixture | number | number[])[];
  outputs: TypedFixture[];
  upstreams?: FixtureTensor[];
  gradients?: FixtureTensor[];
}
interface Fixture {
  cases: MethodCase[];
  strides: Record<string, number[] | number>;
  retainsGrad: Record<string, boolean>;
  creation: Record<string, TypedFixture>;
  conversion: { gradient: FixtureTensor; dtype: DType; sameWhenMatching: boolean };
  errors: Record<string, string>;
}
const fixture = readTorchFixture<Fixture>('torch-methods-aliases-two-reference.json');

const isFixtureTensor = (value: unknown): value is TypedFixture => typeof value === 'object' && value !== null && 'shape' in value;
/** A fixture tensor as ours; float64 ones record a graph, as the script's do. */
const fromFixture = (entry: TypedFixture, requiresGrad: boolean) =>
  tensor(numbers(entry), { shape: entry.shape, dtype: entry.dtype, requiresGrad: requiresGrad && entry.dtype === 'float64' });

type Operand = Tensor | number | number[];
const asTensorOperand = (operand: Operand | undefined) => operand as Tensor;
type Options = Record<string, unknown>;
// each operation through the Tensor method or the function the script calls in torch
const operations: Record<string, (inputs: Operand[], options: Options) => Tensor | readonly Tensor[]> = {
  nonzeroAsTuple: ([x]) => asTensorOperand(x).nonzero({ asTuple: true }),
  // the function and the method are one: torch.unique(x, dim=...) as x.unique(dim=...)
  uniqueDim: ([x], options) => unique(asTensorOperand(x), { ...options, returnInverse: true, returnCounts: true }),
  uniqueValues: ([x], options) => asTensorOperand(x).unique(options),
  bincount: ([x], options) => asTensorOperand(x).bincount(options),
  multinomial: ([x, numSamples], { numSamples: keyword, replacement = false }) =>
    asTensorOperand(x).multinomial((numSamples ?? keyword) as number, replacement as boolean),
  bernoulli: ([x]) => asTensorOperand(x).bernoulli(),
  kron: ([a, b]) => asTensorOperand(a).kron(asTensorOperand(b)),
  cov: ([x], options) => asTensorOperand(x).cov(options),
  corrcoef: ([x]) => asTensorOperand(x).corrcoef(),
  diagEmbed: ([x], options) => asTensorOperand(x).diagEmbed(options),
  histc: ([x], options) => asTensorOperand(x).histc(options),
  matrixExpMethod: ([x]) => asTensorOperand(x).matrixExp(),
  matrixExp: ([x]) => matrixExp(asTensorOperand(x)),
  splitWithSizes: ([x, sizes]) => asTensorOperand(x).splitWithSizes(sizes as number[]),
  splitWithSizesFunction: ([x, sizes], { dim }) => splitWithSizes(asTensorOperand(x), sizes as number[], dim as number),
  concat: ([a, b], { dim }) => concat([asTensorOperand(a), asTensorOperand(b)], dim as number | undefined),
  concatenate: ([a, b], { dim }) => concatenate([asTensorOperand(a), asTensorOperand(b)], dim as number | undefined),
  t: ([x]) => t(asTensorOperand(x)),
  detach: ([x]) => detach(asTensorOperand(x)),
  fill: ([x, value]) => fill(asTensorOperand(x), value as number | Tensor),
  rsub: ([a, b], { alpha }) => rsub(asTensorOperand(a), b as Tensor | number, alpha as number | undefined),
  adjoint: ([x]) => adjoint(asTensorOperand(x)),
  adjointMethod: ([x]) => asTensorOperand(x).adjoint(),
  angle: ([x]) => angle(asTensorOperand(x)),
  angleMethod: ([x]) => asTensorOperand(x).angle(),
};
const tolerances = { float64: 1e-10, float32: 2e-6 };
const gradientTolerances = { float64: 1e-9, float32: 1e-5 };

describe('Tensor methods and torch names against torch 1.13', () => {
  it('covers every fixture operation', () => {
    expect([...new Set(fixture.cases.map((entry) => entry.operation))].sort()).toEqual(Object.keys(operations).sort());
  });

  it.each(fixture.cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const inputs = entry.inputs.map((input) => (isFixtureTensor(input) ? fromFixture(input, true) : input));
    const options = Object.fromEntries(
      Object.entries(entry.options).map(([key, value]) => [key, isFixtureTensor(value) ? fromFixture(value, true) : value]),
    );
    const result = operations[entry.operation]!(inputs, options);
    const outputs = Array.isArray(result) ? result : [result as Tensor];
    expect(outputs.length, `${name}: outputs`).toBe(entry.outputs.length);
    outputs.forEach((output, index) =>
      expectValues(output, entry.outputs[index]!, entry.outputs[index]!.dtype, `${name} output ${index}`, tolerances),
    );
    const differentiable = [...inputs, ...Object.values(options)].filter(
      (input): input is Tensor => typeof input === 'object' && !Array.isArray(input) && (input as Tensor).requiresGrad,
    );
    if (!entry.gradients) {
      // torch records no graph here (integer or bool results, samplers, histc, unique)
      expect(
        outputs.some((output) => output.requiresGrad && differentiable.length > 0),
        `${name}: requiresGrad`,
      ).toBe(false);
      return;
    }
    const total = outputs
      .map((output, index) => output.mul(tensor(numbers(entry.upstreams![index]!), { shape: output.shape, dtype: output.dtype })).sum())
      .reduce((sum, term) => sum.add(term));
    const gradients = grad(total, differentiable, { allowUnused: true });
    gradients.forEach((found, index) =>
      expectValues(
        found ?? zerosLike(differentiable[index]!),
        { ...entry.gradients![index]! },
        'float64',
        `${name} gradient ${index}`,
        gradientTolerances,
      ),
    );
  });
});

describe('stride, retainsGrad, scalarTensor, asTensor and asarray against torch 1.13', () => {
  const base = zeros(2, 3, 4);
  const layouts: Record<string, () => number[] | number> = {
    contiguous: () => base.stride(),
    'zero size': () => zeros(2, 0, 3).stride(),
    'size one': () => zeros(2, 1, 3).stride(),
    '0-d': () => zeros([]).stride(),
    transposed: () => base.transpose(0, 2).stride(),
    'sliced with a step': () => base.slice(1, 0, undefined, 2).slice(2, 1).stride(),
    expanded: () => zeros(3, 1).expand(3, 4).stride(),
    selected: () => base.select(0, 1).stride(),
    'dim -1 of transposed': () => base.transpose(0, 2).stride(-1),
  };
  it.each(Object.keys(fixture.strides))('stride: %s', (label) => {
    expect(layouts[label]!()).toEqual(fixture.strides[label]);
  });

  it('retainsGrad is false for leaves and true after retainGrad() on a non-leaf, also after backward', () => {
    const leaf = ones([2], { requiresGrad: true });
    const computed = leaf.mul(2);
    const seen: Record<string, boolean> = { leaf: leaf.retainsGrad, 'non-leaf': computed.retainsGrad };
    computed.retainGrad();
    seen['after retainGrad'] = computed.retainsGrad;
    computed.sum().backward();
    seen['after backward'] = computed.retainsGrad;
    leaf.retainGrad();
    seen['leaf after retainGrad'] = leaf.retainsGrad;
    expect(seen).toEqual(fixture.retainsGrad);
  });

  it('scalarTensor, asTensor and asarray give torch values and dtypes', () => {
    const made: Record<string, Tensor> = {
      'scalarTensor 3': scalarTensor(3),
      'scalarTensor true': scalarTensor(true),
      'scalarTensor int32': scalarTensor(-3.5, { dtype: 'int32' }),
      'scalarTensor float64': scalarTensor(0.1, { dtype: 'float64' }),
      'asTensor ints': asTensor([
        [1, 2],
        [3, 4],
      ]),
      'asTensor floats': asTensor([1.5, 2]),
      'asTensor bools': asTensor([true, false]),
      'asTensor number float64': asTensor(2, { dtype: 'float64' }),
      'asarray ints': asarray([1, 2]),
      'asarray float32 to float64': asarray(tensor([0.1, 2.5]), { dtype: 'float64' }),
    };
    expect(Object.keys(made).sort()).toEqual(Object.keys(fixture.creation).sort());
    // JavaScript numbers carry no integer type: plain integers give float32, as `tensor` makes them,
    // where torch gives int64 for Python ints; the values are torch's
    const floatWhereTorchHasInt64 = new Set(['asTensor ints', 'asarray ints']);
    for (const [label, expected] of Object.entries(fixture.creation))
      expectValues(made[label]!, expected, floatWhereTorchHasInt64.has(label) ? 'float32' : expected.dtype, label, tolerances);
    expect(fixture.creation['asTensor ints']!.dtype).toBe('int32');
    expect(asTensor(Int32Array.from([1, 2])).dtype).toBe('int32');
  });

  it('asTensor returns a matching tensor itself and converts another differentiably', () => {
    const source = tensor([1.5, -2], { requiresGrad: true });
    expect(asTensor(source) === source).toBe(fixture.conversion.sameWhenMatching);
    expect(asTensor(source, { dtype: 'float32', device: 'cpu' })).toBe(source);
    asTensor(source, { dtype: 'float64' })
      .mul(tensor([3, 4], { dtype: 'float64' }))
      .sum()
      .backward();
    expectValues(source.grad!, { ...fixture.conversion.gradient }, fixture.conversion.dtype, 'asTensor gradient', tolerances);
  });

  it('asarray copies when asked, refuses to alias with copy: false, and sets requiresGrad', () => {
    const source = tensor([1, 2]);
    expect(asarray(source)).toBe(source);
    const copied = asarray(source, { copy: true });
    expect(copied).not.toBe(source);
    expect(copied.toArraySync()).toEqual([1, 2]);
    expect(asarray(source, { copy: false })).toBe(source);
    expect(asarray([1.5, 2], { requiresGrad: true }).requiresGrad).toBe(true);
    expect(fixture.errors['asarray copy false']).toContain("can't alias");
    expect(() => asarray(source, { copy: false, dtype: 'float64' })).toThrow(
      /asarray: can't alias a float32 tensor .* into a float64 tensor/,
    );
    expect(() => asarray([1, 2], { copy: false })).toThrow(/asarray: can't alias plain data/);
  });
});

describe('the functions beside the methods', () => {
  it('concat and concatenate are cat; matrixExp is linalg.matrixExp', () => {
    expect(concat).toBe(cat);
    expect(concatenate).toBe(cat);
    expect(matrixExp).toBe(linalg.matrixExp);
  });

  it('detach shares storage outside the graph', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const detached = detach(x);
    expect(detached.requiresGrad).toBe(false);
    expect(detached.storage).toBe(x.storage);
  });

  it('t and adjoint are views; angle keeps a graph with gradient 0', () => {
    const x = zeros(2, 3);
    expect(t(x).storage).toBe(x.storage);
    expect(adjoint(zeros(4, 2, 3)).shape).toEqual([4, 3, 2]);
    const input = tensor([-1, 2], { requiresGrad: true });
    expect(angle(input).requiresGrad).toBe(true);
  });

  it('bernoulli as a method samples each element with its own probability', () => {
    const draws = ones(2000).mul(0.25).bernoulli().mean().itemSync();
    expect(draws).toBeGreaterThan(0.2);
    expect(draws).toBeLessThan(0.3);
  });
});

describe('errors', () => {
  it("throws where torch throws, naming the operation and the offending values (torch's messages in the fixture)", () => {
    const expectations: Record<string, [() => unknown, RegExp]> = {
      't 3-D': [() => t(zeros(2, 3, 4)), /t: expects a tensor with <= 2 dimensions, but got 3D/],
      'adjoint 1-D': [() => zeros(3).adjoint(), /adjoint: is only supported on matrices or batches of matrices. Got 1-D tensor/],
      'splitWithSizes sum': [
        () => zeros(5).splitWithSizes([2, 2]),
        /splitWithSizes: expects splitSizes to sum exactly to 5 .*dimension 0.*\[2, 2\]/,
      ],
      'splitWithSizes negative': [() => splitWithSizes(zeros(5), [2, -1, 4]), /splitWithSizes: .*non-negative.*\[2, -1, 4\]/],
      'fill 1-D value': [() => fill(zeros(2), zeros(2)), /fill: only supports a 0-dimension value tensor, but got a tensor of shape \[2\]/],
      'rsub bools': [() => rsub(tensor([true]), tensor([true])), /rsub: subtraction of two bool tensors is not supported/],
      'rsub fractional alpha': [
        () => rsub(tensor([1, 2]).int(), 5, 2.5),
        /rsub: for integer tensors, alpha must not be a fractional number, got 2.5/,
      ],
      'asarray copy false': [() => asarray(zeros(2), { copy: false, dtype: 'float64' }), /asarray: can't alias/],
      'unique dim out of range': [() => zeros(2, 2).unique({ dim: 2 }), /unique: dim 2 is out of range for a tensor of rank 2/],
      'stride dim out of range': [() => zeros(2, 3).stride(5), /stride: dim 5 is out of range for a tensor of rank 2/],
      'bernoulli int': [() => tensor([1, 0]).int().bernoulli(), /bernoulli: expects floating-point probabilities, got a int32 tensor/],
    };
    expect(Object.keys(expectations).sort()).toEqual(Object.keys(fixture.errors).sort());
    for (const [label, [action, message]] of Object.entries(expectations)) expect(action, label).toThrow(message);
  });

  it('refuses unknown options and wrong arguments', () => {
    expect(() => zeros(2).nonzero({ as_tuple: true } as never)).toThrow(/nonzero: unknown option `as_tuple` \(did you mean `asTuple`\?\)/);
    expect(() => zeros(2).unique({ return_counts: true } as never)).toThrow(/unique: unknown option `return_counts`/);
    expect(() => zeros(2).bernoulli({ p: 0.5 } as never)).toThrow(/bernoulli: unknown option `p`/);
    expect(() => asTensor([1], { requiresGrad: true } as never)).toThrow(/asTensor: unknown option `requiresGrad`/);
    expect(() => scalarTensor(1, { shape: [2] } as never)).toThrow(/scalarTensor: unknown option `shape`/);
    expect(() => scalarTensor([1] as never)).toThrow(/scalarTensor: the value must be a number or a boolean/);
    expect(() => fill(zeros(2), 'a' as never)).toThrow(/fill: the value must be a number, a boolean or a 0-d tensor/);
    expect(() => zeros([]).stride(0)).toThrow(/stride: dim 0 given for a 0-d tensor/);
    expect(() => zeros([]).unique({ dim: 0 })).toThrow(/unique: dim 0 given for a 0-d tensor/);
    expect(() => splitWithSizes(zeros([]), [1])).toThrow(/splitWithSizes: expects a tensor of at least 1 dim/);
    expect(() => splitWithSizes(zeros(3), [1.5, 1.5])).toThrow(/splitWithSizes: splitSizes must be an array of integers/);
  });
});
