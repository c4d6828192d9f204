import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '@dl/tensor';
import { F, MultiheadAttention } from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// Attention masks torch 1.13 takes and @dl refused, against tools/fixtures/nn_attention_masks_reference.py:
// a keyPaddingMask as long as staticK (not the key), and float32 masks beside a float64 query.

interface FixtureMask extends FixtureTensor {
  dtype: 'bool' | 'float32' | 'float64';
}
interface StaticKeysCase {
  name: string;
  embedDim: number;
  numHeads: number;
  addZeroAttn: boolean;
  averageAttnWeights: boolean;
  query: FixtureTensor;
  key: FixtureTensor;
  inProjWeight: FixtureTensor;
  outProjWeight: FixtureTensor;
  inProjBias: FixtureTensor | null;
  outProjBias: FixtureTensor | null;
  staticK: FixtureTensor;
  staticV: FixtureTensor;
  keyPaddingMask: FixtureMask;
  output: FixtureTensor;
  weights: FixtureTensor;
  outputWeights: FixtureTensor;
  weightsWeights: FixtureTensor;
  staticKGradient: FixtureTensor;
  staticVGradient: FixtureTensor;
}
interface MaskDtypeCase {
  name: string;
  embedDim: number;
  numHeads: number;
  state: [string, FixtureTensor][];
  input: FixtureTensor;
  attnMask: FixtureMask | null;
  keyPaddingMask: FixtureMask | null;
  output: FixtureTensor;
  weights: FixtureTensor;
  outputWeights: FixtureTensor;
  weightsWeights: FixtureTensor;
  maskGradients: Partial<Record<'attnMask' | 'keyPaddingMask', FixtureTensor>>;
}
interface ScaledDotProductCase {
  name: string;
  inputs: [FixtureTensor, FixtureTensor, FixtureTensor];
  attnMask: FixtureMask;
  output: FixtureTensor;
  outputWeights: FixtureTensor;
  maskGradient: FixtureTensor;
}
const reference = readFixture<{ staticKeys: StaticKeysCase[]; maskDtype: MaskDtypeCase[]; scaledDotProduct: ScaledDotProductCase[] }>(
  'nn_attention_masks.json',
);

function mask(value: FixtureMask | null): Tensor | null {
  if (!value) return null;
  if (value.dtype === 'bool') return tensor(value.data.map(Boolean), { shape: value.shape, dtype: 'bool' });
  return fromFixture(value, value.dtype).requiresGrad_();
}

const float64 = (value: FixtureTensor) => fromFixture(value, 'float64');

/** torch's output and attention weights, then backward from torch's weighted sum of both. */
function compareAndBackward(
  output: Tensor,
  weights: Tensor | null,
  entry: { output: FixtureTensor; weights: FixtureTensor; outputWeights: FixtureTensor; weightsWeights: FixtureTensor },
  name: string,
): void {
  expectClose(output, entry.output, `${name}: output`, 1e-10, 1e-12);
  expectClose(weights, entry.weights, `${name}: weights`, 1e-10, 1e-12);
  output
    .mul(float64(entry.outputWeights))
    .sum()
    .add(weights!.mul(float64(entry.weightsWeights)).sum())
    .backward();
}

