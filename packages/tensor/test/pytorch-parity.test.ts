/**
 * Parity with PyTorch: every case of __fixtures__/torch-reference.json (written by
 * tools/fixtures/tensor_reference.py with torch 1.13) is replayed through @dl/tensor. Forward outputs
 * must match in dtype, shape and values; for floating outputs the gradient of sum(output · w), for
 * the recorded weights w, must match at every floating leaf input. Integer and bool outputs must match
 * exactly (torch's int64 results are recorded as int32, @dl's integer type).
 *
 * Regenerate after adding a case: `/usr/bin/python3 tools/fixtures/tensor_reference.py`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as dl from '@dl/tensor';
import type { DType, Tensor } from '@dl/tensor';

// ---- the fixture format -------------------------------------------------------------------------

/** Numbers, or 'NaN' / 'Infinity' / '-Infinity' (JSON has no such numbers). */
type EncodedValues = (number | string)[];
type View =
  | ['transpose', number, number]
  | ['permute', number[]]
  | ['flip', number[]]
  | ['slice', number, number | null, number | null, number];

interface EncodedTensor {
  dtype: DType;
  shape: number[];
  data: EncodedValues;
}

interface EncodedInput extends EncodedTensor {
  requiresGrad: boolean;
  /** Applied to the leaf after it is created; the gradient is the leaf's. */
  views?: View[];
}

/**
 * Parameters as the generator wrote them, under @dl's names; each runner reads the ones its op takes.
 * (Loosely typed on purpose: the JSON is the contract, and a wrong name fails the case.)
 */
type Params = Record<string, any>;

interface ReferenceCase {
  name: string;
  op: string;
  params: Params;
  inputs: EncodedInput[];
  outputs: EncodedTensor[];
  /** One per output: the seed w of the backward pass, or null for outputs without a gradient. */
  weights: (EncodedValues | null)[];
  /** One per input: the gradient of Σ sum(output · w) at the leaf, or null. */
  grads: (EncodedValues | null)[];
}

const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/torch-reference.json', import.meta.url), 'utf8')) as {
  torch: string;
  cases: ReferenceCase[];
};

const decode = (values: EncodedValues): number[] => values.map(Number);

// ---- known differences --------------------------------------------------------------------------

/**
 * Cases where @dl/tensor knowingly differs from PyTorch, with the reason. Each is asserted to STILL
 * differ, so fixing the behaviour makes the test fail until the entry is removed here.
 */
const knownDifferences: Record<string, string> = {};

// ---- the op table: fixture op name -> @dl call -----------------------------------------------------

type Result = Tensor | Tensor[] | { values: Tensor; indices: Tensor };
type Runner = (inputs: Tensor[], params: Params) => Result;

const unary =
  (apply: (x: Tensor) => Tensor): Runner =>
  ([x]) =>
    apply(x!);
/** A binary op whose right operand is the second input or the `other` parameter (a number or boolean). */
const binary =
  (apply: (a: Tensor, b: Tensor | number | boolean, alpha?: number) => Tensor): Runner =>
  ([a, b], params) =>
    apply(a!, b ?? params.other, params.alpha);

/** JSON has no Infinity: the generator writes it as a string. */
const numberParameter = (value: number | string) => Number(value);

