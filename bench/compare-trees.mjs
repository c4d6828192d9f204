// Times the moons epoch and the CNN training step of two checkouts of this repository, alternating
// A B A B in one run, to show what a change costs: e.g. the commit before a change and after it,
// each built (`pnpm build`). Prints medians and the median of the per-pair ratios B/A.
//   node bench/compare-trees.mjs /path/to/before /path/to/after [--pairs 5] [--threads N]
// [--workloads moons,moons-early,moons-early-cpu,cnn,w4b] (--threads: setNumThreads(N) in both, default one per core as the
// library; --workloads: which to time, default moons,cnn)
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [before, after] = process.argv
  .slice(2)
  .filter((argument, index, all) => !argument.startsWith('--') && !all[index - 1]?.startsWith('--'));
if (!before || !after) throw new Error('usage: node bench/compare-trees.mjs BEFORE_ROOT AFTER_ROOT [--pairs N]');
const pairsIndex = process.argv.indexOf('--pairs');
const pairs = pairsIndex > 0 ? Number(process.argv[pairsIndex + 1]) : 5;
const threadsIndex = process.argv.indexOf('--threads');
const threads = threadsIndex > 0 ? process.argv[threadsIndex + 1] : 'default';
const worker = fileURLToPath(new URL('./compare-trees-worker.mjs', import.meta.url));

const time = (root, workload) => Number(execFileSync(process.execPath, [worker, root, workload, threads], { encoding: 'utf8' }).trim());
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const workloadsIndex = process.argv.indexOf('--workloads');
const workloads = workloadsIndex > 0 ? process.argv[workloadsIndex + 1].split(',') : ['moons', 'cnn'];
for (const workload of workloads) {
  const a = [];
  const b = [];
  for (let pair = 0; pair < pairs; pair++) {
    a.push(time(before, workload));
    b.push(time(after, workload));
  }
  const ratios = a.map((value, index) => b[index] / value);
  const unit = {
    moons: 'ms per epoch (after 2,000 warm-up epochs)',
    'moons-early': 'ms per epoch (median block of 20 after 40 warm-up epochs)',
    'moons-early-cpu': 'ms of process CPU per epoch (median block of 20 after 40 warm-up epochs)',
    cnn: 'ms per step (batch 64, after 5 warm-up steps)',
    w4b: 'ms per step (after 3 warm-up steps)',
  }[workload];
  console.log(
    `${workload}: before ${median(a).toFixed(3)}, after ${median(b).toFixed(3)} ${unit}; after/before ${median(ratios).toFixed(3)} (pairs: ${ratios.map((r) => r.toFixed(2)).join(' ')})`,
  );
}
