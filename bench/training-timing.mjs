// Shared timing helpers of the training benchmarks (moons-mlp.mjs, mnist-cnn.mjs): wall-clock and
// process CPU time per call. On a shared machine CPU time is the steadier number; both are printed.

export function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `run` (sync or async) `warmup` times, then `repetitions` times; median wall and CPU ms per call. */
export async function timeCalls(run, { warmup, repetitions }) {
  for (let i = 0; i < warmup; i++) await run();
  const wall = [];
  const cpu = [];
  for (let i = 0; i < repetitions; i++) {
    const startCpu = process.cpuUsage();
    const start = performance.now();
    await run();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

export const format = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

/** '(met)' or '(not met)', for the target lines. */
export const verdict = (met) => (met ? '(met)' : '(not met)');
