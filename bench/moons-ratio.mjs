// The moons figure of issue #18 — an epoch after 40 warm-up epochs, against PyTorch on one thread —
// measured as alternating pairs of fresh processes, because this machine drifts ±25% minute to minute
// and a single run of moons-mlp.mjs (ours first, PyTorch a minute later) can land anywhere from 1.4×
// to 2.5×. Each round runs @dl's protocol (moons-mlp.mjs's: 40 warm-up epochs, then the median of ten
// blocks of 20 epochs by process CPU time, which includes V8's compiler threads) in a fresh Node
// process and PyTorch's (pytorch-reference.py moons: one thread, its steady epoch) back to back, in
// alternating order; the ratio of each round and their median are printed.
//
//   node bench/moons-ratio.mjs                      (5 rounds on this Node)
//   node bench/moons-ratio.mjs --rounds 9
//   node bench/moons-ratio.mjs --node /path/to/node-24/bin/node --node /path/to/node-22/bin/node
//                                                   (one column per engine, same rounds; default: this one)

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pytorchMilliseconds } from './pytorch-reference.mjs';
import { format, median, timeCalls } from './training-timing.mjs';

const block = 20;
const timing = { warmup: 2, repetitions: 10 };

if (process.argv.includes('--child')) {
  const { setNumThreads } = await import('@dl/tensor');
  const { moonsEpoch } = await import('./moons-model.mjs');
  setNumThreads(1); // as the PyTorch figure
  const epoch = moonsEpoch();
  const { cpuMs, wallMs } = await timeCalls(() => {
    for (let index = 0; index < block; index++) epoch();
  }, timing);
  console.log(JSON.stringify({ cpu: cpuMs / block, wall: wallMs / block }));
  process.exit(0);
}

function option(name) {
  const values = [];
  process.argv.forEach((argument, index) => {
    if (argument === name) values.push(process.argv[index + 1]);
  });
  return values;
}
const [roundsText = '5'] = option('--rounds');
const rounds = Number(roundsText);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive whole number (got ${roundsText})`);
const engines = option('--node');
if (engines.length === 0) engines.push(process.execPath);
const script = fileURLToPath(import.meta.url);

function ours(engine) {
  return JSON.parse(execFileSync(engine, [script, '--child'], { encoding: 'utf8' }).trim().split('\n').at(-1));
}
const versionOf = (engine) => execFileSync(engine, ['--version'], { encoding: 'utf8' }).trim();

const rows = [];
for (let round = 0; round < rounds; round++) {
  // alternate which side goes first, so a drift within the round does not favour one
  const row = { pytorch: 0, engines: [] };
  if (round % 2 === 1) row.pytorch = pytorchMilliseconds('moons').ms;
  for (const engine of engines) row.engines.push(ours(engine));
  if (round % 2 === 0) row.pytorch = pytorchMilliseconds('moons').ms;
  rows.push(row);
  console.error(
    `round ${round + 1}: PyTorch ${format(row.pytorch, 3)} ms, @dl ${row.engines.map((entry) => format(entry.cpu, 3)).join(' / ')} ms`,
  );
}

const versions = engines.map(versionOf);
console.log(`\nmoons epoch after 40 warm-up epochs (process CPU) / PyTorch 1.13 one thread (steady), ${rounds} alternating rounds\n`);
console.log(`| round | PyTorch ms | ${versions.map((version) => `@dl ${version} ms | ratio`).join(' | ')} |`);
console.log(`|---|---|${versions.map(() => '---|---').join('|')}|`);
rows.forEach((row, index) =>
  console.log(
    `| ${index + 1} | ${format(row.pytorch, 3)} | ${row.engines.map((entry) => `${format(entry.cpu, 3)} | ${format(entry.cpu / row.pytorch)}×`).join(' | ')} |`,
  ),
);
versions.forEach((version, column) => {
  const ratios = rows.map((row) => row.engines[column].cpu / row.pytorch);
  console.log(
    `\n${version}: median ratio ${format(median(ratios))}× (range ${format(Math.min(...ratios))}–${format(Math.max(...ratios))}×); ` +
      `rounds at or under 1.5×: ${ratios.filter((ratio) => ratio <= 1.5).length} of ${rounds}`,
  );
});
