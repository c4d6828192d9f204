import { describe, expect, it } from 'vitest';
import {
  abs,
  absolute,
  acos,
  acosh,
  allclose,
  allcloseAsync,
  arccos,
  arccosh,
  arcsin,
  arcsinh,
  arctan,
  arctan2,
  arctanh,
  asin,
  asinh,
  atan,
  atan2,
  atanh,
  canCast,
  clamp,
  clampMax,
  clampMin,
  clip,
  cpuBackend,
  div,
  divide,
  type DivideOptions,
  equal,
  equalAsync,
  floatPower,
  floorDivide,
  fmax,
  fmin,
  frexp,
  gcd,
  ge,
  grad,
  greater,
  greaterEqual,
  gt,
  isComplex,
  isFloatingPoint,
  isNonzero,
  isNonzeroAsync,
  isSameSize,
  isSigned,
  isin,
  isinf,
  isneginf,
  isposinf,
  isreal,
  lcm,
  ldexp,
  le,
  less,
  lessEqual,
  logicalXor,
  lt,
  mul,
  multiply,
  ne,
  neg,
  negative,
  nextafter,
  notEqual,
  numel,
  positive,
  registerBackend,
  resultType,
  sgn,
  sign,
  sub,
  subtract,
  tensor,
  trueDivide,
  zeros,
  zerosLike,
  type Tensor,
} from '../src/index.js';
import { gradcheck, gradgradcheck, leftBehind } from '../src/testing/index.js';
import { type DType, expectEachValue, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// torch's second names and its predicates against torch 1.13
// (tools/fixtures/tensor_aliases_predicates_reference.py): values with their dtypes and the signs of
// zeros, and the gradient of Σ output·r for each float64 input, or no gradient where torch has none.

interface AliasCase {
  name: string;
  operation: string;
  options: Record<string, unknown>;
  inputs: (FixtureTensor | number | string)[];
  outputs: (FixtureTensor & { dtype: DType })[];
  upstream?: FixtureTensor;
  gradients?: FixtureTensor[];
  gradientError?: string;
}
interface Fixture {
  cases: AliasCase[];
  queries: Record<'equal' | 'allclose' | 'isNonzero', [string, boolean][]>;
  isSigned: Record<string, boolean>;
  isFloatingPoint: Record<string, boolean>;
  canCast: [DType, DType, boolean][];
  resultType: [DType | number | boolean, DType | number | boolean, DType][];
}
const fixture = readTorchFixture<Fixture>('torch-aliases-predicates-reference.json');

type Operand = Tensor | number;
const asTensor = (operand: Operand | undefined) => operand as Tensor;
// half through the functions, half through the Tensor methods, so both are checked against torch
const operations: Record<string, (inputs: Operand[], options: Record<string, unknown>) => Tensor | readonly Tensor[]> = {
  isinf: ([x]) => isinf(asTensor(x)),
  isposinf: ([x]) => asTensor(x).isposinf(),
  isneginf: ([x]) => isneginf(asTensor(x)),
  isreal: ([x]) => asTensor(x).isreal(),
  isin: ([elements, tests], options) => isin(elements!, tests!, options),
  fmax: ([a, b]) => fmax(asTensor(a), asTensor(b)),
  fmin: ([a, b]) => asTensor(a).fmin(asTensor(b)),
  floatPower: ([a, b]) => (typeof a === 'number' ? floatPower(a, b!) : a!.floatPower(b!)),
  floorDivide: ([a, b]) => (b instanceof Object ? floorDivide(a!, b) : asTensor(a).floorDivide(b!)),
  divide: ([a, b], options) => (options.roundingMode === 'trunc' ? asTensor(a).divide(b!, options) : divide(a!, b!, options)),
  gcd: ([a, b]) => gcd(asTensor(a), asTensor(b)),
  lcm: ([a, b]) => asTensor(a).lcm(asTensor(b)),
  ldexp: ([x, exponent]) => ldexp(asTensor(x), asTensor(exponent)),
  frexp: ([x]) => asTensor(x).frexp(),
  nextafter: ([a, b]) => nextafter(asTensor(a), asTensor(b)),
  logicalXor: ([a, b]) => asTensor(a).logicalXor(b!),
  absolute: ([x]) => absolute(asTensor(x)),
  arccos: ([x]) => asTensor(x).arccos(),
  arctan2: ([a, b]) => arctan2(a!, b!),
  negative: ([x]) => asTensor(x).negative(),
  positive: ([x]) => positive(asTensor(x)),
  clip: ([x], options) => asTensor(x).clip(options as { min: number; max: number }),
  clampMin: ([x, min]) => clampMin(asTensor(x), min!),
  clampMax: ([x, max]) => asTensor(x).clampMax(max!),
  sgn: ([x]) => sgn(asTensor(x)),
  trueDivide: ([a, b]) => asTensor(a).trueDivide(b!),
  greaterEqual: ([a, b]) => greaterEqual(a!, b!),
};

// Most of these ops are exact (comparisons, bit steps, powers of two, integer division); pow and the
// inverse trigonometric functions round once (ldexp with a fractional exponent is a pow)
const relativeTolerance: Record<string, number> = { floatPower: 4e-16, arccos: 4e-16, arctan2: 4e-16, ldexp: 4e-16 };
const gradientTolerance = 1e-14;

/** torch's dtype, shape and values: NaN, ±∞ and the sign of a zero exactly, others within `tolerance`. */
function expectTorch(
  actual: Tensor,
  expected: FixtureTensor & { dtype?: DType },
  label: string,
  tolerance: number,
  signedZeros: boolean,
): void {
  expectEachValue(actual, expected, expected.dtype ?? (actual.dtype as DType), label, (value, want, index) => {
    const same = signedZeros ? Object.is(value, want) : value === want || (Number.isNaN(value) && Number.isNaN(want));
    if (same || (Number.isFinite(want) && want !== 0 && Math.abs(value - want) <= tolerance * Math.abs(want))) return;
    expect.fail(`${label}[${index}] is ${Object.is(value, -0) ? '-0' : value}, torch gives ${Object.is(want, -0) ? '-0' : want}`);
  });
}

function inputsOf(entry: AliasCase): Operand[] {
  return entry.inputs.map((input) =>
    typeof input === 'object'
      ? tensor(numbers(input), {
          shape: input.shape,
          dtype: input.dtype,
          requiresGrad: entry.gradients !== undefined && input.dtype === 'float64',
        })
      : Number(input),
  );
}

describe('aliases and predicates against torch', () => {
  it('covers every fixture operation', () => {
    expect([...new Set(fixture.cases.map((entry) => entry.operation))].sort()).toEqual(Object.keys(operations).sort());
  });

  it.each(fixture.cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const inputs = inputsOf(entry);
    const result = operations[entry.operation]!(inputs, entry.options);
    const outputs = Array.isArray(result) ? result : [result as Tensor];
    expect(outputs.length, `${name}: outputs`).toBe(entry.outputs.length);
    outputs.forEach((output, index) =>
      expectTorch(output, entry.outputs[index]!, `${name} output ${index}`, relativeTolerance[entry.operation] ?? 0, true),
    );
    if (entry.gradientError) {
      // torch has no derivative here ("derivative for aten::floor_divide is not implemented"): ours
      // does not take part in the graph
      expect(outputs[0]!.requiresGrad, `${name}: requiresGrad`).toBe(false);
      return;
    }
    if (!entry.gradients) return;
    const differentiable = inputs.filter((input): input is Tensor => typeof input !== 'number' && input.requiresGrad);
    const output = outputs[0]!;
    const upstream = tensor(numbers(entry.upstream!), { shape: output.shape, dtype: output.dtype });
    const gradients = grad(output.mul(upstream).sum(), differentiable, { allowUnused: true });
    gradients.forEach((found, index) =>
      expectTorch(
        found ?? zerosLike(differentiable[index]!),
        entry.gradients![index]!,
        `${name} gradient ${index}`,
        gradientTolerance,
        false,
      ),
    );
  });

  it("gives torch.div's rounding modes through div and Tensor.div (torch.div is torch.divide)", () => {
    const cases = fixture.cases.filter((entry) => entry.operation === 'divide');
    expect(cases.length).toBeGreaterThan(0);
    for (const entry of cases) {
      const [a, b] = inputsOf(entry);
      const options = entry.options as DivideOptions;
      expectTorch(div(a!, b!, options), entry.outputs[0]!, `div: ${entry.name}`, relativeTolerance.divide ?? 0, true);
      if (typeof a !== 'number')
        expectTorch(a.div(b!, options), entry.outputs[0]!, `Tensor.div: ${entry.name}`, relativeTolerance.divide ?? 0, true);
      if (options.roundingMode == null)
        expectTorch(trueDivide(a!, b!), entry.outputs[0]!, `trueDivide: ${entry.name}`, relativeTolerance.divide ?? 0, true);
    }
    expect(div).toBe(divide);
  });

  it('answers the boolean queries as torch', () => {
    const nan = Number.NaN;
    const float64 = (values: number[]) => tensor(values, { dtype: 'float64' });
    const equalPairs: Record<string, [Tensor, Tensor]> = {
      'same values': [float64([1, 2]), float64([1, 2])],
      'NaN is not equal to NaN': [float64([nan]), float64([nan])],
      'different shapes': [float64([1, 1]), float64([1])],
      'int32 and float32 promote': [tensor([1, 2], { dtype: 'int32' }), tensor([1, 2])],
      'different values': [float64([1, 2]), float64([1, 3])],
      '-0 equals 0': [float64([-0]), float64([0])],
    };
    for (const [label, want] of fixture.queries.equal) {
      const [a, b] = equalPairs[label]!;
      expect(equal(a, b), label).toBe(want);
      expect(a.equal(b), label).toBe(want);
    }
    const closePairs: Record<string, [Tensor, Tensor, object]> = {
      'close within defaults': [float64([1, 2]), float64([1 + 1e-9, 2]), {}],
      'not close': [float64([1, 2]), float64([1, 2.1]), {}],
      'rtol 0.1': [float64([1, 2]), float64([1, 2.1]), { rtol: 0.1 }],
      'NaN without equalNan': [float64([nan]), float64([nan]), {}],
      'NaN with equalNan': [float64([nan]), float64([nan]), { equalNan: true }],
      broadcast: [float64([1, 1]), float64([1]), {}],
      infinities: [float64([Infinity]), float64([Infinity]), {}],
    };
    for (const [label, want] of fixture.queries.allclose) {
      const [a, b, options] = closePairs[label]!;
      expect(allclose(a, b, options), label).toBe(want);
      expect(a.allclose(b, options), label).toBe(want);
    }
    const single: Record<string, Tensor> = {
      nonzero: float64([2]),
      zero: float64([0]).reshape(1, 1),
      NaN: float64([nan]),
      false: tensor([false]),
    };
    for (const [label, want] of fixture.queries.isNonzero) {
      expect(isNonzero(single[label]!), label).toBe(want);
      expect(single[label]!.isNonzero(), label).toBe(want);
    }
    for (const [dtype, want] of Object.entries(fixture.isSigned)) {
      const x = zeros([2], { dtype: dtype as DType });
      expect(isSigned(x), dtype).toBe(want);
      expect(x.isSigned(), dtype).toBe(want);
      expect(isFloatingPoint(x), dtype).toBe(fixture.isFloatingPoint[dtype]);
      expect(x.isFloatingPoint(), dtype).toBe(fixture.isFloatingPoint[dtype]);
      expect(isComplex(x) || x.isComplex()).toBe(false);
    }
    for (const [from, to, want] of fixture.canCast) expect(canCast(from, to), `${from} → ${to}`).toBe(want);
    const operand = (value: DType | number | boolean) => (typeof value === 'string' ? zeros([2], { dtype: value }) : value);
    for (const [left, right, want] of fixture.resultType) {
      const [a, b] = [operand(left), operand(right)];
      expect(resultType(a, b), `${left} with ${right}`).toBe(want);
      // the dtype the library's own ops give
      expect(mul(a, b).dtype, `${left} · ${right}`).toBe(want);
    }
  });
});