describe('multiHeadAttentionForward with staticK and staticV of another length than the key', () => {
  it.each(reference.staticKeys.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const [staticK, staticV] = [float64(entry.staticK).requiresGrad_(), float64(entry.staticV).requiresGrad_()];
    const key = float64(entry.key);
    const [output, weights] = F.multiHeadAttentionForward(float64(entry.query), key, key, {
      embedDimToCheck: entry.embedDim,
      numHeads: entry.numHeads,
      inProjWeight: float64(entry.inProjWeight),
      inProjBias: entry.inProjBias && float64(entry.inProjBias),
      addZeroAttn: entry.addZeroAttn,
      outProjWeight: float64(entry.outProjWeight),
      outProjBias: entry.outProjBias && float64(entry.outProjBias),
      training: false,
      keyPaddingMask: mask(entry.keyPaddingMask),
      staticK,
      staticV,
      averageAttnWeights: entry.averageAttnWeights,
    });
    compareAndBackward(output, weights, entry, name);
    expectClose(staticK.grad, entry.staticKGradient, `${name}: staticK gradient`, 1e-10, 1e-12);
    expectClose(staticV.grad, entry.staticVGradient, `${name}: staticV gradient`, 1e-10, 1e-12);
  });

  it('still checks keyPaddingMask against the static length, and attnMask against the key', () => {
    const entry = reference.staticKeys[0]!; // L 2, N 1, E 2, one head, S 3, S′ 4
    const key = float64(entry.key);
    const options = {
      embedDimToCheck: 2,
      numHeads: 1,
      inProjWeight: float64(entry.inProjWeight),
      outProjWeight: float64(entry.outProjWeight),
      staticK: float64(entry.staticK),
      staticV: float64(entry.staticV),
    };
    expect(() =>
      F.multiHeadAttentionForward(float64(entry.query), key, key, {
        ...options,
        keyPaddingMask: tensor([[false, false, true]], { dtype: 'bool' }),
      }),
    ).toThrow('multiHeadAttentionForward: keyPaddingMask must be [1, 4], got [1, 3]');
    expect(() =>
      F.multiHeadAttentionForward(float64(entry.query), key, key, { ...options, attnMask: tensor([[0, 0, 0, 0]]).expand(2, 4) }),
    ).toThrow('multiHeadAttentionForward: a 2-D attnMask must be [2, 3], got [2, 4]');
  });
});

describe('float32 masks beside a float64 query', () => {
  it.each(reference.maskDtype.map((entry) => [entry.name, entry] as const))('MultiheadAttention: %s', (name, entry) => {
    const layer = new MultiheadAttention(entry.embedDim, entry.numHeads, { dtype: 'float64' });
    layer.loadStateDict(Object.fromEntries(entry.state.map(([key, value]) => [key, float64(value)])));
    const x = float64(entry.input);
    const masks = { attnMask: mask(entry.attnMask), keyPaddingMask: mask(entry.keyPaddingMask) };
    const [output, weights] = layer.call(x, x, x, masks);
    expect(output.dtype).toBe('float64');
    compareAndBackward(output, weights, entry, name);
    for (const [key, gradient] of Object.entries(entry.maskGradients)) {
      const given = masks[key as keyof typeof masks]!;
      expect(given.grad?.dtype, `${name}: ${key} gradient dtype`).toBe('float32');
      expectClose(given.grad, gradient, `${name}: ${key} gradient`, 1e-5, 1e-6);
    }
  });

  it.each(reference.scaledDotProduct.map((entry) => [entry.name, entry] as const))('scaledDotProductAttention: %s', (name, entry) => {
    const [query, key, value] = entry.inputs.map(float64) as [Tensor, Tensor, Tensor];
    const attnMask = mask(entry.attnMask)!;
    const output = F.scaledDotProductAttention(query, key, value, { attnMask });
    expect(output.dtype).toBe('float64');
    expectClose(output, entry.output, `${name}: output`, 1e-10, 1e-12);
    output.mul(float64(entry.outputWeights)).sum().backward();
    expect(attnMask.grad?.dtype).toBe('float32');
    expectClose(attnMask.grad, entry.maskGradient, `${name}: mask gradient`, 1e-5, 1e-6);
  });

  it('still refuses an integer mask, naming the operation', () => {
    const [query, key, value] = reference.scaledDotProduct[0]!.inputs.map(float64) as [Tensor, Tensor, Tensor];
    expect(() => F.scaledDotProductAttention(query, key, value, { attnMask: tensor([[0, 1, 0, 0, 0]], { dtype: 'int32' }) })).toThrow(
      'scaledDotProductAttention: only bool and floating attnMasks are supported, got int32',
    );
  });
});
