// Initialising a model: normal samples, a large Linear layer (kaiming_uniform_) and torchvision's VGG-16 (138M parameters, 103M of them in
// one classifier weight drawn from N(0, 0.01²)), against PyTorch 1.13 on one thread. A user meets
// these once per process, so each round runs both sides in fresh processes, in alternating order
// (this machine drifts ±25% minute to minute), and prints each workload's ratio per round and the
// median. Imports the built packages (run `pnpm build` first).
//
//   node bench/initialisation.mjs               (3 rounds)
//   node bench/initialisation.mjs --rounds 5

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { format, median } from './training-timing.mjs';

if (process.argv.includes('--child')) {
  const { empty, manualSeed, randn, setNumThreads } = await import('@dl/tensor');
  const { Linear, VGG } = await import('@dl/nn');
  setNumThreads(1); // as the PyTorch figure
  manualSeed(0);
  const milliseconds = (run) => {
    const start = performance.now();
    run();
    return performance.now() - start;
  };
  const medianMs = (run, repetitions) => {
    run();
    return median(Array.from({ length: repetitions }, () => milliseconds(run)));
  };
  const results = {};
  const weight = empty([4096, 25088]);
  results['normal_ 4096×25088, first'] = milliseconds(() => weight.normal_(0, 0.01));
  weight.dispose();
  results['randn 10⁶'] = medianMs(() => randn([1_000_000]).dispose(), 5);
  results['randn 10⁷'] = medianMs(() => randn([10_000_000]).dispose(), 5);
  results['Linear(25088, 4096) built (uniform_)'] = milliseconds(() => new Linear(25088, 4096));
  results['VGG-16 built and initialised'] = milliseconds(() => new VGG('vgg16'));
  console.log(JSON.stringify(results));
  process.exit(0);
}

const roundsIndex = process.argv.indexOf('--rounds');
const rounds = roundsIndex >= 0 ? Number(process.argv[roundsIndex + 1]) : 3;
if (!Number.isInteger(rounds) || rounds < 1)
  throw new Error(`--rounds must be a positive whole number (got ${process.argv[roundsIndex + 1]})`);

const lastLine = (output) => JSON.parse(output.trim().split('\n').at(-1));
const ours = () => lastLine(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child'], { encoding: 'utf8' }));
const reference = fileURLToPath(new URL('./initialisation-reference.py', import.meta.url));
const pytorch = () => lastLine(execFileSync('/usr/bin/python3', [reference], { encoding: 'utf8' }));

const pairs = [];
for (let round = 0; round < rounds; round++) {
  // alternate which side goes first, so a drift within the round does not favour one
  const pair = round % 2 === 0 ? { ours: ours(), pytorch: pytorch() } : { pytorch: pytorch(), ours: ours() };
  pairs.push(pair);
  console.error(`round ${round + 1}: ${JSON.stringify(pair)}`);
}

console.log(`\nInitialisation, @dl (Node ${process.version}) against PyTorch 1.13 on one thread, ${rounds} alternating rounds\n`);
console.log('| workload | @dl ms | PyTorch ms | ratio per round | median ratio |');
console.log('|---|---|---|---|---|');
for (const workload of Object.keys(pairs[0].ours)) {
  const ratios = pairs.map((pair) => pair.ours[workload] / pair.pytorch[workload]);
  const column = (side) => format(median(pairs.map((pair) => pair[side][workload])), 0);
  console.log(
    `| ${workload} | ${column('ours')} | ${column('pytorch')} | ${ratios.map((ratio) => format(ratio)).join(', ')} | ${format(median(ratios))}× |`,
  );
}