describe('aliases', () => {
  it('are the same functions as the names they stand for', () => {
    const pairs: [unknown, unknown][] = [
      [absolute, abs],
      [arccos, acos],
      [arccosh, acosh],
      [arcsin, asin],
      [arcsinh, asinh],
      [arctan, atan],
      [arctanh, atanh],
      [arctan2, atan2],
      [negative, neg],
      [subtract, sub],
      [multiply, mul],
      [greater, gt],
      [greaterEqual, ge],
      [less, lt],
      [lessEqual, le],
      [notEqual, ne],
      [clip, clamp],
      [sgn, sign],
    ];
    for (const [alias, original] of pairs) expect(alias).toBe(original);
  });

  it('work as Tensor methods with the values of the originals', () => {
    const x = tensor([0.25, -0.5, 0.75], { dtype: 'float64' });
    const y = tensor([1.5, 2, -0.5], { dtype: 'float64' });
    const same = (a: Tensor, b: Tensor) => expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    same(x.absolute(), x.abs());
    same(x.arccos(), x.acos());
    same(y.abs().add(1).arccosh(), y.abs().add(1).acosh());
    same(x.arcsin(), x.asin());
    same(x.arcsinh(), x.asinh());
    same(x.arctan(), x.atan());
    same(x.arctanh(), x.atanh());
    same(x.arctan2(y), x.atan2(y));
    same(x.subtract(y, 2), x.sub(y, 2));
    same(x.multiply(y), x.mul(y));
    same(x.divide(y), x.div(y));
    same(x.greater(y), x.gt(y));
    same(x.greaterEqual(0.25), x.ge(0.25));
    same(x.less(y), x.lt(y));
    same(x.lessEqual(y), x.le(y));
    same(x.notEqual(0.25), x.ne(0.25));
    same(x.clip(-0.3, 0.3), x.clamp(-0.3, 0.3));
    same(x.clampMin(0), x.clamp(0));
    same(clampMax(x, y), x.clamp(undefined, y));
    same(x.sgn(), x.sign());
    expect(x.positive()).toBe(x);
    // the predicates the fixture reaches through methods, as functions
    const special = tensor([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 1]);
    same(isposinf(special), special.isposinf());
    same(isreal(special), special.isreal());
  });
});

