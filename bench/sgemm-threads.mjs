// @dl's sgemm on one thread against two (setNumThreads), in separate processes alternating round by
// round: the speed-up issue #18 asks ≥ 1.8× for at 256, 512 and 1024 (A·B). Each configuration runs
// in a fresh process: switching the thread count inside one process (which restarts the helpers on
// a new memory) measured the one-thread phase up to 30 % slower than a process of its own.
//
//   npx --yes tsx --tsconfig tsconfig.sources.json sgemm-threads.mjs [--rounds=3] [--threads=2] [--copied]
//
// The operands are tensors' buffers, which live in the kernels' WebAssembly memory (cpu/resident.ts)
// and are multiplied where they are; with --copied they are ordinary Float32Arrays, copied in and
// out by the calling thread on every call (the only path before 2026-12-04, and still the path of
// small tensors and of pages without SharedArrayBuffer).
//
// A process: 200 warm-up calls or 1 s of them (V8 tiers the kernels up on every thread), then the
// median of 15 blocks of calls.
//
// First it checks that the machine has two cores to give: one one-thread process alone, then two of
// them side by side. A virtual machine's two vCPUs may share one core's floating-point units (on
// 2026-12-04 a 1024³ product took 45 ms alone and 87 ms side by side, and two threads gained 1.03×
// where they had gained 1.89× the day before); the speed-ups below mean nothing then.
import { execFile, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sgemm } from '../packages/tensor/src/cpu/sgemm/sgemm.ts';
import { setNumThreads } from '../packages/tensor/src/cpu/threads/thread-count.ts';
import { randn, zeros } from '../packages/tensor/src/index.ts';

const option = (name, fallback) => Number(process.argv.find((argument) => argument.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);

const copied = process.argv.includes('--copied');

/** Milliseconds per n³ product on `threads` threads, in this process. */
function milliseconds(n, threads) {
  setNumThreads(threads);
  const operand = (tensor) => (copied ? Float32Array.from(tensor.dataSync()) : tensor.storage.buffer);
  const a = operand(randn([n, n]));
  const b = operand(randn([n, n]));
  const c = operand(zeros([n, n]));
  const call = () =>
    sgemm({
      transA: false,
      transB: false,
      m: n,
      n,
      k: n,
      a,
      aOffset: 0,
      lda: n,
      b,
      bOffset: 0,
      ldb: n,
      c,
      cOffset: 0,
      ldc: n,
      accumulate: false,
    });
  for (let i = 0, start = performance.now(); i < 200 && performance.now() - start < 1000; i++) call();
  const perBlock = Math.max(1, Math.round(2 ** 27 / n ** 3));
  const times = [];
  for (let block = 0; block < 15; block++) {
    const start = performance.now();
    for (let i = 0; i < perBlock; i++) call();
    times.push((performance.now() - start) / perBlock);
  }
  return times.sort((x, y) => x - y)[7];
}

if (process.argv.includes('--child')) {
  console.log(milliseconds(option('size', 256), option('threads', 1)));
} else {
  const rounds = option('rounds', 3);
  const threads = option('threads', 2);
  const script = fileURLToPath(import.meta.url);
  // the same loader flags (tsx) as this process
  const measure = (n, count) =>
    Number(
      execFileSync(
        process.execPath,
        [...process.execArgv, script, '--child', `--size=${n}`, `--threads=${count}`, ...(copied ? ['--copied'] : [])],
        {
          encoding: 'utf8',
        },
      ).trim(),
    );
  const measureAsync = (n, count) =>
    new Promise((resolve, reject) =>
      execFile(
        process.execPath,
        [...process.execArgv, script, '--child', `--size=${n}`, `--threads=${count}`, ...(copied ? ['--copied'] : [])],
        (error, stdout) => (error ? reject(error) : resolve(Number(stdout.trim()))),
      ),
    );
  // are there two cores? the time of one one-thread product process alone, then of two side by side
  const alone = measure(512, 1);
  const pair = await Promise.all([0, 1].map(() => measureAsync(512, 1)));
  const sharing = Math.max(...pair) / alone;
  console.log(
    `cores: a one-thread 512³ product ${alone.toFixed(3)} ms alone, ${pair.map((ms) => ms.toFixed(3)).join(' and ')} ms side by side (${sharing.toFixed(2)}×)` +
      (sharing > 1.3 ? ': the two CPUs share their arithmetic now, so two threads cannot gain here; measure later' : ''),
  );
  for (const n of [256, 512, 1024]) {
    const ratios = [];
    for (let round = 0; round < rounds; round++) {
      const one = measure(n, 1);
      const many = measure(n, threads);
      ratios.push(one / many);
      const gflops = (ms) => ((2 * n ** 3) / ms / 1e6).toFixed(1);
      console.log(
        `${n}: 1 thread ${one.toFixed(3)} ms (${gflops(one)} GFLOP/s), ${threads} threads ${many.toFixed(3)} ms (${gflops(many)} GFLOP/s), ${(one / many).toFixed(2)}×`,
      );
    }
    console.log(`${n}: median speed-up ${ratios.sort((x, y) => x - y)[Math.floor(ratios.length / 2)].toFixed(2)}× (target ≥ 1.8×)`);
  }
}
