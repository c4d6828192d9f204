import { describe, expect, it } from 'vitest';
import { gemm, type FloatArray } from './gemm-reference.js';
import { sgemm } from './sgemm.js';

/** Deterministic uniform numbers in [-1, 1) (mulberry32), so a failure reproduces. */
function randomGenerator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * 2 - 1;
  };
}

interface Layout {
  offset: number;
  ld: number;
  rows: number;
  columns: number;
}

/** A stored rows×columns matrix with some offset and a leading dimension larger than needed. */
function paddedLayout(rows: number, columns: number, padding: number, offset: number): Layout {
  return { offset, ld: columns + padding, rows, columns };
}

function storageLength(layout: Layout): number {
  return layout.offset + layout.rows * layout.ld + 3; // a few trailing guard elements
}

function randomArray(length: number, random: () => number): Float32Array {
  const data = new Float32Array(length);
  for (let index = 0; index < length; index++) data[index] = random();
  return data;
}

function absolute(data: FloatArray): Float64Array {
  return Float64Array.from(data, Math.abs);
}

interface Case {
  m: number;
  n: number;
  k: number;
  transA: boolean;
  transB: boolean;
  accumulate: boolean;
}

/**
 * Runs sgemm on padded, offset operands and compares with the float64 reference. A float32 dot
 * product of length k has error below about (k + 1)·ε·(|C₀| + Σ|a||b|) with ε = 2⁻²⁴, so that is
 * the per-element tolerance (doubled for margin). Elements outside C must be untouched.
 */
function check({ m, n, k, transA, transB, accumulate }: Case, seed: number): void {
  const random = randomGenerator(seed);
  const aLayout = transA ? paddedLayout(k, m, 3, 5) : paddedLayout(m, k, 2, 7);
  const bLayout = transB ? paddedLayout(n, k, 1, 3) : paddedLayout(k, n, 4, 2);
  const cLayout = paddedLayout(m, n, 5, 11);
  const a = randomArray(storageLength(aLayout), random);
  const b = randomArray(storageLength(bLayout), random);
  const c = randomArray(storageLength(cLayout), random);
  if (!accumulate) {
    // C must not be read when overwriting: NaN inside the matrix must not leak into the result.
    for (let i = 0; i < m; i++) c.fill(Number.NaN, cLayout.offset + i * cLayout.ld, cLayout.offset + i * cLayout.ld + n);
  }
  const cBefore = c.slice();
  const shape = { transA, transB, m, n, k, accumulate };
  const offsets = {
    aOffset: aLayout.offset,
    lda: aLayout.ld,
    bOffset: bLayout.offset,
    ldb: bLayout.ld,
    cOffset: cLayout.offset,
    ldc: cLayout.ld,
  };
  sgemm({ ...shape, ...offsets, a, b, c });

  const expected = Float64Array.from(cBefore);
  gemm({ ...shape, ...offsets, a: Float64Array.from(a), b: Float64Array.from(b), c: expected });
  const magnitude = accumulate ? absolute(cBefore) : new Float64Array(cBefore.length);
  gemm({ ...shape, ...offsets, a: absolute(a), b: absolute(b), c: magnitude, accumulate: true });

  const epsilon = 2 ** -24;
  let failures = 0;
  for (let index = 0; index < c.length; index++) {
    const position = index - cLayout.offset;
    const row = Math.floor(position / cLayout.ld);
    const column = position - row * cLayout.ld;
    const inside = position >= 0 && row < m && column < n;
    if (!inside) {
      if (!Object.is(c[index], cBefore[index])) failures++;
      continue;
    }
    const tolerance = 2 * (k + 1) * epsilon * magnitude[index]! + 1e-30;
    if (!(Math.abs(c[index]! - expected[index]!) <= tolerance)) failures++;
  }
  expect(failures, `${failures} wrong elements for ${JSON.stringify(shape)}`).toBe(0);
}

const transposes = [
  { transA: false, transB: false },
  { transA: false, transB: true },
  { transA: true, transB: false },
  { transA: true, transB: true },
] as const;

const shapes: Array<[m: number, n: number, k: number]> = [
  [1, 1, 1],
  [0, 3, 4],
  [3, 0, 4],
  [3, 4, 0],
  [0, 0, 0],
  [3, 5, 7],
  [4, 8, 16], // exactly one register tile
  [17, 33, 65],
  [100, 1, 100],
  [1, 100, 1],
  [129, 257, 31],
  [130, 20, 600], // several row blocks (MC = 128) and depth blocks (KC = 384)
  [5, 2100, 3], // two column panels (NC = 2048)
];

describe('sgemm (WebAssembly SIMD) against the float64 reference gemm', () => {
  for (const [m, n, k] of shapes) {
    for (const { transA, transB } of transposes) {
      const name = `${m}×${n}×${k} ${transA ? 'Aᵀ' : 'A'}·${transB ? 'Bᵀ' : 'B'}`;
      it(name, () => {
        check({ m, n, k, transA, transB, accumulate: false }, m * 7919 + n * 104729 + k);
        check({ m, n, k, transA, transB, accumulate: true }, m * 31 + n * 37 + k * 41 + 1);
      });
    }
  }

  it('k = 0 writes zeros, or leaves C unchanged when accumulating', () => {
    const c = new Float32Array([1, 2, 3, 4, 5, 6]);
    const empty = new Float32Array(0);
    const options = {
      transA: false,
      transB: false,
      m: 2,
      n: 2,
      k: 0,
      a: empty,
      aOffset: 0,
      lda: 0,
      b: empty,
      bOffset: 0,
      ldb: 2,
      c,
      cOffset: 1,
      ldc: 3,
    };
    sgemm({ ...options, accumulate: true });
    expect(Array.from(c)).toEqual([1, 2, 3, 4, 5, 6]);
    sgemm({ ...options, accumulate: false });
    expect(Array.from(c)).toEqual([1, 0, 0, 4, 0, 0]);
  });

  it('rejects operands that overrun their arrays', () => {
    const small = new Float32Array(3);
    expect(() =>
      sgemm({
        transA: false,
        transB: false,
        m: 2,
        n: 2,
        k: 2,
        a: small,
        aOffset: 0,
        lda: 2,
        b: small,
        bOffset: 0,
        ldb: 2,
        c: small,
        cOffset: 0,
        ldc: 2,
        accumulate: false,
      }),
    ).toThrow(RangeError);
  });
});
