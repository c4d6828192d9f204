// The arithmetic floor of W4b (issue #12: LSTM(128, 256) → Linear(256, 2), batch 32 × 64 steps, one
// training step on one thread, target ≤ 1.5× PyTorch): the matrix products a step cannot avoid, each
// timed alone through @dl's sgemm at the step's own shapes, summed, and set against PyTorch's whole
// step measured in the same run (OPENBLAS_NUM_THREADS=1, torch.set_num_threads(1)).
//
//   cd bench && npx --yes tsx --tsconfig tsconfig.sources.json rnn-product-floor.mjs [--rounds=3]
//
// A step's products, with T = 64 steps, B = 32, I = 128, H = 256, G = 4H = 1024, N = T·B = 2048:
//   forward   x·W_ihᵀ [N, I]·[I, G];  T × h·W_hhᵀ [B, H]·[H, G]
//   backward  T × dgates·W_hh [B, G]·[G, H];  dW_hh = dgatesᵀ·h_prev [G, N]·[N, H];  dW_ih = dgatesᵀ·x [G, N]·[N, I]
// (the input x needs no gradient, so dx is not computed). 4.8 GFLOP in all. WebAssembly's SIMD is
// 128 bits wide, PyTorch's OpenBLAS uses 256-bit AVX2 FMA: on this AMD Zen machine, whose two
// multiply and two add pipes run a separate multiply and add as fast as a fused one, that is twice
// the arithmetic per cycle, whatever our kernels do. This script shows how much of the 1.5× target the
// products alone take. Each round times every product (median of 5 after 2 warm-ups, outputs freed)
// and then PyTorch's step. The per-step products go through `matmul` here, which packs W_hh and copies
// the operands on every call (the fused recurrence packs it once per pass), so each round also
// prints the floor at the best rate any of its products reached.
import { noGrad, randn, setNumThreads } from '@dl/tensor';
import { pytorchMilliseconds, workloads } from './rnn-workloads.mjs';
import { format, median } from './training-timing.mjs';

setNumThreads(1);
const roundsOption = process.argv.find((argument) => argument.startsWith('--rounds='));
const rounds = roundsOption ? Number(roundsOption.split('=')[1]) : 3;
const [T, B, I, H] = [64, 32, 128, 256];
const [G, N] = [4 * H, T * B];

const x = randn([N, I]);
const weightIh = randn([G, I]);
const weightHh = randn([G, H]);
const hidden = randn([B, H]);
const gateRows = randn([B, G]);
const gates = randn([N, G]);
const previous = randn([N, H]);

/** name, floating-point operations, and one call's work (outputs freed at once). */
const products = [
  ['x·W_ihᵀ', 2 * N * I * G, () => x.matmul(weightIh.t()).dispose()],
  [`${T} × h·W_hhᵀ`, 2 * T * B * H * G, () => repeat(() => hidden.matmul(weightHh.t()).dispose())],
  [`${T} × dgates·W_hh`, 2 * T * B * G * H, () => repeat(() => gateRows.matmul(weightHh).dispose())],
  ['dW_hh = dgatesᵀ·h_prev', 2 * G * N * H, () => gates.t().matmul(previous).dispose()],
  ['dW_ih = dgatesᵀ·x', 2 * G * N * I, () => gates.t().matmul(x).dispose()],
];

function repeat(call) {
  for (let step = 0; step < T; step++) call();
}

function milliseconds(call) {
  for (let warmup = 0; warmup < 2; warmup++) call();
  const times = [];
  for (let repetition = 0; repetition < 5; repetition++) {
    const started = performance.now();
    call();
    times.push(performance.now() - started);
  }
  return median(times);
}

const ratios = [];
for (let round = 1; round <= rounds; round++) {
  let total = 0;
  let flops = 0;
  let bestRate = 0;
  const parts = [];
  noGrad(() => {
    for (const [name, operations, call] of products) {
      const ms = milliseconds(call);
      total += ms;
      flops += operations;
      bestRate = Math.max(bestRate, operations / ms / 1e6);
      parts.push(`${name} ${format(ms)} ms (${format(operations / ms / 1e6, 1)} GFLOP/s)`);
    }
  });
  const torchMs = pytorchMilliseconds(workloads.W4b);
  ratios.push(total / torchMs);
  console.log(`round ${round}: ${parts.join('; ')}`);
  console.log(
    `round ${round}: products ${format(total)} ms for ${format(flops / 1e9, 2)} GFLOP (${format(flops / total / 1e6, 1)} GFLOP/s); ` +
      `PyTorch's whole step ${format(torchMs)} ms; products alone / PyTorch step ${format(total / torchMs)}×; ` +
      `all at the best rate (${format(bestRate, 1)} GFLOP/s): ${format(flops / bestRate / 1e6)} ms, ${format(flops / bestRate / 1e6 / torchMs)}×`,
  );
}
console.log(`W4b's products alone: median ${format(median(ratios))}× PyTorch's whole step over ${rounds} rounds`);
