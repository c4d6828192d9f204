/**
 * Matrix products on several threads (setNumThreads): the helpers share the kernels' WebAssembly
 * memory, and each thread computes whole columns (or rows) of C, so results must be bit-identical to
 * one thread's for every shape, transposition and thread count. Not timed here: bench/sgemm.mjs
 * measures the speed-up.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { adamStep, conv2d, emptyCache, manualSeed, matmul, randn, relu, tensor, zeros } from '../../index.js';
import type { GemmOptions } from '../sgemm/gemm-reference.js';
import { partsOfProduct } from '../sgemm/product-parts.js';
import { sgemm } from '../sgemm/sgemm.js';
import { kernelPool, startedKernelPool } from '../wasm/instance.js';
import { getNumThreads, setNumThreads, threadsUnavailableReason } from './thread-count.js';

afterEach(() => setNumThreads(1));

let state = 7;
function random(): number {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return state / 2 ** 32 - 0.5;
}

type Case = Pick<GemmOptions<Float32Array>, 'm' | 'n' | 'k' | 'transA' | 'transB' | 'accumulate'>;

function product({ m, n, k, transA, transB, accumulate }: Case, a: Float32Array, b: Float32Array, c0: Float32Array): Float32Array {
  const c = c0.slice();
  sgemm({
    transA,
    transB,
    m,
    n,
    k,
    a,
    aOffset: 0,
    lda: transA ? m : k,
    b,
    bOffset: 0,
    ldb: transB ? k : n,
    c,
    cOffset: 0,
    ldc: n,
    accumulate,
  });
  return c;
}

describe('setNumThreads', () => {
  it('defaults to one thread per core (as torch), and reports what it was set to', () => {
    // a fresh process: this file's other tests change the count
    const script = fileURLToPath(new URL('./default-count.fixture.mjs', import.meta.url));
    expect(execFileSync(process.execPath, [script], { encoding: 'utf8', timeout: 60_000 }).trim()).toBe(
      `threads ${availableParallelism()}`,
    );
    setNumThreads(2);
    expect(getNumThreads()).toBe(2);
    expect(threadsUnavailableReason()).toBeNull();
  });

  it('rejects anything but a positive integer, naming the call and the value', () => {
    for (const bad of [0, -1, 1.5, Number.NaN])
      expect(() => setNumThreads(bad)).toThrow(`setNumThreads: threads must be an integer ≥ 1, got ${bad}`);
  });

  it('starts helper threads only when a call has work worth splitting', () => {
    setNumThreads(2);
    matmul(randn([16, 16]), randn([16, 16])).dataSync();
    expect(startedKernelPool()).toBeNull(); // small programs never pay for a helper
    matmul(randn([128, 128]), randn([128, 128])).dataSync(); // 2²¹ multiply-adds
    expect(startedKernelPool()?.helpers).toBe(1);
  });

  it('starts helper threads for the kernels, and none on one thread', () => {
    setNumThreads(1);
    expect(kernelPool()).toBeNull();
    setNumThreads(3);
    expect(kernelPool()?.helpers).toBe(2);
    setNumThreads(1);
    expect(kernelPool()).toBeNull();
  });
});

describe('partsOfProduct', () => {
  const call = {
    transA: false,
    transB: true,
    m: 300,
    n: 301,
    k: 300,
    a: 0,
    lda: 300,
    b: 4000,
    ldb: 300,
    c: 9000,
    ldc: 301,
    accumulate: false,
  };
  it('cuts a wide product into whole columns, in multiples of 8, covering every column once', () => {
    const parts = partsOfProduct(call, 3);
    expect(parts.map((part) => part.n)).toEqual([104, 104, 93]);
    // B is transposed: column j of op(B) is row j of the stored B, ldb floats apart
    expect(parts.map((part) => [part.b, part.c])).toEqual([
      [4000, 9000],
      [4000 + 104 * 300 * 4, 9000 + 104 * 4],
      [4000 + 208 * 300 * 4, 9000 + 208 * 4],
    ]);
  });
  it('cuts a tall product into whole rows, and leaves a small one whole', () => {
    const parts = partsOfProduct({ ...call, m: 1000, n: 37, transA: true, lda: 1000, ldc: 40 }, 2);
    expect(parts.map((part) => [part.m, part.a, part.c])).toEqual([
      [500, 0, 9000],
      [500, 500 * 4, 9000 + 500 * 40 * 4], // C's rows are ldc (40) floats apart
    ]);
    expect(partsOfProduct({ ...call, m: 16, n: 16, k: 16 }, 2)).toHaveLength(1);
  });
});

describe('sgemm on several threads', () => {
  const cases: Case[] = [
    { m: 300, n: 300, k: 300, transA: false, transB: false, accumulate: false }, // split by columns
    { m: 1000, n: 37, k: 300, transA: true, transB: false, accumulate: false }, // by rows, A transposed
    { m: 37, n: 1000, k: 300, transA: false, transB: true, accumulate: true }, // by columns, B transposed
    { m: 129, n: 257, k: 63, transA: true, transB: true, accumulate: false }, // edges in every part
    { m: 500, n: 9, k: 700, transA: false, transB: false, accumulate: true }, // rows, k over two blocks
    { m: 16, n: 16, k: 16, transA: false, transB: false, accumulate: false }, // too small to split
  ];
  for (const testCase of cases) {
    const { m, n, k, transA, transB, accumulate } = testCase;
    it(`${m}×${n}×${k}${transA ? ' Aᵀ' : ''}${transB ? ' Bᵀ' : ''}${accumulate ? ' accumulating' : ''}: bit-identical for 1, 2 and 3 threads`, () => {
      const a = Float32Array.from({ length: m * k }, random);
      const b = Float32Array.from({ length: k * n }, random);
      const c0 = Float32Array.from({ length: m * n }, random);
      setNumThreads(1);
      const one = product(testCase, a, b, c0);
      setNumThreads(2);
      expect(product(testCase, a, b, c0)).toEqual(one);
      expect(kernelPool()!.handedOut).toBe(m * n * k >= 2 ** 20 ? 1 : 0);
      setNumThreads(3);
      expect(product(testCase, a, b, c0)).toEqual(one);
    });
  }

  it('tensor matmul and its gradients are bit-identical on two threads, also after emptyCache()', () => {
    const x = randn([256, 384], { requiresGrad: true });
    const w = randn([384, 200], { requiresGrad: true });
    const run = () => {
      x.grad = null;
      w.grad = null;
      const y = matmul(x, w);
      y.sum().backward();
      return [y.dataSync(), x.grad!.dataSync(), w.grad!.dataSync()];
    };
    setNumThreads(1);
    const one = run();
    setNumThreads(2);
    expect(run()).toEqual(one);
    emptyCache(); // drops the shared memory and its helpers; the next product starts new ones
    expect(run()).toEqual(one);
    expect(kernelPool()?.helpers).toBe(1);
  });
});

describe('convolutions on several threads', () => {
  // Winograd (3×3, stride 1, ≥ 8 channels) and im2col (5×5 stride 2), batches that do not divide evenly
  const cases = [
    // each at least 2²⁰ multiply-adds, so that it is split (convolution.ts)
    { batch: 5, channels: 16, outChannels: 16, size: 24, kernel: 3, stride: 1, padding: 1 },
    { batch: 7, channels: 3, outChannels: 16, size: 33, kernel: 5, stride: 2, padding: 2 },
    { batch: 11, channels: 16, outChannels: 16, size: 20, kernel: 3, stride: 1, padding: 0 },
  ];
  for (const { batch, channels, outChannels, size, kernel, stride, padding } of cases) {
    it(`batch ${batch}, ${channels}→${outChannels} channels, ${kernel}×${kernel} stride ${stride}: output and both gradients bit-identical for 1, 2 and 3 threads`, () => {
      manualSeed(3);
      const x = randn([batch, channels, size, size], { requiresGrad: true });
      const w = randn([outChannels, channels, kernel, kernel], { requiresGrad: true });
      const b = randn([outChannels], { requiresGrad: true });
      const outputGradient = randn(conv2d(x, w, b, { stride, padding }).shape);
      const run = () => {
        x.grad = null;
        w.grad = null;
        b.grad = null;
        const y = conv2d(x, w, b, { stride, padding });
        y.backward(outputGradient);
        return [y.dataSync(), x.grad!.dataSync(), w.grad!.dataSync()];
      };
      setNumThreads(1);
      const one = run();
      setNumThreads(2);
      expect(run()).toEqual(one);
      // forward, input gradient and weight gradient each handed a part to the helper
      expect(kernelPool()!.handedOut).toBeGreaterThanOrEqual(3);
      setNumThreads(3);
      expect(run()).toEqual(one);
    });
  }
});

describe('elementwise kernels on several threads', () => {
  // 2¹⁸ + 5 elements: split (threads/elementwise-parts.ts), not a multiple of four lanes or of the parts
  const count = 2 ** 18 + 5;
  it('arithmetic, ReLU and its gradient: bit-identical for 1, 2 and 3 threads, with parts handed out', () => {
    manualSeed(5);
    const a = randn([count]);
    const b = randn([count]);
    const run = () => [a.add(b), a.sub(b), a.mul(b), a.div(b), relu(a)].map((x) => Array.from(x.dataSync()));
    const gradient = () => {
      const x = a.detach().requiresGrad_();
      relu(x).backward(b);
      return Array.from(x.grad!.dataSync());
    };
    setNumThreads(1);
    const one = [...run(), gradient()];
    // the closed forms, for the split the threads make
    const [x, y] = [a.dataSync(), b.dataSync()];
    for (const index of [0, 3, 131_075, count - 1]) {
      expect(one[0]![index]).toBe(Math.fround(x[index]! + y[index]!));
      expect(one[4]![index]).toBe(Math.max(x[index]!, 0));
      expect(one[5]![index]).toBe(x[index]! > 0 ? y[index] : 0);
    }
    setNumThreads(2);
    expect([...run(), gradient()]).toEqual(one);
    expect(kernelPool()!.handedOut).toBeGreaterThanOrEqual(6);
    setNumThreads(3);
    expect([...run(), gradient()]).toEqual(one);
  });
});

describe('reductions on several threads', () => {
  it('row reductions and sums over leading axes: the closed forms bit for bit on 1, 2 and 3 threads, with parts handed out', () => {
    manualSeed(6);
    // rows (1,031 of 257: not a multiple of the threads or of four) with NaNs and ties; [N, C, H·W]
    // and [N, C] sums over the leading (and trailing) axes: each above 2¹⁸ elements
    const data = randn([1031, 257]).dataSync() as Float32Array;
    data[5 * 257 + 100] = Number.NaN;
    data[9 * 257 + 3] = data[9 * 257 + 200]! = 40; // a tie for the maximum: the first index wins
    const rows = tensor(data).reshape([1031, 257]);
    const blocks = randn([67, 13, 311]);
    const columns = randn([2053, 131]);
    const run = () =>
      [rows.sum(1), rows.amax(1), rows.amin(1), rows.argmax(1), rows.argmin(1), rows.mean(1), blocks.sum([0, 2]), columns.sum(0)].map((x) =>
        Array.from(x.dataSync()),
      );
    setNumThreads(1);
    const one = run();
    // closed forms of every output: float64 totals in memory order rounded once; the first NaN, else
    // the first strictly better element (the JavaScript kernels' definition, which the module follows)
    const total = (values: ArrayLike<number>, from: number, count: number, step: number) => {
      let sum = 0;
      for (let k = 0; k < count; k++) sum += values[from + k * step]!;
      return Math.fround(sum);
    };
    const best = (from: number, better: (value: number, current: number) => boolean) => {
      let index = 0;
      for (let k = 1; k < 257 && !Number.isNaN(data[from + index]!); k++) {
        const value = data[from + k]!;
        if (Number.isNaN(value) || better(value, data[from + index]!)) index = k;
      }
      return index;
    };
    const rowStarts = Array.from({ length: 1031 }, (_, row) => row * 257);
    expect(one[0]).toEqual(rowStarts.map((start) => total(data, start, 257, 1)));
    const maxima = rowStarts.map((start) => best(start, (value, current) => value > current));
    const minima = rowStarts.map((start) => best(start, (value, current) => value < current));
    expect(one[1]).toEqual(rowStarts.map((start, row) => data[start + maxima[row]!]));
    expect(one[2]).toEqual(rowStarts.map((start, row) => data[start + minima[row]!]));
    expect(one[3]).toEqual(maxima);
    expect(one[4]).toEqual(minima);
    expect(one[1]![5]).toBeNaN();
    expect(one[3]![9]).toBe(3);
    const blockData = blocks.dataSync();
    const channelTotals = Array.from({ length: 13 }, (_, channel) => {
      let sum = 0;
      for (let n = 0; n < 67; n++) for (let i = 0; i < 311; i++) sum += blockData[(n * 13 + channel) * 311 + i]!;
      return Math.fround(sum);
    });
    expect(one[6]).toEqual(channelTotals);
    const columnData = columns.dataSync();
    expect(one[7]).toEqual(Array.from({ length: 131 }, (_, column) => total(columnData, column, 2053, 131)));
    setNumThreads(2);
    expect(run()).toEqual(one);
    expect(kernelPool()!.handedOut).toBeGreaterThanOrEqual(8);
    setNumThreads(3);
    expect(run()).toEqual(one);
  });
});

describe('reductions to one output on several threads', () => {
  // 3·2¹⁸ + 7 elements: 13 blocks of 2¹⁶ (the last of 7), more blocks than threads and not a multiple of them
  const count = 3 * 2 ** 18 + 7;
  it('sum, mean, max, min, argmax, argmin: the blocked closed forms bit for bit on 1, 2 and 3 threads, with blocks handed out', () => {
    manualSeed(9);
    const data = randn([count]).dataSync() as Float32Array;
    // 2⁴⁰ first and −2⁴⁰ last: a sequential float64 total rounds every addition to 2⁻¹², the blocked one
    // only in the first and last blocks, so the order of additions shows in the float32 result
    data[0] = 2 ** 40;
    data[count - 1] = -(2 ** 40);
    const ties = data.slice();
    ties[70_001] = ties[400_003] = 1e30; // a maximum in two blocks: the first index wins
    ties[131_072] = ties[786_000] = -1e30; // a minimum at the first element of a block, and in the last full block
    const withNaN = data.slice();
    withNaN[500_000] = Number.NaN;
    withNaN[600_000] = Number.NaN;
    const [x, y, z] = [tensor(data), tensor(ties), tensor(withNaN)];
    const run = () =>
      [x.sum(), x.mean(), y.amax(), y.amin(), y.argmax(), y.argmin(), z.amax(), z.argmin(), x.reshape([count, 1]).sum(0)].map((result) =>
        Array.from(result.dataSync()),
      );
    setNumThreads(1);
    const one = run();
    // the closed form: float64 totals of blocks of 2¹⁶ in memory order, then of the blocks in order
    let blocked = 0;
    let sequential = 0;
    for (let block = 0; block < count; block += 2 ** 16) {
      let blockTotal = 0;
      for (let i = block; i < Math.min(block + 2 ** 16, count); i++) blockTotal += data[i]!;
      blocked += blockTotal;
    }
    for (let i = 0; i < count; i++) sequential += data[i]!;
    expect(Math.fround(blocked)).not.toBe(Math.fround(sequential)); // the data tells the two orders apart
    expect(one[0]).toEqual([Math.fround(blocked)]);
    expect(one[1]).toEqual([Math.fround(Math.fround(blocked) / count)]);
    expect(one[2]).toEqual([1e30].map(Math.fround));
    expect(one[3]).toEqual([-1e30].map(Math.fround));
    expect(one[4]).toEqual([70_001]);
    expect(one[5]).toEqual([131_072]);
    expect(one[6]![0]).toBeNaN();
    expect(one[7]).toEqual([500_000]); // the first NaN, as torch.argmin
    expect(one[8]).toEqual(one[0]); // a sum over a leading axis to one output sums the same blocks
    setNumThreads(2);
    expect(run()).toEqual(one);
    expect(kernelPool()!.handedOut).toBeGreaterThanOrEqual(9);
    setNumThreads(3);
    expect(run()).toEqual(one);
  });
});

describe('Adam on several threads', () => {
  it('dense and transposed gradients: bit-identical for 1, 2 and 3 threads, with parts handed out', () => {
    // 611 × 437 = 267,007 parameters (above 2¹⁸, not a multiple of four lanes or of the parts)
    const steps = (threads: number) => {
      setNumThreads(threads);
      manualSeed(8);
      const dense = randn([611, 437]);
      const transposedOwner = randn([611, 437]);
      const moments = [zeros([611, 437]), zeros([611, 437]), zeros([611, 437]), zeros([611, 437])];
      for (let step = 1; step <= 3; step++) {
        const gradient = randn([611, 437]);
        const options = {
          lr: 1e-2,
          beta1: 0.9,
          beta2: 0.999,
          eps: 1e-8,
          weightDecay: 0.01,
          decoupledWeightDecay: false,
          maximize: false,
          step,
        };
        adamStep(dense, gradient, moments[0]!, moments[1]!, null, options);
        // the transpose of a dense [437, 611]: a [611, 437] view with strides [1, 611], as Linear's weight gradient
        adamStep(transposedOwner, randn([437, 611]).t(), moments[2]!, moments[3]!, null, { ...options, decoupledWeightDecay: true });
      }
      return [dense, transposedOwner, ...moments].map((x) => Array.from(x.dataSync()));
    };
    const one = steps(1);
    const two = steps(2);
    expect(kernelPool()!.handedOut).toBeGreaterThanOrEqual(6);
    expect(two).toEqual(one);
    expect(steps(3)).toEqual(one);
  });
});

describe('a helper that fails', () => {
  it('fails its call, then the kernels run on one thread with the reason, until setNumThreads', () => {
    setNumThreads(2);
    const pool = kernelPool()!;
    // addresses far beyond the shared memory: the helper's kernel traps on its first load
    const outside = 2 ** 31 - 64;
    const trapping = [0, 0, 64, 64, 64, outside, 64, outside, 64, outside, 64, 0, outside];
    expect(() => pool.run([{ kernel: 'sgemm', arguments: trapping }], () => {})).toThrow(
      'sgemm: a helper thread failed while computing its part of sgemm; the kernels run on one thread from now on',
    );
    const shape: Case = { m: 200, n: 150, k: 100, transA: false, transB: false, accumulate: false };
    const a = Float32Array.from({ length: 200 * 100 }, random);
    const b = Float32Array.from({ length: 100 * 150 }, random);
    const result = product(shape, a, b, new Float32Array(200 * 150));
    expect(getNumThreads()).toBe(1);
    expect(threadsUnavailableReason()).toBe('helper threads stopped: a helper thread failed while computing its part of sgemm');
    expect(startedKernelPool()).toBeNull();
    setNumThreads(1);
    expect(product(shape, a, b, new Float32Array(200 * 150))).toEqual(result);
    setNumThreads(2);
    expect(threadsUnavailableReason()).toBeNull();
    expect(product(shape, a, b, new Float32Array(200 * 150))).toEqual(result);
    expect(startedKernelPool()?.helpers).toBe(1);
  });
});

describe('helper threads and the process', () => {
  it('never keep a Node process alive: a script that multiplies on two threads exits by itself', () => {
    const script = fileURLToPath(new URL('./exit-check.fixture.mjs', import.meta.url));
    const output = execFileSync(process.execPath, [script], { encoding: 'utf8', timeout: 60_000 });
    expect(output.trim()).toBe('threads 2, product ok');
  });

  it('fall back to one thread, with the reason, where they cannot start (Node without permission for workers)', () => {
    const script = fileURLToPath(new URL('./start-failure.fixture.mjs', import.meta.url));
    // the permission model's flag: `--permission` from Node 22.13, `--experimental-permission` before (Node 24 refuses it)
    const permission = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
    const output = execFileSync(process.execPath, [permission, '--allow-fs-read=*', script], {
      encoding: 'utf8',
      timeout: 60_000,
      stdio: ['ignore', 'pipe', 'ignore'], // the permission model's experimental warning goes to stderr
    });
    expect(JSON.parse(output)).toEqual({
      threads: 1,
      ok: true,
      // Node's own words follow (Node ≥ 22 add "Use --allow-worker to manage permissions.")
      reason: expect.stringMatching(/^helper threads could not start: Access to this API has been restricted/),
    });
  });
});
