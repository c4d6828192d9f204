// @dl's sgemm on one thread against two (setNumThreads), alternating in one process, round by round:
// the speed-up issue #18 asks ≥ 1.8× for at 256, 512 and 1024 (A·B; the copies into the WebAssembly
// memory, made by the calling thread alone, are what small products lose).
//
//   npx --yes tsx --tsconfig tsconfig.sources.json sgemm-threads.mjs [--rounds=3] [--threads=2]
//
// Each measurement: 30 warm-up calls (they also start the helpers after a thread-count change), then
// the median of 15 blocks of calls.
import { sgemm } from '../packages/tensor/src/cpu/sgemm/sgemm.ts';
import { setNumThreads } from '../packages/tensor/src/cpu/threads/thread-count.ts';

const option = (name, fallback) => Number(process.argv.find((argument) => argument.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const rounds = option('rounds', 3);
const threads = option('threads', 2);

function milliseconds(n) {
  const a = Float32Array.from({ length: n * n }, () => Math.random() - 0.5);
  const b = Float32Array.from({ length: n * n }, () => Math.random() - 0.5);
  const c = new Float32Array(n * n);
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
  for (let i = 0; i < 30; i++) call();
  const perBlock = Math.max(1, Math.round(2 ** 27 / n ** 3));
  const times = [];
  for (let block = 0; block < 15; block++) {
    const start = performance.now();
    for (let i = 0; i < perBlock; i++) call();
    times.push((performance.now() - start) / perBlock);
  }
  return times.sort((x, y) => x - y)[7];
}

for (const n of [256, 512, 1024]) {
  const ratios = [];
  for (let round = 0; round < rounds; round++) {
    setNumThreads(1);
    const one = milliseconds(n);
    setNumThreads(threads);
    const many = milliseconds(n);
    ratios.push(one / many);
    const gflops = (ms) => ((2 * n ** 3) / ms / 1e6).toFixed(1);
    console.log(
      `${n}: 1 thread ${one.toFixed(3)} ms (${gflops(one)} GFLOP/s), ${threads} threads ${many.toFixed(3)} ms (${gflops(many)} GFLOP/s), ${(one / many).toFixed(2)}×`,
    );
  }
  console.log(`${n}: median speed-up ${ratios.sort((x, y) => x - y)[Math.floor(ratios.length / 2)].toFixed(2)}× (target ≥ 1.8×)`);
}
