// Runs pytorch-reference.py (Debian's python3-torch, one thread) for one workload and returns its
// milliseconds, so that moons-mlp.mjs and mnist-cnn.mjs can print PyTorch from the same run with
// --pytorch. Throws when Python or torch is missing rather than printing a stale figure.

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./pytorch-reference.py', import.meta.url));

/** Median ms per moons epoch or CNN step measured by PyTorch now, on this machine. */
export function pytorchMilliseconds(workload) {
  const output = execFileSync('/usr/bin/python3', [script, workload], { encoding: 'utf8' });
  const match = /([\d.]+) ms/.exec(output);
  if (!match) throw new Error(`pytorch-reference.py printed no timing: ${output}`);
  return { ms: Number(match[1]), label: output.trim().split(':')[0] };
}
