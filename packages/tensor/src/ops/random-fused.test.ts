import { describe, expect, it } from 'vitest';
import { empty, getRngState, manualSeed, noGrad, normal, philoxUniform, randn, reserveRandom, uniform, zeros } from '../index.js';
import { withoutFused } from '../cpu/without-fused.js';
import type { DType } from '../core/dtype.js';

/** Element by element, −0 told from +0 and NaN equal to NaN: what "bit for bit" asks of two draws. */
function sameBits(actual: ArrayLike<number>, expected: ArrayLike<number>): boolean {
  if (actual.length !== expected.length) return false;
  for (let index = 0; index < actual.length; index++) if (!Object.is(actual[index], expected[index])) return false;
  return true;
}

/**
 * Box–Muller written out in float64 from the draw's own Philox numbers: what float64 samples must be
 * (a closed form beside the composite; float32's rounding of each step is the composite's business).
 */
function float64Closed(size: number, seed: bigint, offset: bigint, mean: number, std: number): number[] {
  const uniforms = new Float32Array(2 * size);
  philoxUniform(uniforms, seed, offset);
  return Array.from({ length: size }, (_, index) => {
    const z = Math.sqrt(-2 * Math.log(1 - uniforms[index]!)) * Math.cos(2 * Math.PI * uniforms[size + index]!);
    return z * std + mean;
  });
}

describe('the fused normal draw (CPU) against the composite', () => {
  // 0 and 1 elements; 4·1024 + 6 ends in a partial Philox block, so the second stream starts inside a
  // block; 2·16384 + 3 crosses the kernel's chunks with both streams misaligned
  const sizes = [0, 1, 7, 4 * 1024 + 6, 2 * 16384 + 3];
  for (const dtype of ['float32', 'float64'] as const satisfies DType[])
    for (const size of sizes) {
      it(`randn: ${dtype}, ${size} elements`, () => {
        manualSeed(5);
        const fused = randn([size], { dtype }).dataSync();
        const after = getRngState().offset;
        manualSeed(5);
        const composite = withoutFused('normal', () => randn([size], { dtype })).dataSync();
        expect(sameBits(fused, composite)).toBe(true);
        expect(getRngState().offset).toBe(after); // the generator advances alike
      });
      for (const [mean, std] of [
        [0, 1],
        [2.5, 0.3],
        [-1, 0],
        [0.1, 1e-3],
      ] as const)
        it(`normal(mean ${mean}, std ${std}): ${dtype}, ${size} elements`, () => {
          manualSeed(9);
          const { seed, offset } = getRngState();
          const fused = normal([size], mean, std, { dtype }).dataSync();
          manualSeed(9);
          const composite = withoutFused('normal', () => normal([size], mean, std, { dtype })).dataSync();
          expect(sameBits(fused, composite)).toBe(true);
          if (dtype === 'float64') expect(sameBits(fused, float64Closed(size, seed, offset, mean, std))).toBe(true);
        });
    }

  it('normal_ fills in place with the draw normal() makes, and a 2-D parameter keeps its storage', () => {
    const weight = empty([33, 65]);
    const storage = weight.storage;
    manualSeed(1);
    weight.normal_(0, 0.02);
    manualSeed(1);
    const expected = withoutFused('normal', () => normal([33, 65], 0, 0.02)).dataSync();
    expect(weight.storage).toBe(storage);
    expect(sameBits(weight.dataSync(), expected)).toBe(true);
  });

  it('a draw of size n takes 2n uniforms from the generator, on both paths', () => {
    manualSeed(3);
    randn([5, 3]);
    const fusedOffset = getRngState().offset;
    manualSeed(3);
    reserveRandom(30);
    expect(getRngState().offset).toBe(fusedOffset);
  });

  it('refuses a std below 0 and a mean or std that is not a number, as torch does', () => {
    expect(() => normal([3], 0, -1)).toThrow('normal: expects std >= 0, got std=-1');
    expect(() => empty([3]).normal_(0, -1)).toThrow('normal_: expects std >= 0, got std=-1');
    expect(() => empty([3]).normal_('a' as never)).toThrow("normal_: mean must be a number, got 'a'");
    expect(() => empty([3]).normal_(0, Number.NaN)).toThrow('normal_: std must be a number, got NaN');
    expect(() => randn([3], { dtype: 'int32' })).toThrow('randn: dtype must be floating point, got int32');
  });
});

