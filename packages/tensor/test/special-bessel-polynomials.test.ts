import { describe, expect, it } from 'vitest';
import { noGrad, special, type Tensor, type TensorOrScalar, tensor } from '../src/index.js';
import { type DType, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// torch.special's Bessel, Airy and orthogonal-polynomial functions against torch 1.13 and exact values
// (tools/fixtures/tensor_special_bessel_polynomials_reference.py): mpmath at 30 digits for the Bessel
// and Airy functions, rational arithmetic for the polynomials.
//
// Tolerances. A value is compared on its scale: |exact| for I, K and Ai (x ≥ 0), and for the
// oscillating functions max(|exact|, envelope), the envelope being min(1, √(2/(π|x|))) for J and Y,
// min(1, 1/|x|) for sin x/x and |x|^(−1/4)/√π for Ai (x < 0): near a zero only absolute accuracy is
// possible. Values under the normal range compare absolutely (2⁻¹⁰²⁰, 2⁻¹²⁵): torch's Ai is 0 from
// x = 103.892 and e^(−x) underflows. Against the exact value ours is within 5e-15 of the scale in
// float64 (plus, for Ai, what its method loses: see methodError) and within one float32
// rounding (2⁻²³) in float32; I₀ and I₁ in float32 are torch.i0's float32 series (1.5e-6). Against
// torch, ours may differ by torch's own error on top: torch 1.13 drops the leading 1 of Cephes'
// monic denominators (J₀, J₁, Y₀, Y₁ off by up to ~2e-6 of the envelope for 1 < x < 15, Ai by
// ~2e-5 for −5 < x < −2.09) and rounds x − π/4 (wrong phase for large x). Where torch or the exact
// value is not finite, or the exact value is undefined (x ≤ 0 for Y and K, x = ±∞, NaN), ours is
// torch's exactly (NaN, ±∞, ±0).

interface UnaryEntry {
  torchName: string;
  float64: { torch: (number | string)[]; mpmath: (number | string | null)[] };
  float32: { torch: (number | string)[]; mpmath: (number | string | null)[] };
}
interface PolynomialEntry {
  torchName: string;
  float64: { torch: (number | string)[]; degrees: (number | string)[]; exact: (number | string | null)[] };
  float32: { torch: (number | string)[]; degrees: (number | string)[] };
}
type Operand = (FixtureTensor & { dtype: DType }) | { number: number };
interface Fixture {
  torch: string;
  unaryGrid: { float64: (number | string)[]; float32: (number | string)[] };
  unary: Record<string, UnaryEntry>;
  polynomialGrid: { x: (number | string)[]; n: number[]; degreesX: number[]; degreesN: (number | string)[] };
  polynomials: Record<string, PolynomialEntry>;
  broadcast: { function: string; label: string; x: Operand; n: Operand; output: FixtureTensor & { dtype: DType } }[];
  promotion: { function: string; input: FixtureTensor & { dtype: DType }; output: FixtureTensor & { dtype: DType } }[];
  noGradient: { besselJ0RequiresGrad: boolean; chebyshevTRequiresGrad: boolean };
}
const fixture = readTorchFixture<Fixture>('torch-special-bessel-polynomials-reference.json');

type Unary = (x: Tensor) => Tensor;
type Polynomial = (x: TensorOrScalar, n: TensorOrScalar) => Tensor;
const unary = special as unknown as Record<string, Unary>;
const polynomials = special as unknown as Record<string, Polynomial>;

const UNARY_NAMES = [
  'besselJ0',
  'besselJ1',
  'besselY0',
  'besselY1',
  'modifiedBesselI0',
  'modifiedBesselI1',
  'modifiedBesselK0',
  'modifiedBesselK1',
  'scaledModifiedBesselK0',
  'scaledModifiedBesselK1',
  'sphericalBesselJ0',
  'airyAi',
];
const POLYNOMIAL_NAMES = [
  'chebyshevPolynomialT',
  'chebyshevPolynomialU',
  'chebyshevPolynomialV',
  'chebyshevPolynomialW',
  'shiftedChebyshevPolynomialT',
  'shiftedChebyshevPolynomialU',
  'shiftedChebyshevPolynomialV',
  'shiftedChebyshevPolynomialW',
  'hermitePolynomialH',
  'hermitePolynomialHe',
  'laguerrePolynomialL',
  'legendrePolynomialP',
];

/** A fixture's values as numbers (null kept), float32 ones rounded back to float32. */
function decode(values: readonly (number | string | null)[], dtype: 'float64' | 'float32'): (number | null)[] {
  return values.map((value) => (value === null ? null : dtype === 'float32' ? Math.fround(Number(value)) : Number(value)));
}

/** NaN, ±∞ and signed zeros exactly: ours is torch's. */
function expectIdentical(value: number, want: number, label: string): void {
  if (Number.isNaN(want)) expect(value, label).toBeNaN();
  else expect(value, label).toBe(want);
}

/** The scale a value of `name` at x is compared on (see the header). */
function scaleOf(name: string, x: number, exact: number): number {
  const magnitude = Math.abs(x);
  let envelope = 0;
  if (name.startsWith('bessel')) envelope = Math.min(1, Math.sqrt(2 / (Math.PI * magnitude)));
  else if (name === 'sphericalBesselJ0') envelope = Math.min(1, 1 / magnitude);
  else if (name === 'airyAi' && x < 0) envelope = Math.min(1, magnitude ** -0.25 / Math.sqrt(Math.PI));
  return Math.max(Math.abs(exact), envelope);
}

/**
 * What the method itself loses, relative to the scale: beyond |x| = 2.09 Ai's ζ = (2/3)|x|^1.5
 * carries a rounding of about 4ζ ulp, into its phase (x < 0) or its factor e^(−ζ) (x > 0), and its
 * Maclaurin series Ai(0)·f − |Ai′(0)|·g cancels to ~2e-14 near |x| = 2.09 (torch's, the same, alike).
 */
function methodError(name: string, x: number): number {
  if (name !== 'airyAi') return 0;
  return Math.abs(x) < 2.09 ? 4e-14 : Math.min(1, (2 / 3) * Math.abs(x) ** 1.5 * 4 * Number.EPSILON);
}

const TOLERANCE = { float64: 5e-15, float32: 2 ** -23 };
// torch.i0's and torch.special.i1's series in float32 tensor ops (torch's own are off by as much)
const FLOAT32_I_TOLERANCE = 1.5e-6;
const UNDER_NORMAL = { float64: 2 ** -1020, float32: 2 ** -125 };

describe('Bessel and Airy functions against torch 1.13 and mpmath', () => {
  for (const name of UNARY_NAMES) {
    for (const dtype of ['float64', 'float32'] as const) {
      it(`${name} (${fixture.unary[name]!.torchName}) in ${dtype}`, () => {
        const entry = fixture.unary[name]!;
        const grid = fixture.unaryGrid[dtype].map(Number);
        const output = unary[name]!(tensor(grid, { dtype }));
        expect(output.dtype).toBe(dtype);
        expect([...output.shape]).toEqual([grid.length]);
        const ours = Array.from(output.dataSync());
        const torch = decode(entry[dtype].torch, dtype) as number[];
        const exact = decode(entry[dtype].mpmath, 'float64');
        const tolerance = dtype === 'float32' && name.startsWith('modifiedBesselI') ? FLOAT32_I_TOLERANCE : TOLERANCE[dtype];
        grid.forEach((x, index) => {
          const value = ours[index]!;
          const want = torch[index]!;
          const truth = exact[index];
          const label = `${name}(${x}) in ${dtype}: ours ${value}, torch ${want}, mpmath ${truth}`;
          if (truth === null || truth === undefined || !Number.isFinite(want) || !Number.isFinite(truth)) {
            expectIdentical(value, want, label);
            return;
          }
          const scale = scaleOf(name, x, truth);
          const allowed = (tolerance + methodError(name, x)) * scale + UNDER_NORMAL[dtype];
          expect(Math.abs(value - truth), `${label} (against mpmath)`).toBeLessThanOrEqual(allowed);
          expect(Math.abs(value - want), `${label} (against torch, within torch's own error)`).toBeLessThanOrEqual(
            allowed + Math.abs(want - truth),
          );
        });
      });
    }
  }

  it("where torch 1.13 loses accuracy, ours keeps to mpmath (torch's errors documented)", () => {
    const grid = fixture.unaryGrid.float64.map(Number);
    const worst = (name: string, from: number, to: number): { torch: number; ours: number } => {
      const ours = Array.from(unary[name]!(tensor(grid, { dtype: 'float64' })).dataSync());
      const torch = decode(fixture.unary[name]!.float64.torch, 'float64') as number[];
      const exact = decode(fixture.unary[name]!.float64.mpmath, 'float64');
      const result = { torch: 0, ours: 0 };
      grid.forEach((x, index) => {
        const truth = exact[index];
        if (!(x > from && x < to) || truth === null || truth === undefined) return;
        const scale = scaleOf(name, x, truth);
        result.torch = Math.max(result.torch, Math.abs(torch[index]! - truth) / scale);
        result.ours = Math.max(result.ours, Math.abs(ours[index]! - truth) / scale);
      });
      return result;
    };
    for (const name of ['besselJ0', 'besselJ1', 'besselY0', 'besselY1']) {
      const { torch, ours } = worst(name, 1, 15);
      expect(torch, `${name}: torch's error on 1 < x < 15`).toBeGreaterThan(1e-7);
      expect(ours, `${name}: ours on 1 < x < 15`).toBeLessThan(5e-15);
    }
    const airy = worst('airyAi', -5, -2.09);
    expect(airy.torch).toBeGreaterThan(1e-6);
    expect(airy.ours).toBeLessThan(5e-15);
    // the phase x − π/4: torch's J₀(1e15) is off by 14%, ours is within 1e-15 of J₀'s envelope
    const large = worst('besselJ0', 1e14, 1e16);
    expect(large.torch).toBeGreaterThan(0.01);
    expect(large.ours).toBeLessThan(1e-15);
  });

  it('integer and bool inputs give float32, as torch', () => {
    for (const { function: name, input, output } of fixture.promotion) {
      const x = tensor(numbers(input), { dtype: input.dtype });
      const result = unary[name]!(x);
      expect(result.dtype, `${name} of ${input.dtype}`).toBe(output.dtype);
      const want = numbers(output);
      Array.from(result.dataSync()).forEach((value, index) => {
        const label = `${name} of ${input.dtype}[${index}]: ${value} against ${want[index]}`;
        if (!Number.isFinite(want[index]!)) expectIdentical(value, want[index]!, label);
        else expect(Math.abs(value - want[index]!), label).toBeLessThanOrEqual(2e-6 * (1 + Math.abs(want[index]!)));
      });
    }
  });
});

describe('orthogonal polynomials against torch 1.13 and exact values', () => {
  const xs = fixture.polynomialGrid.x.map(Number);
  const pairs = xs.flatMap((x) => fixture.polynomialGrid.n.map((n) => [x, n] as const));
  const degreePairs = fixture.polynomialGrid.degreesX.flatMap((x) => fixture.polynomialGrid.degreesN.map((n) => [x, Number(n)] as const));
  // float64: ours and torch run the same recurrence (torch's rounding differs by its fused
  // multiply-adds): within 1e-13 of max(1, |value|) of torch and of the exact value; float32: 5e-5
  const polynomialTolerance = { float64: 1e-13, float32: 5e-5 };

  for (const name of POLYNOMIAL_NAMES) {
    for (const dtype of ['float64', 'float32'] as const) {
      it(`${name} (${fixture.polynomials[name]!.torchName}) in ${dtype}, n = −1 … 40`, () => {
        const entry = fixture.polynomials[name]!;
        const output = polynomials[name]!(
          tensor(
            pairs.map(([x]) => x),
            { dtype },
          ),
          tensor(
            pairs.map(([, n]) => n),
            { dtype },
          ),
        );
        expect(output.dtype).toBe(dtype);
        const ours = Array.from(output.dataSync());
        const torch = decode(entry[dtype].torch, dtype) as number[];
        const exact = dtype === 'float64' ? decode(entry.float64.exact, 'float64') : undefined;
        const tolerance = polynomialTolerance[dtype];
        pairs.forEach(([x, n], index) => {
          const value = ours[index]!;
          const want = torch[index]!;
          const label = `${name}(${x}, ${n}) in ${dtype}: ours ${value}, torch ${want}`;
          // NaN and ∞ where torch's recurrence overflows (∞, then ∞ − ∞), in float32 at its own range
          if (!Number.isFinite(want)) return expectIdentical(value, want, label);
          expect(Math.abs(value - want), label).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(want)));
          const truth = exact?.[index];
          if (truth !== null && truth !== undefined)
            expect(Math.abs(value - truth), `${label}, exact ${truth}`).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(truth)));
        });
      });
    }

    it(`${name}: torch's degrees — large, fractional (truncated), negative, NaN, ±∞, 1e300 (0)`, () => {
      const entry = fixture.polynomials[name]!;
      for (const dtype of ['float64', 'float32'] as const) {
        const ours = Array.from(
          polynomials[name]!(
            tensor(
              degreePairs.map(([x]) => x),
              { dtype },
            ),
            tensor(
              degreePairs.map(([, n]) => n),
              { dtype },
            ),
          ).dataSync(),
        );
        const torch = decode(entry[dtype].degrees, dtype) as number[];
        degreePairs.forEach(([x, n], index) => {
          const label = `${name}(${x}, ${n}) in ${dtype}: ours ${ours[index]}, torch ${torch[index]}`;
          if (!Number.isFinite(torch[index]!) || !(n >= 0 && n < 2 ** 63)) expectIdentical(ours[index]!, torch[index]!, label);
          else
            expect(Math.abs(ours[index]! - torch[index]!), label).toBeLessThanOrEqual(
              (dtype === 'float64' ? 1e-12 : 1e-4) * Math.max(1, Math.abs(torch[index]!)),
            );
        });
      }
    });
  }

  it('broadcasts x against n, takes numbers for either, and promotes dtypes as torch', () => {
    const operand = (value: Operand): TensorOrScalar =>
      'number' in value ? value.number : tensor(numbers(value), { dtype: value.dtype, shape: value.shape });
    for (const { function: name, label, x, n, output } of fixture.broadcast) {
      const result = polynomials[name]!(operand(x), operand(n));
      const where = `${name}, ${label}`;
      expect(result.dtype, where).toBe(output.dtype);
      expect([...result.shape], where).toEqual(output.shape);
      const want = numbers(output);
      const tolerance = output.dtype === 'float64' ? 1e-13 : 5e-5;
      Array.from(result.dataSync()).forEach((value, index) =>
        expect(Math.abs(value - want[index]!), `${where}[${index}]: ${value} against ${want[index]}`).toBeLessThanOrEqual(
          tolerance * Math.max(1, Math.abs(want[index]!)),
        ),
      );
    }
  });

  it('refuses two numbers (one operand must be a tensor, as torch)', () => {
    expect(() => special.hermitePolynomialH(1, 2)).toThrow(/at least one operand must be a tensor/);
  });
});