const runners: Record<string, Runner> = {
  // elementwise unary and activations
  neg: unary((x) => x.neg()),
  abs: unary((x) => x.abs()),
  sign: unary((x) => x.sign()),
  exp: unary((x) => x.exp()),
  log: unary((x) => x.log()),
  log1p: unary((x) => x.log1p()),
  expm1: unary((x) => x.expm1()),
  sqrt: unary((x) => x.sqrt()),
  rsqrt: unary((x) => x.rsqrt()),
  square: unary((x) => x.square()),
  reciprocal: unary((x) => x.reciprocal()),
  sin: unary((x) => x.sin()),
  cos: unary((x) => x.cos()),
  tanh: unary((x) => x.tanh()),
  erf: unary((x) => x.erf()),
  floor: unary((x) => x.floor()),
  ceil: unary((x) => x.ceil()),
  round: unary((x) => x.round()),
  sigmoid: unary((x) => x.sigmoid()),
  relu: unary((x) => x.relu()),
  silu: unary((x) => x.silu()),
  isnan: unary((x) => x.isnan()),
  isfinite: unary((x) => x.isfinite()),
  logicalNot: unary((x) => x.logicalNot()),
  leakyRelu: ([x], params) => x!.leakyRelu(params.negativeSlope),
  elu: ([x], params) => x!.elu(params.alpha),
  gelu: ([x], params) => x!.gelu(params.approximate),
  softplus: ([x], params) => x!.softplus(params.beta, params.threshold),

  // elementwise binary and comparisons
  add: binary((a, b, alpha) => a.add(b, alpha)),
  sub: binary((a, b, alpha) => a.sub(b, alpha)),
  mul: binary((a, b) => a.mul(b)),
  div: binary((a, b) => a.div(b)),
  pow: binary((a, b) => a.pow(b)),
  maximum: binary((a, b) => a.maximum(b)),
  minimum: binary((a, b) => a.minimum(b)),
  remainder: binary((a, b) => a.remainder(b)),
  eq: binary((a, b) => a.eq(b)),
  ne: binary((a, b) => a.ne(b)),
  lt: binary((a, b) => a.lt(b)),
  le: binary((a, b) => a.le(b)),
  gt: binary((a, b) => a.gt(b)),
  ge: binary((a, b) => a.ge(b)),
  logicalAnd: binary((a, b) => a.logicalAnd(b)),
  logicalOr: binary((a, b) => a.logicalOr(b)),
  scalarFirst: ([x], params) => {
    const functions = { sub: dl.sub, div: dl.div, pow: dl.pow } as const;
    return functions[params.function as keyof typeof functions](params.scalar, x!);
  },
  where: ([condition, a, b], params) => dl.where(condition!, a!, b ?? params.other),
  clamp: ([x, min, max], params) => (min ? x!.clamp(min, max) : x!.clamp(params.min, params.max)),

  // reductions
  sum: ([x], params) => x!.sum(params.dim, params.keepdim),
  mean: ([x], params) => x!.mean(params.dim, params.keepdim),
  prod: ([x], params) => x!.prod(params.dim, params.keepdim),
  amax: ([x], params) => x!.amax(params.dim, params.keepdim),
  amin: ([x], params) => x!.amin(params.dim, params.keepdim),
  maxAll: unary((x) => x.max()),
  minAll: unary((x) => x.min()),
  max: ([x], params) => x!.max(params.dim, params.keepdim),
  min: ([x], params) => x!.min(params.dim, params.keepdim),
  argmax: ([x], params) => x!.argmax(params.dim, params.keepdim),
  argmin: ([x], params) => x!.argmin(params.dim, params.keepdim),
  var: ([x], params) => x!.var(params.dim, { correction: params.correction, keepdim: params.keepdim }),
  std: ([x], params) => x!.std(params.dim, { correction: params.correction, keepdim: params.keepdim }),
  norm: ([x], params) => x!.norm(numberParameter(params.p), params.dim, params.keepdim),
  logsumexp: ([x], params) => x!.logsumexp(params.dim, params.keepdim),
  softmax: ([x], params) => x!.softmax(params.dim),
  logSoftmax: ([x], params) => x!.logSoftmax(params.dim),
  cumsum: ([x], params) => x!.cumsum(params.dim),

  // views
  reshape: ([x], params) => x!.reshape(params.shape),
  permute: ([x], params) => x!.permute(params.order),
  transpose: ([x], params) => x!.transpose(params.dim0, params.dim1),
  expand: ([x], params) => x!.expand(params.shape),
  slice: ([x], params) => x!.slice(params.dim, params.start, params.end, params.step),
  narrow: ([x], params) => x!.narrow(params.dim, params.start, params.length),
  select: ([x], params) => x!.select(params.dim, params.index),
  flip: ([x], params) => x!.flip(params.dims),
  squeeze: ([x], params) => x!.squeeze(params.dim),
  unsqueeze: ([x], params) => x!.unsqueeze(params.dim),
  flatten: ([x], params) => x!.flatten(params.startDim, params.endDim),
  contiguous: unary((x) => x.contiguous()),

  // joining and splitting
  cat: (inputs, params) => dl.cat(inputs, params.dim),
  stack: (inputs, params) => dl.stack(inputs, params.dim),
  split: ([x], params) => x!.split(params.sizes, params.dim),
  chunk: ([x], params) => x!.chunk(params.chunks, params.dim),
  pad: ([x], params) => dl.pad(x!, params.padding, params.value),
  repeat: ([x], params) => x!.repeat(params.repeats),

  // indexing
  gather: ([x, index], params) => x!.gather(params.dim, index!),
  scatter: ([x, index, source], params) => x!.scatter(params.dim, index!, source ?? params.value),
  scatterAdd: ([x, index, source], params) => x!.scatterAdd(params.dim, index!, source!),
  indexSelect: ([x, index], params) => x!.indexSelect(params.dim, index!),
  maskedFill: ([x, mask], params) => x!.maskedFill(mask!, params.value),
  oneHot: ([indices], params) => dl.oneHot(indices!, params.numClasses),

  // linear algebra
  matmul: ([a, b]) => a!.matmul(b!),
  bmm: ([a, b]) => a!.bmm(b!),
  mm: ([a, b]) => a!.mm(b!),
  dot: ([a, b]) => a!.dot(b!),
  outer: ([a, b]) => a!.outer(b!),

  // convolution, pooling and windows (the option names are @dl's; the generator translates them for torch)
  conv1d: ([x, weight, bias], params) => dl.conv1d(x!, weight!, bias, params),
  conv2d: ([x, weight, bias], params) => dl.conv2d(x!, weight!, bias, params),
  convTranspose2d: ([x, weight, bias], params) => dl.convTranspose2d(x!, weight!, bias, params),
  // the kernel size is positional; the options object must hold only options (they are checked)
  maxPool2d: ([x], { kernelSize, ...options }) => dl.maxPool2d(x!, kernelSize, options),
  avgPool2d: ([x], { kernelSize, ...options }) => dl.avgPool2d(x!, kernelSize, options),
  adaptiveAvgPool2d: ([x], params) => dl.adaptiveAvgPool2d(x!, params.outputSize),
  unfold: ([x], { kernelSize, ...options }) => dl.unfold(x!, kernelSize, options),
  fold: ([x], { outputSize, kernelSize, ...options }) => dl.fold(x!, outputSize, kernelSize, options),
};

