// Peak memory of loadSafetensors against the tensors' own bytes, each load in a fresh child process
// (peak RSS from /proc/self/status VmHWM, minus the RSS just before the load):
//   - a 256 MiB file (one F32 tensor of 64 Mi elements);
//   - a sparse file over 2 GiB (one BOOL tensor of 2.25 Gi elements; the data are holes, so the
//     disk holds only the header), to show files over 2 GiB load at all.
//
//   npx --yes tsx --tsconfig tsconfig.sources.json safetensors-memory.mjs          # both
//   npx --yes tsx --tsconfig tsconfig.sources.json safetensors-memory.mjs 256      # one

import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MiB = 2 ** 20;
/** Resets VmHWM to the current RSS (Linux: writing 5 to clear_refs), so the peak is this part's own. */
const resetPeak = () => writeFileSync('/proc/self/clear_refs', '5');
const statusKiB = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))[1]);

/** Writes a header for one tensor and extends the file to its full size (the data part stays sparse). */
function sparseFile(path, dtype, elements, elementBytes) {
  let header = JSON.stringify({ t: { dtype, shape: [elements], data_offsets: [0, elements * elementBytes] } });
  header += ' '.repeat((8 - (header.length % 8)) % 8);
  const prefix = Buffer.alloc(8);
  prefix.writeBigUInt64LE(BigInt(header.length));
  const fd = openSync(path, 'w');
  writeSync(fd, prefix);
  writeSync(fd, header);
  ftruncateSync(fd, 8 + header.length + elements * elementBytes);
  closeSync(fd);
}

if (process.argv[2] === '--child') {
  const { loadSafetensors } = await import('@dl/nn');
  resetPeak();
  const before = statusKiB('VmRSS');
  const { tensors } = await loadSafetensors(process.argv[3]);
  const peak = statusKiB('VmHWM');
  const bytes = Object.values(tensors).reduce((sum, t) => sum + t.numel() * (t.dtype === 'bool' ? 1 : t.dtype === 'float64' ? 8 : 4), 0);
  console.log(JSON.stringify({ tensorMiB: bytes / MiB, peakAboveStartMiB: (peak - before) / 1024 }));
  process.exit(0);
}

const directory = mkdtempSync(join(tmpdir(), 'dl-bench-safetensors-'));
const cases = { 256: ['F32', 64 * MiB, 4], large: ['BOOL', 2.25 * 1024 * MiB, 1] };
for (const name of process.argv[2] ? [process.argv[2]] : Object.keys(cases)) {
  const [dtype, elements, elementBytes] = cases[name];
  const path = join(directory, `${name}.safetensors`);
  sparseFile(path, dtype, elements, elementBytes);
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], '--child', path], { encoding: 'utf8' });
  const result =
    child.status === 0
      ? JSON.parse(child.stdout.trim().split('\n').pop())
      : { error: (child.stderr || child.stdout).trim().split('\n').slice(-3).join(' ') };
  console.log(
    `${name}: file ${((8 + elements * elementBytes) / MiB).toFixed(0)} MiB,`,
    result.error ??
      `tensors ${result.tensorMiB.toFixed(0)} MiB, peak RSS above the start ${result.peakAboveStartMiB.toFixed(0)} MiB (${(result.peakAboveStartMiB / result.tensorMiB).toFixed(2)}× the tensors)`,
  );
  rmSync(path);
}
rmSync(directory, { recursive: true });
