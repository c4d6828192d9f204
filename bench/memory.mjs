// Peak and steady resident memory of the memory issue's training loops, @dl against PyTorch (one
// thread) in the same run: the moons MLP (10,000 steps) and the tutorial CNN (300 steps at batch 64),
// each in a synchronous loop and in a `for await` over a DataLoader, and the demo's training
// (examples/mnist-cnn, 1 epoch). No dispose, scope, keep or forced collection anywhere.
//   node bench/memory.mjs [--quick]        (--quick: a tenth of the steps)
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const quick = process.argv.includes('--quick');
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const workloads = [
  {
    name: 'moons MLP',
    key: 'moons',
    script: here('../examples/moons-mlp/memory-loop.mjs'),
    steps: quick ? 1000 : 10_000,
    from: quick ? 100 : 1000,
  },
  {
    name: 'tutorial CNN',
    key: 'cnn',
    script: here('../examples/mnist-cnn/memory-loop.mjs'),
    steps: quick ? 60 : 300,
    from: quick ? 10 : 50,
  },
];

/** JSON lines a memory-loop script printed, by step. */
function samples(command, args, environment = {}) {
  const output = execFileSync(command, args, {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', ...environment },
    maxBuffer: 1 << 24,
  });
  return output
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

const rows = [];
for (const { name, key, script, steps, from } of workloads) {
  for (const loop of ['sync', 'loader']) {
    const report = `${from},${steps}`;
    const ours = samples(process.execPath, [script, '--loop', loop, '--steps', String(steps), '--report', report]);
    const torch = samples('/usr/bin/python3', [here('./pytorch-memory.py'), key, loop, String(steps), report], {
      OPENBLAS_NUM_THREADS: '1',
    });
    rows.push({
      workload: `${name}, ${loop === 'sync' ? 'sync for loop' : 'for await over a DataLoader'}, ${steps} steps`,
      growth: ours[1].rssMiB - ours[0].rssMiB,
      live: `${ours[0].liveTensors} → ${ours[1].liveTensors}`,
      peak: ours[1].peakMiB,
      torchGrowth: torch[1].rssMiB - torch[0].rssMiB,
      torchPeak: torch[1].peakMiB,
      from,
    });
  }
}

// the demo's own job, one epoch and the test-set evaluation: its peak as it prints it, against PyTorch doing the same
const demo = execFileSync(process.execPath, [here('../examples/mnist-cnn/main.mjs'), '--epochs', '1', '--out', '/tmp/dl-memory-bench'], {
  encoding: 'utf8',
  env: { ...process.env, NODE_OPTIONS: '' },
});
const demoPeak = Number(/peak memory \(resident set\) (\d+) MiB/.exec(demo)?.[1]);
const torchEpoch = samples('/usr/bin/python3', [here('./pytorch-memory.py'), 'cnn', 'loader', '126', '126', '--evaluate'], {
  OPENBLAS_NUM_THREADS: '1',
});

const mib = (value) => value.toFixed(0);
console.log(
  '| workload | @dl RSS growth (MiB) from step | @dl live tensors | @dl peak (MiB) | PyTorch growth | PyTorch peak | peak ratio |',
);
console.log('|---|---|---|---|---|---|---|');
for (const row of rows)
  console.log(
    `| ${row.workload} | ${mib(row.growth)} (from ${row.from}) | ${row.live} | ${mib(row.peak)} | ${mib(row.torchGrowth)} | ${mib(row.torchPeak)} | ${(row.peak / row.torchPeak).toFixed(2)}× |`,
  );
console.log(
  `| demo (examples/mnist-cnn: 1 epoch of 126 steps, then the test set in batches of 500) | | | ${demoPeak} | | ${mib(torchEpoch.at(-1).peakMiB)} | ${(demoPeak / torchEpoch.at(-1).peakMiB).toFixed(2)}× |`,
);