// ---- building inputs and running a case ------------------------------------------------------------

function applyViews(x: Tensor, views: View[] = []): Tensor {
  let result = x;
  for (const view of views) {
    if (view[0] === 'transpose') result = result.transpose(view[1], view[2]);
    else if (view[0] === 'permute') result = result.permute(view[1]);
    else if (view[0] === 'flip') result = result.flip(view[1]);
    else result = result.slice(view[1], view[2] ?? undefined, view[3] ?? undefined, view[4]);
  }
  return result;
}

function asList(result: Result): Tensor[] {
  if (Array.isArray(result)) return result;
  if (dl.isTensor(result)) return [result];
  return [result.values, result.indices];
}

/** Runs the case forward and backward; returns the outputs and the leaves (whose .grad is filled). */
function runCase(reference: ReferenceCase): { outputs: Tensor[]; leaves: Tensor[] } {
  const runner = runners[reference.op];
  if (!runner) throw new Error(`no runner for op '${reference.op}'`);
  const leaves = reference.inputs.map((input) =>
    dl.tensor(decode(input.data), { dtype: input.dtype, shape: input.shape, requiresGrad: input.requiresGrad }),
  );
  const inputs = leaves.map((leaf, index) => applyViews(leaf, reference.inputs[index]!.views));
  const outputs = asList(runner(inputs, reference.params));
  // backward of Σ sum(output · w): one output is seeded with w directly, several are summed first
  const seeded = outputs.flatMap((output, index) => {
    const weight = reference.weights[index];
    return weight ? [{ output, weight: dl.tensor(decode(weight), { shape: output.shape }) }] : [];
  });
  if (seeded.length === 1) seeded[0]!.output.backward(seeded[0]!.weight);
  else if (seeded.length > 1)
    seeded
      .map(({ output, weight }) => output.mul(weight).sum())
      .reduce((a, b) => a.add(b))
      .backward();
  return { outputs, leaves };
}

// ---- comparison --------------------------------------------------------------------------------------