describe('new composite ops', () => {
  const float64 = (values: number[]) => tensor(values, { dtype: 'float64', requiresGrad: true });

  it('pass gradcheck and gradgradcheck in float64', () => {
    // away from ties, where the gradient jumps
    const a = float64([0.3, -1.7, 2.45, 0.9]);
    const b = float64([1.1, -2.6, 2.2, 0.4]);
    const positiveBase = float64([0.3, 1.7, 2.45, 5.5]);
    const exponent = tensor([3, -2, 0, 1], { dtype: 'int32' });
    const checks: [string, (...inputs: Tensor[]) => Tensor, Tensor[]][] = [
      ['fmax', fmax, [a, b]],
      ['fmin', fmin, [a, b]],
      ['floatPower', floatPower, [positiveBase, a]],
      ['ldexp', (x) => ldexp(x, exponent), [a]],
      ['ldexp float exponent', ldexp, [a, b]],
      ['frexp mantissa', (x) => frexp(x)[0], [float64([3, -0.1, 700, 1e-3])]],
      ['clampMin', (x) => clampMin(x, 0.5), [a]],
      ['clampMax', (x, bound) => clampMax(x, bound!), [a, b]],
    ];
    for (const [name, fn, inputs] of checks) {
      expect(gradcheck(fn, inputs), name).toBe(true);
      expect(gradgradcheck(fn, inputs), name).toBe(true);
    }
  });

  it('give rounded quotients a zero gradient, as torch.divide with rounding_mode', () => {
    const a = float64([7.5, -7.5]);
    const b = float64([2, 3]);
    for (const roundingMode of ['floor', 'trunc'] as const) {
      const gradients = grad(divide(a, b, { roundingMode }).sum(), [a, b]);
      for (const gradient of gradients) expect(Array.from(gradient!.dataSync())).toEqual([0, 0]);
    }
    expect(floorDivide(a, b).requiresGrad).toBe(false);
    expect(frexp(a)[1].requiresGrad).toBe(false);
  });

  it("keep frexp's mantissa gradient 2^−exponent at the largest float64, where torch's overflows to 0", () => {
    const largest = float64([Number.MAX_VALUE]);
    const [gradient] = grad(frexp(largest)[0].sum(), [largest]);
    expect(gradient!.itemSync()).toBe(2 ** -1024);
  });

  it('floor a quotient that rounds onto an integer one less, as torch (with its exact fmod)', () => {
    // torch.floor_divide(1., 0.1) is 9, as Python's 1 // 0.1: fmod(1, 0.1) = 0.09999999999999995 exactly
    expect(floorDivide(tensor([1], { dtype: 'float64' }), 0.1).itemSync()).toBe(9);
  });

  it('return frexp by position and by name', () => {
    const result = frexp(tensor([8]));
    expect(result.mantissa).toBe(result[0]);
    expect(result.exponent).toBe(result[1]);
    expect(result.exponent.dtype).toBe('int32');
  });

  it('answer shape queries', () => {
    expect(numel(zeros([2, 3, 4]))).toBe(24);
    expect(isSameSize(zeros([2, 3]), zeros([2, 3], { dtype: 'int32' }))).toBe(true);
    expect(zeros([2, 3]).isSameSize(zeros([3, 2]))).toBe(false);
  });

  it('run on a device that reads asynchronously, where the sync reads refuse', async () => {
    registerBackend({ ...cpuBackend, device: 'aliases-async', readSync: undefined });
    const x = tensor([12, -4, 0, 1836311903], { dtype: 'int32' });
    const y = tensor([18, 6, 5, 1134903170], { dtype: 'int32' });
    const [movedX, movedY] = [x.to('aliases-async'), y.to('aliases-async')];
    expect(Array.from(await gcd(movedX, movedY).data())).toEqual(Array.from(gcd(x, y).dataSync()));
    expect(Array.from(await isin(movedX, movedY).data())).toEqual([0, 0, 0, 0]);
    expect(Array.from(await frexp(tensor([8, 0.1]).to('aliases-async'))[1].data())).toEqual([4, -3]);
    expect(await equalAsync(movedX, movedX)).toBe(true);
    expect(await equalAsync(movedX, movedY)).toBe(false);
    expect(await allcloseAsync(movedX, movedX)).toBe(true);
    // a bad argument rejects like a failed read, instead of throwing before the promise
    let pending: Promise<boolean> | undefined;
    expect(() => (pending = allcloseAsync(movedX, undefined as never))).not.toThrow();
    await expect(pending).rejects.toThrow(/^allclose: /);
    expect(await isNonzeroAsync(tensor([3]).to('aliases-async'))).toBe(true);
    expect(() => equal(movedX, movedX)).toThrow("device 'aliases-async' reads asynchronously");
    expect(() => nextafter(tensor([1]).to('aliases-async'), tensor([2]).to('aliases-async'))).toThrow(
      "nextafter: steps the bits of each value, which is exact only on the CPU; device 'aliases-async' is not supported",
    );
  });

  it('release their intermediates', () => {
    const x = tensor([0.3, -1.7, 2.45], { dtype: 'float64' });
    const y = tensor([0.5, -0.25, Number.NaN], { dtype: 'float64' });
    const integers = tensor([12, -18, 7], { dtype: 'int32' });
    const others = tensor([8, 4, 0], { dtype: 'int32' });
    for (const fn of [
      () => fmax(x, y),
      () => floatPower(x, 2),
      () => floorDivide(x, y),
      () => divide(integers, 5, { roundingMode: 'trunc' }),
      () => gcd(integers, others),
      () => lcm(integers, others),
      () => frexp(x),
      () => ldexp(x, integers),
      () => nextafter(x, y),
      () => isin(integers, others),
      () => isinf(x),
      () => logicalXor(x, y),
    ])
      expect(leftBehind(fn, [x, y, integers, others])).toEqual({ handles: 0, bytes: 0 });
    expect(leftBehind(() => equal(x, y))).toEqual({ handles: 0, bytes: 0 });
    expect(leftBehind(() => allclose(x, y))).toEqual({ handles: 0, bytes: 0 });
  });

  it('names bad arguments as torch refuses them', () => {
    const integers = tensor([1, 2], { dtype: 'int32' });
    const booleans = tensor([true, false]);
    const floats = tensor([1.5, 2]);
    expect(() => positive(booleans)).toThrow('positive: not supported for bool tensors');
    expect(() => isin(booleans, booleans)).toThrow('isin: bool tensors are not supported');
    expect(() => isin(integers, integers, { assume_unique: true } as never)).toThrow(
      'isin: unknown option `assume_unique` (did you mean `assumeUnique`?)',
    );
    expect(() => isin(integers, integers, { invert: 1 } as never)).toThrow('isin: invert must be true or false, got 1');
    expect(() => isin(2, 3)).toThrow('isin: at least one operand must be a tensor');
    expect(() => fmax(floats, 2 as never)).toThrow('fmax: expects two tensors');
    expect(() => floatPower(2, 3)).toThrow('floatPower: at least one operand must be a tensor');
    expect(() => floorDivide(booleans, booleans)).toThrow('floorDivide: not implemented for bool tensors');
    expect(() => floorDivide(integers, tensor([1, 0], { dtype: 'int32' }))).toThrow('floorDivide: integer division by zero');
    expect(() => divide(floats, 2, { roundingMode: 'round' } as never)).toThrow(
      "divide: invalid roundingMode 'round'; expected one of 'trunc', 'floor'",
    );
    expect(() => divide(floats, 2, { rounding_mode: 'floor' } as never)).toThrow(
      'divide: unknown option `rounding_mode` (did you mean `roundingMode`?)',
    );
    expect(() => gcd(floats, floats)).toThrow('gcd: expects int32 tensors, got float32 and float32');
    expect(() => lcm(booleans, booleans)).toThrow('lcm: expects int32 tensors, got bool and bool');
    expect(() => gcd(integers, 2 as never)).toThrow('gcd: expects two int32 tensors');
    expect(() => frexp(integers)).toThrow('frexp: only supports floating-point dtypes, got int32');
    expect(() => ldexp(floats, 2 as never)).toThrow('ldexp: expects two tensors');
    expect(() => nextafter(integers, integers)).toThrow('nextafter: expects float32 or float64 tensors, got int32 and int32');
    expect(() => logicalXor(1, 0)).toThrow('logicalXor: at least one operand must be a tensor');
    expect(() => allclose(integers, floats)).toThrow('allclose: expects both inputs to have one dtype, got int32 and float32');
    expect(() => allclose(floats, floats, { equal_nan: true } as never)).toThrow(
      'allclose: unknown option `equal_nan` (did you mean `equalNan`?)',
    );
    expect(() => isNonzero(tensor([]))).toThrow('isNonzero: Boolean value of Tensor with no values is ambiguous');
    expect(() => isNonzero(floats)).toThrow('isNonzero: Boolean value of Tensor with more than one value is ambiguous (it has 2)');
    expect(() => canCast('int64', 'float32')).toThrow("canCast: dtype 'int64' is not supported");
    expect(() => resultType('a' as never, 1)).toThrow('resultType: expects tensors or numbers, got string');
    expect(() => clampMin(floats, undefined as never)).toThrow('clampMin: min is required');
  });
});
