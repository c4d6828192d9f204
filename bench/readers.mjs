// Data readers under hostile inputs, each case in a fresh child process (peak RSS from VmHWM):
//   - csvToTensor on one row of 10,000 and 50,000 columns (was quadratic: 5.3 s at 50,000);
//   - decodePng of a 32×32 PNG whose IDAT inflates to 256 MiB (was +323 MiB);
//   - decodePng of a 16000×16000 header (refused before inflating: Pillow's pixel limit).
//
//   npx --yes tsx --tsconfig tsconfig.sources.json readers.mjs

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { deflateSync, crc32 as zlibCrc32 } from 'node:zlib';

/** Resets VmHWM to the current RSS (Linux: writing 5 to clear_refs), so the peak is this part's own. */
const resetPeak = () => writeFileSync('/proc/self/clear_refs', '5');
const statusKiB = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))[1]);

function chunk(type, body) {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  body.copy(out, 8);
  out.writeUInt32BE(zlibCrc32(out.subarray(4, 8 + body.length)) >>> 0, 8 + body.length);
  return out;
}
function png(width, height, idat) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', idat),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

const cases = {
  'csv 10000 columns': async ({ parseCsv, csvToTensor }) => {
    const columns = Array.from({ length: 10_000 }, (_, i) => `c${i}`);
    return csvToTensor(parseCsv(`${columns.join(',')}\n${columns.map((_, i) => i).join(',')}\n`));
  },
  'csv 50000 columns': async ({ parseCsv, csvToTensor }) => {
    const columns = Array.from({ length: 50_000 }, (_, i) => `c${i}`);
    return csvToTensor(parseCsv(`${columns.join(',')}\n${columns.map((_, i) => i).join(',')}\n`));
  },
  // the compressed input (about 256 KiB) is made before the measurement starts (see prepare)
  'png 32x32 inflating to 256 MiB': async ({ decodePng }, input) => decodePng(input),
  'png 16000x16000 header': async ({ decodePng }, input) => decodePng(input).catch((error) => error.message.slice(0, 60)),
};

/** Inputs built outside the measured part. */
const prepare = {
  'png 32x32 inflating to 256 MiB': () => png(32, 32, deflateSync(Buffer.alloc(256 * 2 ** 20), { level: 9 })),
  'png 16000x16000 header': () => png(16000, 16000, deflateSync(Buffer.alloc(1024))),
};

if (process.argv[2] === '--child') {
  const data = await import('@dl/data');
  const run = cases[process.argv[3]];
  const input = prepare[process.argv[3]]?.();
  globalThis.gc?.();
  resetPeak();
  const before = statusKiB('VmRSS');
  const start = performance.now();
  const result = await run(data, input);
  const ms = performance.now() - start;
  console.log(
    JSON.stringify({ ms, peakAboveStartMiB: (statusKiB('VmHWM') - before) / 1024, note: typeof result === 'string' ? result : '' }),
  );
  process.exit(0);
}

for (const name of Object.keys(cases)) {
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], '--child', name], { encoding: 'utf8' });
  const line = child.stdout.trim().split('\n').pop();
  const result = child.status === 0 ? JSON.parse(line) : { error: child.stderr.trim().split('\n').slice(-2).join(' ') };
  console.log(
    `${name}:`,
    result.error ??
      `${result.ms.toFixed(0)} ms, peak RSS above the start ${result.peakAboveStartMiB.toFixed(0)} MiB${result.note ? ` (${result.note}...)` : ''}`,
  );
}
