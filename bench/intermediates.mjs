// A synchronous loop that disposes what each op returns, outside any scope or module call:
//   for (...) op(x).dispose();
// An op built from other ops creates intermediates its caller never sees. Unless the op releases them
// they wait for the garbage collector, whose callbacks never run in such a loop, so they pile up (in
// the kernels' WebAssembly memory up to its cap, then as fresh arrays, each page faulting on its first
// write). This prints ms per call and the process's peak resident set for a few composite ops on a
// [256, 1024] float32 input, each in a fresh process, in two forms: the loop above, and the same
// calls in a scope() (which releases everything at each call's end: what the first form should cost).
//
//   node bench/intermediates.mjs            (imports the built packages: run `pnpm build` first)
//   node bench/intermediates.mjs --rounds=3 (median of three processes per row)
//
// To compare two trees, run the same script from each (`node /path/to/other/bench/intermediates.mjs`)
// alternately.

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const operations = {
  sigmoid: (dl, _nn, x) => dl.sigmoid(x),
  gelu: (dl, _nn, x) => dl.gelu(x),
  logsumexp: (dl, _nn, x) => dl.logsumexp(x, 1),
  softmax: (dl, _nn, x) => dl.softmax(x, 1),
  'F.layerNorm': (_dl, nn, x) => nn.functional.layerNorm(x, [1024]),
  'F.mseLoss': (_dl, nn, x, target) => nn.functional.mseLoss(x, target),
};

const child = process.argv.find((argument) => argument.startsWith('--child='));
if (child) {
  const [name, form] = child.slice('--child='.length).split(':');
  const dl = await import('@dl/tensor');
  const nn = await import('@dl/nn');
  dl.setNumThreads(1);
  dl.manualSeed(0);
  const x = dl.randn([256, 1024]);
  const target = dl.randn([256, 1024]);
  const operation = operations[name];
  const once = form === 'scope' ? () => dl.scope(() => void operation(dl, nn, x, target)) : () => operation(dl, nn, x, target).dispose();
  for (let call = 0; call < 30; call++) dl.noGrad(once);
  const blocks = [];
  for (let block = 0; block < 15; block++) {
    const started = performance.now();
    for (let call = 0; call < 10; call++) dl.noGrad(once);
    blocks.push((performance.now() - started) / 10);
  }
  blocks.sort((a, b) => a - b);
  console.log(JSON.stringify({ ms: blocks[7], rssMiB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const roundsArgument = process.argv.find((argument) => argument.startsWith('--rounds='));
const rounds = roundsArgument ? Number(roundsArgument.split('=')[1]) : 1;
const script = fileURLToPath(import.meta.url);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const measure = (name, form) => JSON.parse(execFileSync(process.execPath, [script, `--child=${name}:${form}`], { encoding: 'utf8' }));
console.log(`op(x).dispose() in a synchronous loop, x [256, 1024] float32, one thread — Node ${process.version}\n`);
console.log('| op | loop: ms / call | loop: peak RSS MiB | in a scope: ms / call | in a scope: peak RSS MiB |');
console.log('|---|---|---|---|---|');
for (const name of Object.keys(operations)) {
  const results = { loop: [], scope: [] };
  for (let round = 0; round < rounds; round++) for (const form of ['loop', 'scope']) results[form].push(measure(name, form));
  const cell = (form, key, digits) => median(results[form].map((result) => result[key])).toFixed(digits);
  console.log(
    `| ${name} | ${cell('loop', 'ms', 2)} | ${cell('loop', 'rssMiB', 0)} | ${cell('scope', 'ms', 2)} | ${cell('scope', 'rssMiB', 0)} |`,
  );
}
