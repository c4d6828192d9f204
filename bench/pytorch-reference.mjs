// Runs pytorch-reference.py (Debian's python3-torch, one thread or all cores) for one workload and returns its
// milliseconds, so that moons-mlp.mjs and mnist-cnn.mjs can print PyTorch from the same run with
// --pytorch. Throws when Python or torch is missing rather than printing a stale figure.

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./pytorch-reference.py', import.meta.url));

/**
 * Median ms per moons epoch, CNN step or CNN inference batch measured by PyTorch now, on this machine:
 * on one thread (torch.set_num_threads(1) and OPENBLAS_NUM_THREADS=1), or with `allCores` on its
 * default threads, the "PyTorch, all cores" column.
 */
export function pytorchMilliseconds(workload, { allCores = false } = {}) {
  const output = execFileSync('/usr/bin/python3', [script, workload, ...(allCores ? ['--all-cores'] : [])], { encoding: 'utf8' });
  const match = /([\d.]+) ms/.exec(output);
  if (!match) throw new Error(`pytorch-reference.py printed no timing: ${output}`);
  return { ms: Number(match[1]), label: output.trim().split(':')[0] };
}
