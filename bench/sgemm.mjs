// Single-threaded float32 matrix multiply: @dl's WebAssembly SIMD sgemm against TensorFlow.js
// (tfjs-backend-wasm, i.e. XNNPACK, forced to one thread; and the plain-JS tfjs-backend-cpu) at
// 256, 512, 1024 in the three forms a backward pass needs: A·B, A·Bᵀ, Aᵀ·B.
//
//   pnpm --filter @dl/bench sgemm                 (runs: tsx sgemm.mjs)
//   pnpm --filter @dl/bench sgemm -- --skip-cpu   (tfjs-cpu takes ~7 s per 1024 product)
//   node --experimental-wasm-relaxed-simd --import tsx sgemm.mjs --skip-cpu
//                                                 (Node 20: our relaxed-SIMD build, fused multiply-add)
//   pnpm --filter @dl/bench sgemm -- --skip-cpu --threads=2   (ours on two threads: setNumThreads(2))
//
// tsx is needed because the kernel is imported straight from the TypeScript source.
// Each measurement: warm-up calls (so V8 tiers the wasm up to TurboFan), then the median of
// several timed calls. Ours and tfjs-wasm alternate call by call so that load from other
// processes on the machine hits both alike. Times include copying the operands in and the
// result out (our sgemm copies into wasm memory; tfjs reads the result back with dataSync).

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { sgemm } from '../packages/tensor/src/cpu/sgemm/sgemm.ts';
import { setNumThreads } from '../packages/tensor/src/cpu/threads/thread-count.ts';
import { wasmKernelVariant } from '../packages/tensor/src/cpu/wasm/instance.ts';

const sizes = [256, 512, 1024];
const forms = [
  { name: 'A·B', transposeA: false, transposeB: false },
  { name: 'A·Bᵀ', transposeA: false, transposeB: true },
  { name: 'Aᵀ·B', transposeA: true, transposeB: false },
];
const skipCpu = process.argv.includes('--skip-cpu');
const threadsOption = process.argv.find((argument) => argument.startsWith('--threads='));
const threads = threadsOption ? Number(threadsOption.slice('--threads='.length)) : 1;
setNumThreads(threads);
/** Seconds of timed calls per measurement (at least `minimumRepetitions` calls). */
const timeBudgetSeconds = 1.0;