/**
 * Tolerance of a float comparison: |actual − expected| ≤ atol + rtol·|expected|, elementwise.
 * - rtol = 1e-5: about 80 float32 ulps (ε = 1.2e-7), room for a different but equally valid order of
 *   operations and for composites (@dl's sigmoid, softmax, gelu are chains of primitives, each rounded
 *   to float32, where torch runs one fused kernel).
 * - atol = 1e-6 · max|expected| over the tensor: an element that is a sum of terms of either sign can
 *   be tiny while its rounding error is set by the size of the terms; the largest value in the same
 *   tensor stands in for that size, so the bound is scale-free (a test on values ~1e-3 is as strict as
 *   one on values ~1e3) and an all-zero tensor must be exactly zero. It also admits results where @dl
 *   is the more exact side: σ'(30) = 9.4e-14, where torch's σ(1 − σ) rounds to 0.
 * No looser bound for long reductions: measured on this fixture, the largest difference is under 4% of
 * the bound, the 600-term sum, the 96-term matmul and the 144-term conv2d included (their rounding
 * error, ~√n·ε of the terms' size, stays far below 1e-6 of the largest output).
 */
const RELATIVE_TOLERANCE = 1e-5;
const ABSOLUTE_TOLERANCE_PER_MAGNITUDE = 1e-6;

function absoluteTolerance(expected: number[]): number {
  let magnitude = 0;
  for (const value of expected) if (Number.isFinite(value)) magnitude = Math.max(magnitude, Math.abs(value));
  return ABSOLUTE_TOLERANCE_PER_MAGNITUDE * magnitude;
}

/** The first element outside the tolerance, as a one-message list; empty when all match. */
function compareValues(label: string, actual: ArrayLike<number>, expected: number[], exact: boolean): string[] {
  if (actual.length !== expected.length) return [`${label}: ${actual.length} values, expected ${expected.length}`];
  const atol = exact ? 0 : absoluteTolerance(expected);
  const rtol = exact ? 0 : RELATIVE_TOLERANCE;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Object.is(a, e) || a === e || (Number.isNaN(a) && Number.isNaN(e))) continue;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e)))
      return [`${label}: element ${i} is ${a}, expected ${e} (|difference| ${Math.abs(a - e)}, allowed ${atol + rtol * Math.abs(e)})`];
  }
  return [];
}

function compareTensor(label: string, actual: Tensor, expected: EncodedTensor): string[] {
  if (actual.dtype !== expected.dtype) return [`${label}: dtype ${actual.dtype}, expected ${expected.dtype}`];
  if (actual.shape.join() !== expected.shape.join()) return [`${label}: shape [${actual.shape}], expected [${expected.shape}]`];
  return compareValues(label, actual.dataSync(), decode(expected.data), expected.dtype !== 'float32');
}

/** Every difference between @dl and the reference for one case (a thrown error is one too). */
function differences(reference: ReferenceCase): string[] {
  let run: ReturnType<typeof runCase>;
  try {
    run = runCase(reference);
  } catch (error) {
    return [`threw: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  if (run.outputs.length !== reference.outputs.length) return [`${run.outputs.length} outputs, expected ${reference.outputs.length}`];
  reference.outputs.forEach((expected, index) => problems.push(...compareTensor(`output ${index}`, run.outputs[index]!, expected)));
  reference.grads.forEach((expected, index) => {
    const leaf = run.leaves[index]!;
    const label = `grad of input ${index}`;
    if (expected === null) {
      if (leaf.grad !== null) problems.push(`${label}: expected none, got one`);
    } else if (leaf.grad === null) problems.push(`${label}: missing`);
    else problems.push(...compareTensor(label, leaf.grad, { dtype: 'float32', shape: [...leaf.shape], data: expected }));
  });
  return problems;
}

// ---- the tests ------------------------------------------------------------------------------------------

describe(`PyTorch ${fixture.torch} parity`, () => {
  it('the fixture has cases, with distinct names, and every known difference names one of them', () => {
    expect(fixture.cases.length).toBeGreaterThan(100);
    const names = new Set(fixture.cases.map((reference) => reference.name));
    expect(names.size).toBe(fixture.cases.length);
    for (const name of Object.keys(knownDifferences)) expect(names.has(name), name).toBe(true);
  });

  for (const reference of fixture.cases) {
    const knownReason = knownDifferences[reference.name];
    if (knownReason === undefined) {
      it(reference.name, () => {
        expect(differences(reference)).toEqual([]);
      });
    } else {
      it(`${reference.name} (known difference: ${knownReason})`, () => {
        expect(differences(reference).length, 'this case now matches PyTorch: remove it from knownDifferences').toBeGreaterThan(0);
      });
    }
  }
});
