import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emptyCache, getNumThreads, manualSeed, matmul, randn, tensor, zeros, type Tensor } from '../index.js';
import { gemm } from './sgemm/gemm-reference.js';
import { sgemm } from './sgemm/sgemm.js';
import { kernelInstanceIfMade, kernels } from './wasm/instance.js';

// Large float32 tensors live in the kernels' (shared) WebAssembly memory in Node, and the kernels
// use them where they are. Each case checks values against a computation that shares none of that
// path (the JavaScript reference gemm, plain arrays) and what the memory's layout shows.

const lives = (x: Tensor) => (x.storage.buffer as Float32Array).buffer instanceof SharedArrayBuffer;

function referenceProduct(a: Float32Array, b: Float32Array, m: number, n: number, k: number): Float32Array {
  const c = new Float64Array(m * n);
  const wide = (x: Float32Array) => Float64Array.from(x);
  gemm({
    transA: false,
    transB: false,
    m,
    n,
    k,
    a: wide(a),
    aOffset: 0,
    lda: k,
    b: wide(b),
    bOffset: 0,
    ldb: n,
    c,
    cOffset: 0,
    ldc: n,
    accumulate: false,
  });
  return Float32Array.from(c);
}

describe('tensors living in the WebAssembly memory', () => {
  it('are the float32 ones up to 64 MiB, small ones included, not float64 or huge ones', () => {
    expect(lives(zeros([1]))).toBe(true);
    expect(lives(zeros([16, 2]))).toBe(true); // a small Linear's weight
    expect(lives(zeros([128, 128]))).toBe(true); // 64 KiB
    expect(lives(zeros([4096, 4096]))).toBe(true); // 64 MiB
    expect(lives(zeros([4097, 4096]))).toBe(false);
    expect(lives(zeros([128, 128], { dtype: 'float64' }))).toBe(false);
    expect(lives(zeros([0]))).toBe(false);
  });

  it('are multiplied where they are: no copy of either operand or of the result in the scratch', () => {
    const [m, n, k] = [512, 384, 256];
    const a = randn([m, k]);
    const b = randn([k, n]);
    expect(lives(a) && lives(b)).toBe(true);
    const c = matmul(a, b);
    // the call reserved sgemm's packing workspace per thread and nothing else: copied operands would
    // take (m·k + k·n + m·n)·4 = 1.7 MB more
    const workspaces = kernels().workspaceBytes() * getNumThreads();
    expect(kernelInstanceIfMade()!.arena.scratchInUse).toBeLessThanOrEqual(workspaces + 64 * getNumThreads());
    expect(lives(c)).toBe(true);
    const expected = referenceProduct(a.dataSync() as Float32Array, b.dataSync() as Float32Array, m, n, k);
    const got = c.dataSync() as Float32Array;
    let worst = 0;
    for (let index = 0; index < got.length; index++) worst = Math.max(worst, Math.abs(got[index]! - expected[index]!));
    expect(worst).toBeLessThan(1e-3);
  });

  it('leave a product of ordinary arrays one scratch copy of each operand and of the result', () => {
    const [m, n, k] = [70, 50, 30];
    const a = Float32Array.from({ length: m * k }, (_, index) => (index % 9) - 4);
    const b = Float32Array.from({ length: k * n }, (_, index) => (index % 5) - 2);
    const c = new Float32Array(m * n);
    sgemm({
      transA: false,
      transB: false,
      m,
      n,
      k,
      a,
      aOffset: 0,
      lda: k,
      b,
      bOffset: 0,
      ldb: n,
      c,
      cOffset: 0,
      ldc: n,
      accumulate: false,
    });
    const aligned = (bytes: number) => Math.ceil(bytes / 64) * 64;
    // one thread: 70·50·30 multiply-adds are too few to split
    const expected = aligned(kernels().workspaceBytes()) + aligned(m * k * 4) + aligned(k * n * 4) + aligned(m * n * 4);
    expect(kernelInstanceIfMade()!.arena.scratchInUse).toBe(expected);
    expect(c[0]).toBe(referenceProduct(a, b, m, n, k)[0]);
  });

  it('are read in place through a transposed view, with its own stride, as a contiguous copy gives, bit for bit', () => {
    const values = randn([300, 300]).dataSync() as Float32Array;
    const resident = tensor(values, { shape: [300, 300] });
    expect(lives(resident)).toBe(true);
    // the transposed view of a resident tensor (A·Bᵀ reads B with its own stride) against a copy
    const viaView = matmul(resident.narrow(1, 0, 100).t().contiguous(), resident);
    const viaStrides = matmul(resident.narrow(1, 0, 100).t(), resident);
    expect(Array.from(viaStrides.dataSync())).toEqual(Array.from(viaView.dataSync()));
  });

  it('are right when an in-place op writes over its own operand', () => {
    const values = Array.from({ length: 20000 }, (_, index) => (index % 13) - 6);
    const x = tensor(values);
    const y = tensor(values.map((value) => value * 0.5));
    expect(lives(x)).toBe(true);
    x.add_(y).mul_(x); // out overlaps an operand read in place: the kernel writes to scratch, then copies
    expect(Array.from(x.dataSync())).toEqual(values.map((value) => (value * 1.5) ** 2));
  });

  it('give their region back when released, for the next tensor of that size', () => {
    const first = zeros([256, 256]);
    const address = (first.storage.buffer as Float32Array).byteOffset;
    first.dispose();
    const second = zeros([256, 256]);
    expect((second.storage.buffer as Float32Array).byteOffset).toBe(address);
    expect(Array.from(second.dataSync().subarray(0, 4))).toEqual([0, 0, 0, 0]);
  });

  it('move to ordinary arrays when emptyCache() drops the memory, with their values', () => {
    const x = randn([200, 200]);
    const before = Array.from(x.dataSync());
    expect(lives(x)).toBe(true);
    x.add(1); // x's kernel view is made (and kept) before the move
    emptyCache();
    expect(lives(x)).toBe(false);
    expect(Array.from(x.dataSync())).toEqual(before);
    // and they work with tensors living in the new memory
    const y = randn([200, 200]);
    expect(lives(y)).toBe(true);
    const sum = x.add(y).dataSync();
    const yValues = y.dataSync();
    expect(sum[123]).toBe(Math.fround(before[123]! + yValues[123]!));
    // an op after the move reads and writes the moved values, not the old memory's
    x.mul_(2);
    expect(x.dataSync()[7]).toBe(Math.fround(before[7]! * 2));
    x.dispose(); // its ledger holds no region of the new memory
    expect(lives(randn([200, 200]))).toBe(true);
  });

  it('stop at the capacity in a loop that drops them without yielding: later ones are ordinary arrays', () => {
    // each 16 MiB tensor is dropped unreleased; no callback can run inside this loop
    let ordinary = 0;
    for (let step = 0; step < 24; step++) {
      const x = zeros([4096, 1024]);
      if (!lives(x)) ordinary++;
    }
    expect(ordinary).toBeGreaterThan(0);
    expect(kernelInstanceIfMade()!.arena.size).toBeLessThan(256 * 2 ** 20 + kernelInstanceIfMade()!.arena.scratchBytes + 2 ** 24);
    // the first ones did live there (the bound is not "never")
    expect(ordinary).toBeLessThan(24);
  });

  it('are ordinary arrays, with the same results and the reason said, where memory cannot be shared', () => {
    manualSeed(4);
    const a = randn([256, 300]);
    const b = randn([300, 200]);
    const product = matmul(a, b).dataSync();
    let checksum = 0;
    for (let index = 0; index < product.length; index++) checksum += product[index]! * ((index % 7) + 1);
    const script = fileURLToPath(new URL('./without-shared-memory.fixture.mjs', import.meta.url));
    const run = (flags: string[], mode: string[]) =>
      JSON.parse(execFileSync(process.execPath, [...flags, script, ...mode], { encoding: 'utf8', timeout: 60_000 }));
    // a Node process without the SharedArrayBuffer global (--no-harmony-sharedarraybuffer did that up to
    // Node 20; Node ≥ 22 refuse it, and every version takes this one)
    expect(run(['--enable-sharedarraybuffer-per-context'], [])).toEqual({
      shared: false,
      checksum,
      threads: 1,
      reason: 'SharedArrayBuffer is not available in this Node process',
    });
    expect(run([], ['refuse'])).toEqual({
      shared: false,
      checksum,
      threads: 1,
      reason: "the kernels' shared WebAssembly memory could not be made: shared memories are refused here",
    });
  }, 60_000);
});