function randomMatrix(size) {
  const data = new Float32Array(size * size);
  for (let index = 0; index < data.length; index++) data[index] = Math.random() * 2 - 1;
  return data;
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function gigaflops(size, milliseconds) {
  return (2 * size ** 3) / (milliseconds * 1e6);
}

function timeOnce(run) {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** Times several runners alternately: warm-up, then repeated rounds; returns { median, best } ms per runner. */
function timeAlternating(runners, { warmup, minimumRepetitions, maximumRepetitions }) {
  for (let round = 0; round < warmup; round++) for (const run of runners) run();
  const times = runners.map(() => []);
  const budgetEnd = performance.now() + timeBudgetSeconds * 1000 * runners.length;
  for (let round = 0; round < maximumRepetitions; round++) {
    runners.forEach((run, index) => times[index].push(timeOnce(run)));
    if (round + 1 >= minimumRepetitions && performance.now() > budgetEnd) break;
  }
  return times.map((list) => ({ median: median(list), best: Math.min(...list) }));
}

/** tf.matMul then dataSync, which waits for the result and copies it out. */
function tfjsRunner(a, b, { transposeA, transposeB }) {
  return () => {
    const product = tf.matMul(a, b, transposeA, transposeB);
    product.dataSync();
    product.dispose();
  };
}

function oursRunner(size, a, b, { transposeA, transposeB }) {
  const c = new Float32Array(size * size);
  return () =>
    sgemm({
      transA: transposeA,
      transB: transposeB,
      m: size,
      n: size,
      k: size,
      a,
      aOffset: 0,
      lda: size,
      b,
      bOffset: 0,
      ldb: size,
      c,
      cOffset: 0,
      ldc: size,
      accumulate: false,
    });
}

async function useBackend(name) {
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend ${name} failed to initialize`);
  await tf.ready();
}

// One thread for XNNPACK too: this compares single-threaded kernels.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
await useBackend('wasm');
const wasmSimd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');

const rows = [];
for (const size of sizes) {
  const aData = randomMatrix(size);
  const bData = randomMatrix(size);
  for (const form of forms) {
    await useBackend('wasm');
    const a = tf.tensor2d(aData, [size, size]);
    const b = tf.tensor2d(bData, [size, size]);
    const repetitions = { warmup: 3, minimumRepetitions: 5, maximumRepetitions: 200 };
    // ours on its own first: the absolute GFLOP/s of the kernel (the alternating run below evicts
    // our operands from the caches between calls, which is fair for the ratio, not for the target)
    const [aloneTime] = timeAlternating([oursRunner(size, aData, bData, form)], repetitions);
    const [oursTime, wasmTime] = timeAlternating([oursRunner(size, aData, bData, form), tfjsRunner(a, b, form)], repetitions);
    a.dispose();
    b.dispose();
    let cpuTime = { median: Number.NaN, best: Number.NaN };
    if (!skipCpu) {
      await useBackend('cpu');
      const aCpu = tf.tensor2d(aData, [size, size]);
      const bCpu = tf.tensor2d(bData, [size, size]);
      // tfjs-cpu runs at ~0.3 GFLOP/s, so one 1024 product takes ~7 s: there it gets no warm-up
      // of its own (the 256 and 512 runs warmed the JIT up) and just 2 timed calls.
      const cpuRepetitions =
        size >= 1024
          ? { warmup: 0, minimumRepetitions: 2, maximumRepetitions: 2 }
          : { warmup: 1, minimumRepetitions: 3, maximumRepetitions: 5 };
      [cpuTime] = timeAlternating([tfjsRunner(aCpu, bCpu, form)], cpuRepetitions);
      aCpu.dispose();
      bCpu.dispose();
    }
    const row = {
      size,
      form: form.name,
      alone: gigaflops(size, aloneTime.median),
      ours: gigaflops(size, oursTime.median),
      oursBest: gigaflops(size, oursTime.best),
      wasm: gigaflops(size, wasmTime.median),
      cpu: gigaflops(size, cpuTime.median),
    };
    rows.push(row);
    console.error(
      `${size} ${form.name}: ours ${row.ours.toFixed(1)}, tfjs-wasm ${row.wasm.toFixed(1)}, tfjs-cpu ${row.cpu.toFixed(2)} GFLOP/s`,
    );
  }
}

const format = (value, digits = 1, suffix = '') => (Number.isNaN(value) ? 'n/a' : value.toFixed(digits) + suffix);
console.log(
  `\nsgemm, float32, GFLOP/s (median) — Node ${process.version}, our kernels: ${wasmKernelVariant()} on ${threads} thread${threads === 1 ? '' : 's'}, tfjs ${tf.version_core}, tfjs-wasm SIMD: ${wasmSimd}\n`,
);
console.log(
  '| size | form | ours alone | ours (alternating) | tfjs-wasm | tfjs-cpu | ours / tfjs-wasm | ours / tfjs-cpu | ours, best call |',
);
console.log('|-----:|:-----|-----:|-----:|-----:|-----:|-----:|-----:|-----:|');
for (const { size, form, alone, ours, oursBest, wasm, cpu } of rows) {
  const cells = [
    size,
    form,
    format(alone),
    format(ours),
    format(wasm),
    format(cpu, 2),
    format(ours / wasm, 2, '×'),
    format(ours / cpu, 0, '×'),
    format(oursBest),
  ];
  console.log(`| ${cells.join(' | ')} |`);
}
