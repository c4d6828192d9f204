import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeSafetensors } from './safetensors.js';
import { loadSafetensors, readChunkBytes } from './safetensors-file.js';

/** A file whose tensors span several positional-read chunks, so chunk boundaries are exercised. */
function largeFile(): { path: string; count: number } {
  const count = Math.ceil((2.5 * readChunkBytes) / 4); // 2.5 chunks of float32
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = i; // exact in float32 below 2^24
  const bf16Count = Math.ceil((1.5 * readChunkBytes) / 2);
  const bf16 = new Uint16Array(bf16Count);
  const scratch = new Float32Array(1);
  const bits = new Uint32Array(scratch.buffer);
  for (let i = 0; i < bf16Count; i++) {
    scratch[0] = i % 256; // integers up to 256 are exact in bfloat16: its bits are float32's top half
    bf16[i] = bits[0]! >>> 16;
  }
  const bytes = encodeSafetensors([{ name: 'big', dtype: 'float32', shape: [count], data: values }]);
  // append a BF16 tensor by hand (our writer has no BF16), fixing the header to cover it
  const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  header.half = { dtype: 'BF16', shape: [bf16Count], data_offsets: [count * 4, count * 4 + bf16Count * 2] };
  let text = JSON.stringify(header);
  text += ' '.repeat((8 - (text.length % 8)) % 8);
  const file = new Uint8Array(8 + text.length + count * 4 + bf16Count * 2);
  new DataView(file.buffer).setBigUint64(0, BigInt(text.length), true);
  file.set(new TextEncoder().encode(text), 8);
  file.set(new Uint8Array(values.buffer), 8 + text.length);
  file.set(new Uint8Array(bf16.buffer), 8 + text.length + count * 4);
  const path = join(mkdtempSync(join(tmpdir(), 'dl-safetensors-large-')), 'large.safetensors');
  writeFileSync(path, file);
  return { path, count };
}

describe('loadSafetensors reads by position, chunk by chunk', () => {
  it('tensors spanning several chunks (F32 and BF16) load exactly', async () => {
    const { path, count } = largeFile();
    const { tensors } = await loadSafetensors(path);
    const big = tensors.big!.dataSync();
    expect(big.length).toBe(count);
    for (const i of [0, 1, readChunkBytes / 4 - 1, readChunkBytes / 4, readChunkBytes / 2 + 3, count - 1]) expect(big[i]).toBe(i);
    const half = tensors.half!.dataSync();
    expect(tensors.half!.dtype).toBe('float32');
    for (const i of [0, 255, 256, readChunkBytes / 2 - 1, readChunkBytes / 2, half.length - 1]) expect(half[i]).toBe(i % 256);
    const asDouble = (await loadSafetensors(path, { dtype: 'float64' })).tensors.half!;
    expect(asDouble.dtype).toBe('float64');
    expect(asDouble.dataSync()[readChunkBytes / 2 + 7]).toBe((readChunkBytes / 2 + 7) % 256);
  });
});
