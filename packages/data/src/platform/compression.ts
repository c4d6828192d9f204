import { describeValue, refuseExtraArguments } from '@dl/tensor';
/**
 * gzip and zlib (deflate) through the Compression Streams API, in Node 18+ and every current
 * browser alike. `deflate` is the zlib format (RFC 1950) that PNG uses.
 */
type Format = 'gzip' | 'deflate';

/** `limit`: stop reading once that many bytes are out (a decompression bomb never inflates further). */
async function run(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const chunks: Uint8Array[] = [];
  const reader = stream.readable.getReader();
  let total = 0;
  while (total < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.length;
  }
  if (total >= limit) {
    await reader.cancel().catch(() => undefined);
    total = Math.min(total, limit);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    if (offset >= total) break;
    out.set(chunk.subarray(0, total - offset), offset);
    offset += chunk.length;
  }
  return out;
}

export async function compress(bytes: Uint8Array, format: Format, ...extra: never[]): Promise<Uint8Array> {
  if (extra.length > 0) refuseExtraArguments('compress', ['bytes', 'format'], extra);
  checkCompression('compress', bytes, format);
  return run(bytes, new CompressionStream(format));
}

/** Inflates `bytes`; with `limit`, at most that many bytes (the rest is never produced). */
export async function decompress(bytes: Uint8Array, format: Format, limit?: number, ...extra: never[]): Promise<Uint8Array> {
  if (extra.length > 0) refuseExtraArguments('decompress', ['bytes', 'format', 'limit'], extra);
  checkCompression('decompress', bytes, format);
  return run(bytes, new DecompressionStream(format), limit);
}

/** Bytes and a format this module knows, checked before a stream is made (whose errors are the engine's words). */
function checkCompression(operation: string, bytes: unknown, format: unknown): void {
  if (!(bytes instanceof Uint8Array)) throw new Error(`${operation}: bytes must be a Uint8Array, got ${describeValue(bytes)}`);
  if (format !== 'gzip' && format !== 'deflate')
    throw new Error(`${operation}: format must be 'gzip' or 'deflate', got ${describeValue(format)}`);
}

/** gzip files start with the bytes 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The bytes of a file, gunzipped when they are gzip; `name` goes into the error of a broken archive. */
export async function maybeGunzip(bytes: Uint8Array, name: string): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    return await decompress(bytes, 'gzip');
  } catch (error) {
    throw new Error(`${name}: corrupt or truncated gzip data (${(error as Error).message})`);
  }
}
