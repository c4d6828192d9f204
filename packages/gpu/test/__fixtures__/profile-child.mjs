// Run by profile.test.ts in a fresh process (init() picks its adapter once per process): times a
// few hundred kernels with init({ profile: true }) and prints what kernelTimes() and statistics() say.
import { init, kernelTimes, resetKernelTimes, statistics } from '@dl/gpu';
import { manualSeed, randn } from '@dl/tensor';

try {
  // one batch holds more dispatches than a query set has slots for: the timer submits early
  await init({ profile: true, fuse: false, dispatchesPerSubmit: 1000 });
} catch (error) {
  console.log(JSON.stringify({ error: error.message }));
  process.exit(0);
}
manualSeed(0);
const a = randn([96, 80], { device: 'webgpu' });
const b = randn([80, 64], { device: 'webgpu' });
await a.sum().item();
resetKernelTimes();
const before = statistics();
const started = performance.now();
let x = a.matmul(b);
for (let step = 0; step < 300; step++) x = x.mul(0.999);
await x.sum().item();
const wallMilliseconds = performance.now() - started;
const times = await kernelTimes();
const after = statistics();
const dispatched = Object.fromEntries(
  Object.entries(after.dispatchesByKernel)
    .map(([kernel, count]) => [kernel, count - (before.dispatchesByKernel[kernel] ?? 0)])
    .filter(([, count]) => count > 0),
);
console.log(JSON.stringify({ times, dispatched, submits: after.submits - before.submits, wallMilliseconds }));