describe('no derivatives (torch 1.13 has no formula for them)', () => {
  it("torch's outputs do not require grad; ours keep a node whose backward throws, naming the function", () => {
    // torch 1.13 returns outputs that do not require grad, so a backward through them treats the function as a
    // constant without a word; ours refuses instead of giving that silent gradient
    expect(fixture.noGradient).toEqual({ besselJ0RequiresGrad: false, chebyshevTRequiresGrad: false });
    for (const name of UNARY_NAMES) {
      const x = tensor([0.5, 1.5], { requiresGrad: true });
      const y = unary[name]!(x);
      expect(y.requiresGrad, name).toBe(true);
      expect(Array.from(y.dataSync()), name).toEqual(Array.from(unary[name]!(tensor([0.5, 1.5])).dataSync()));
      const torchName = fixture.unary[name]!.torchName;
      expect(() => y.sum().backward(), name).toThrow(new RegExp(`${name}: the derivative for '${torchName}' is not implemented`));
      // also when the graph mixes it with differentiable ops
      expect(() => y.add(x).sum().backward(), name).toThrow(/is not implemented/);
    }
    for (const name of POLYNOMIAL_NAMES) {
      const x = tensor([0.25, 0.5], { dtype: 'float64', requiresGrad: true });
      const torchName = fixture.polynomials[name]!.torchName;
      expect(() => polynomials[name]!(x, 3).sum().backward(), name).toThrow(
        new RegExp(`${name}: the derivative for '${torchName}' is not implemented`),
      );
      const n = tensor([2, 3], { dtype: 'float64', requiresGrad: true });
      expect(() => polynomials[name]!(0.5, n).sum().backward(), `${name} in n`).toThrow(/is not implemented/);
    }
  });

  it('without a graph the values are plain tensors', () => {
    const x = tensor([0.5, 1.5], { requiresGrad: true });
    expect(noGrad(() => special.besselJ0(x)).requiresGrad).toBe(false);
    expect(special.besselJ0(tensor([0.5, 1.5])).requiresGrad).toBe(false);
    expect(special.legendrePolynomialP(tensor([0.5]), 2).requiresGrad).toBe(false);
  });
});
