import { describe, expect, it } from 'vitest';
import { svd, tensor } from '../src/index.js';
import { gradcheck } from '../src/testing/index.js';
import { expectValues, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// torch.svd, the pre-linalg API, against torch 1.13 (tools/fixtures/tensor_legacy_svd_reference.py):
// V rather than Vh, reduced by default, zero-filled U and V without computeUv. Singular vectors are
// compared through u_i v_iᵀ, which does not depend on the signs a decomposition picks.

interface Case {
  input: FixtureTensor;
  some?: boolean;
  compute_uv?: boolean;
  shapes: number[][];
  S: FixtureTensor;
  outer?: FixtureTensor;
  U_is_zero?: boolean;
  V_is_zero?: boolean;
}

const fixture = readTorchFixture<{ cases: Case[] }>('torch-legacy-svd-reference.json');
const tolerance = { float64: 1e-10, float32: 0 };

describe('svd (torch.svd)', () => {
  it('gives torch’s shapes, singular values and singular pairs', () => {
    for (const entry of fixture.cases) {
      const a = tensor(numbers(entry.input), { dtype: 'float64' }).reshape(entry.input.shape);
      const label = `svd of [${entry.input.shape}] ${JSON.stringify({ some: entry.some, computeUv: entry.compute_uv })}`;
      const result = entry.compute_uv === false ? svd(a, { computeUv: false }) : svd(a, entry.some);
      const [U, S, V] = result;
      expect([[...U.shape], [...S.shape], [...V.shape]], label).toEqual(entry.shapes);
      expect(result.V, label).toBe(V);
      expectValues(S, entry.S, 'float64', `${label}: S`, tolerance);
      if (entry.outer) {
        const k = S.shape[S.ndim - 1]!;
        const u = U.narrow(-1, 0, k).transpose(-2, -1).unsqueeze(-1);
        const v = V.narrow(-1, 0, k).transpose(-2, -1).unsqueeze(-2);
        expectValues(u.mul(v), entry.outer, 'float64', `${label}: u_i v_iᵀ`, tolerance);
      } else {
        expect(Array.from(U.dataSync()).every((value) => value === 0)).toBe(entry.U_is_zero);
        expect(Array.from(V.dataSync()).every((value) => value === 0)).toBe(entry.V_is_zero);
      }
    }
  });

  it('differentiates S as linalg.svd does (gradcheck in float64), and checks its options', () => {
    const a = tensor(numbers(fixture.cases[0]!.input), { dtype: 'float64', requiresGrad: true }).reshape([4, 3]).detach().requiresGrad_();
    expect(gradcheck((x) => svd(x).S, [a])).toBe(true);
    expect(() => svd(a, { some: 1 } as never)).toThrow(/svd: .*some/);
    expect(() => svd(a, { full: true } as never)).toThrow(/svd: unknown option `full`/);
  });
});
