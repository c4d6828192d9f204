// Where the CPU time of the moons MLP's first 3,000 epochs goes while V8 warms up: for each window of
// epochs, wall time, the whole process's CPU time (what moons-mlp.mjs compares with PyTorch) and the
// main thread's own CPU time; the difference is V8's background threads, almost all of it TurboFan
// compiling the library's functions as each becomes hot (run with `--single-threaded-gc` to see that
// the garbage collector's helpers are not it, and with `--trace-opt` to list the compilations).
//
//   node bench/moons-warmup.mjs                    (imports the built packages: run `pnpm build` first)
//   node bench/moons-warmup.mjs --pytorch          (adds PyTorch's steady epoch, one thread, for the ratio)
//   /path/to/node-22/bin/node bench/moons-warmup.mjs  (another engine: the figures depend on V8's tiers)
//
// The main thread's time comes from /proc/self/task/PID/schedstat (nanoseconds on the CPU), so it is
// Linux only; elsewhere that column reads n/a.

import { readFileSync } from 'node:fs';
import { setNumThreads } from '@dl/tensor';
import { moonsEpoch } from './moons-model.mjs';
import { pytorchMilliseconds } from './pytorch-reference.mjs';
import { format } from './training-timing.mjs';

setNumThreads(1); // as moons-mlp.mjs and the PyTorch figure it is compared with

/** moons-mlp.mjs's epoch: forward, loss, backward, Adam step, the loss read back. */
const epoch = moonsEpoch();

/** Milliseconds the main thread has been on the CPU, or NaN where /proc does not say. */
function mainThreadMilliseconds() {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

function processMilliseconds() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

// 40–240 is moons-mlp.mjs's first figure (ten blocks of 20 after 40 warm-up epochs), 1000–3000 its second
const boundaries = [0, 40, 240, 1000, 3000];
const rows = [];
for (let window = 1; window < boundaries.length; window++) {
  const epochs = boundaries[window] - boundaries[window - 1];
  const [wall, cpu, main] = [performance.now(), processMilliseconds(), mainThreadMilliseconds()];
  for (let index = 0; index < epochs; index++) epoch();
  const perEpoch = (start, end) => (end - start) / epochs;
  const processCpu = perEpoch(cpu, processMilliseconds());
  const mainCpu = perEpoch(main, mainThreadMilliseconds());
  rows.push({
    window: `${boundaries[window - 1]}–${boundaries[window]}`,
    wall: perEpoch(wall, performance.now()),
    processCpu,
    mainCpu,
    background: processCpu - mainCpu,
  });
}

const pytorch = process.argv.includes('--pytorch') ? pytorchMilliseconds('moons') : null;
console.log(`\nmoons MLP, ms per epoch by window of epochs — Node ${process.version} (V8 ${process.versions.v8})\n`);
console.log(`| epochs | wall | process CPU | main thread CPU | other threads (V8 compiling) |${pytorch ? ' process CPU / PyTorch |' : ''}`);
console.log(`|---|---|---|---|---|${pytorch ? '---|' : ''}`);
for (const row of rows)
  console.log(
    `| ${row.window} | ${format(row.wall, 3)} | ${format(row.processCpu, 3)} | ${format(row.mainCpu, 3)} | ${format(row.background, 3)} |` +
      (pytorch ? ` ${format(row.processCpu / pytorch.ms)}× |` : ''),
  );
if (pytorch) console.log(`\n${pytorch.label}: ${format(pytorch.ms, 3)} ms per epoch (steady, measured in this run)`);