describe('the fused uniform draw (CPU) against the composite', () => {
  const ranges = [
    [0, 1],
    [-0.1, 0.1],
    [-3, 5.5],
    [2, 2],
    [1e-3, 1e3],
  ] as const;
  for (const dtype of ['float32', 'float64'] as const)
    for (const size of [0, 1, 7, 4 * 1024 + 6, 2 * 16384 + 3])
      for (const [low, high] of ranges)
        it(`uniform(${low}, ${high}): ${dtype}, ${size} elements`, () => {
          manualSeed(4);
          const { seed, offset } = getRngState();
          const fused = uniform([size], low, high, { dtype }).dataSync();
          const after = getRngState().offset;
          manualSeed(4);
          const composite = withoutFused('uniformRange', () => uniform([size], low, high, { dtype })).dataSync();
          expect(sameBits(fused, composite)).toBe(true);
          expect(getRngState().offset).toBe(after);
          if (dtype === 'float64') {
            const uniforms = new Float32Array(size);
            philoxUniform(uniforms, seed, offset);
            expect(
              sameBits(
                fused,
                Array.from(uniforms, (u) => u * (high - low) + low),
              ),
            ).toBe(true);
          }
        });
});

describe('uniform_ and normal_ written in place', () => {
  const fills = {
    uniform_: (target: ReturnType<typeof empty>) => target.uniform_(-0.5, 0.25),
    normal_: (target: ReturnType<typeof empty>) => target.normal_(1, 0.5),
  };
  /** The same draw made as a new tensor by the composite, for a target of `shape`. */
  const reference = {
    uniform_: (shape: number[], dtype: 'float32' | 'float64') => withoutFused('uniformRange', () => uniform(shape, -0.5, 0.25, { dtype })),
    normal_: (shape: number[], dtype: 'float32' | 'float64') => withoutFused('normal', () => normal(shape, 1, 0.5, { dtype })),
  };
  for (const name of ['uniform_', 'normal_'] as const) {
    for (const dtype of ['float32', 'float64'] as const)
      it(`${name}: a contiguous ${dtype} tensor keeps its storage and gets the composite's draw`, () => {
        const target = empty([33, 65], { dtype });
        const storage = target.storage;
        const version = storage.version;
        manualSeed(1);
        fills[name](target);
        manualSeed(1);
        expect(target.storage).toBe(storage);
        expect(storage.version).toBe(version + 1);
        expect(sameBits(target.dataSync(), reference[name]([33, 65], dtype).dataSync())).toBe(true);
      });

    it(`${name}: a contiguous view writes its own rows only`, () => {
      const whole = zeros([4, 6]);
      manualSeed(2);
      fills[name](whole.narrow(0, 1, 2));
      manualSeed(2);
      const drawn = Array.from(reference[name]([2, 6], 'float32').dataSync());
      expect(Array.from(whole.dataSync())).toEqual([...Array(6).fill(0), ...drawn, ...Array(6).fill(0)]);
    });

    it(`${name}: a transposed view gets the draw in its own element order`, () => {
      const whole = zeros([5, 7]);
      manualSeed(6);
      const view = whole.t();
      fills[name](view);
      manualSeed(6);
      expect(sameBits(view.contiguous().dataSync(), reference[name]([7, 5], 'float32').dataSync())).toBe(true);
    });

    it(`${name}: a saved tensor written under noGrad makes backward refuse, as torch`, () => {
      const weight = randn([3], { requiresGrad: true });
      const loss = weight.mul(weight).sum();
      noGrad(() => fills[name](weight));
      expect(() => loss.backward()).toThrow(/modified by an inplace operation/);
    });
  }
});
