// Large float32 reductions (and max pooling, a windowed maximum) on one thread and on two (issue #18:
// reductions split over the helper threads, cpu/kernels/reduce-wasm.ts, max-pool-indices.ts): the median of 15 calls after 5, each reduction and thread
// count in its own fresh process (so that neither the JIT's state nor a helper still polling after the
// previous reduction's call colours the next), alternating one and two threads for `--rounds` rounds
// (default 3) because this machine's speed drifts from minute to minute. Imports the built @dl/tensor
// (`pnpm build` first).
//
//   node bench/reductions.mjs [--rounds=3]
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const workloads = {
  'bias gradient: [64, 64, 24, 24].sum([0, 2, 3])': (x) => x.blocks.sum([0, 2, 3]),
  'row sums: [2048, 1024].sum(1)': (x) => x.rows.sum(1),
  'column sums: [4096, 256].sum(0)': (x) => x.columns.sum(0),
  'row maxima: [2048, 1024].amax(1)': (x) => x.rows.amax(1),
  'one output: [2048, 1024].sum()': (x) => x.rows.sum(),
  'one output: [2048, 1024].amax()': (x) => x.rows.amax(),
  // a windowed maximum: the tutorial CNN's pooling at batch 64
  // (in a scope, as inside Module.call: the indices it drops go back to the buffer pool)
  'max pooling 2×2: [64, 32, 24, 24]': (x, tensor) => tensor.scope(() => tensor.maxPool2d(x.pooled, 2)),
};

const threadsArgument = process.argv.find((argument) => argument.startsWith('--child-threads='));
const workloadArgument = process.argv.find((argument) => argument.startsWith('--child-workload='));
if (threadsArgument && workloadArgument) {
  const tensor = await import('@dl/tensor');
  const { manualSeed, randn, setNumThreads } = tensor;
  setNumThreads(Number(threadsArgument.split('=')[1]));
  manualSeed(0);
  const inputs = {
    blocks: randn([64, 64, 24, 24]),
    pooled: randn([64, 32, 24, 24]),
    rows: randn([2048, 1024]),
    columns: randn([4096, 256]),
  };
  const run = workloads[workloadArgument.slice('--child-workload='.length)];
  for (let call = 0; call < 5; call++) run(inputs, tensor).dispose();
  const times = [];
  for (let call = 0; call < 15; call++) {
    const started = performance.now();
    run(inputs, tensor).dispose();
    times.push(performance.now() - started);
  }
  console.log(times.sort((a, b) => a - b)[7]);
  process.exit(0);
}

const roundsArgument = process.argv.find((argument) => argument.startsWith('--rounds='));
const rounds = roundsArgument ? Number(roundsArgument.split('=')[1]) : 3;
const script = fileURLToPath(import.meta.url);
const measure = (name, threads) =>
  Number(execFileSync(process.execPath, [script, `--child-threads=${threads}`, `--child-workload=${name}`], { encoding: 'utf8' }));
const results = { 1: {}, 2: {} };
for (let round = 0; round < rounds; round++)
  for (const name of Object.keys(workloads)) for (const threads of [1, 2]) (results[threads][name] ??= []).push(measure(name, threads));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`float32 reductions, ms per call (median of ${rounds} rounds) — Node ${process.version}\n`);
console.log('| reduction | 1 thread | 2 threads | speed-up |');
console.log('|---|---|---|---|');
for (const name of Object.keys(workloads)) {
  const one = median(results[1][name]);
  const two = median(results[2][name]);
  console.log(`| ${name} | ${one.toFixed(3)} | ${two.toFixed(3)} | ${(one / two).toFixed(2)}× |`);
}
