import { storedDTypes } from './safetensors-dtypes.js';

/**
 * Validation of a safetensors header, with the rules of the reference reader
 * (huggingface/safetensors, `SafeTensors::read_metadata` and `Metadata::validate`):
 * - at most 100,000,000 header bytes, valid UTF-8, starting with `{`, one JSON object;
 * - `__metadata__` (optional, may be null) maps strings to strings;
 * - every other key is a tensor `{ dtype, shape, data_offsets }` with a known dtype, a shape of
 *   non-negative integers and two integer offsets;
 * - sorted by offsets, the tensors are contiguous from 0 and end exactly at the end of the data
 *   section (no gap, no overlap, no trailing bytes), and each spans elements × element size bytes.
 * Every error names the file (or "buffer") the header came from.
 */

export const maximumHeaderBytes = 100_000_000;

/** One validated tensor entry; `begin`/`end` count from the start of the data section. */
export interface SafetensorsEntry {
  name: string;
  dtype: string;
  shape: number[];
  begin: number;
  end: number;
}

export interface SafetensorsHeader {
  /** In the header's key order (the order the writer gave). */
  entries: SafetensorsEntry[];
  /** A null-prototype object: a key such as `__proto__` is data, never a prototype. */
  metadata: Record<string, string>;
}

/** The error every safetensors reader throws: the operation, the source, then what is wrong. */
export function safetensorsError(source: string, message: string, cause?: unknown): Error {
  return new Error(`safetensors: ${source}: ${message}`, cause === undefined ? undefined : { cause });
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const describe = (value: unknown) => (value === undefined ? 'missing' : JSON.stringify(value));

/**
 * Reads the 8-byte little-endian header length; `fileBytes` is the whole file's size.
 * @example
 * const headerLength = readHeaderLength(bytes.subarray(0, 8), bytes.length, 'buffer');
 */
export function readHeaderLength(prefix: Uint8Array, fileBytes: number, source: string): number {
  if (fileBytes < 8) throw safetensorsError(source, `${fileBytes} bytes is shorter than the 8-byte header length`);
  const length = new DataView(prefix.buffer, prefix.byteOffset, 8).getBigUint64(0, true);
  if (length > BigInt(maximumHeaderBytes))
    throw safetensorsError(source, `header length ${length} is over the format's limit of ${maximumHeaderBytes} bytes`);
  const headerLength = Number(length);
  if (8 + headerLength > fileBytes)
    throw safetensorsError(
      source,
      `header length ${headerLength} runs past the end of the file (${fileBytes} bytes): the file is truncated or not safetensors`,
    );
  return headerLength;
}

/**
 * Parses and validates the header bytes against a data section of `dataBytes` bytes.
 * @example
 * const { entries, metadata } = parseHeader(headerBytes, fileBytes - 8 - headerBytes.length, 'model.safetensors');
 */
export function parseHeader(headerBytes: Uint8Array, dataBytes: number, source: string): SafetensorsHeader {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(headerBytes);
  } catch (error) {
    throw safetensorsError(source, 'the header is not valid UTF-8', error);
  }
  // the reference requires `{` as the first byte: no BOM, no leading whitespace
  if (text[0] !== '{') throw safetensorsError(source, `the header must start with '{', found ${JSON.stringify(text.slice(0, 8))}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw safetensorsError(source, `the header is not valid JSON (${(error as Error).message})`, error);
  }
  if (!isPlainObject(json)) throw safetensorsError(source, 'the header is not a JSON object');
  const metadata = readMetadata(json.__metadata__, source);
  const entries: SafetensorsEntry[] = [];
  for (const name of Object.keys(json)) if (name !== '__metadata__') entries.push(readEntry(name, json[name], source));
  checkLayout(entries, dataBytes, source);
  return { entries, metadata };
}

function readMetadata(value: unknown, source: string): Record<string, string> {
  const metadata: Record<string, string> = Object.create(null);
  if (value === undefined || value === null) return metadata;
  if (!isPlainObject(value)) throw safetensorsError(source, `__metadata__ must be an object of strings, found ${describe(value)}`);
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (typeof item !== 'string') throw safetensorsError(source, `__metadata__ value '${key}' must be a string, found ${describe(item)}`);
    metadata[key] = item;
  }
  return metadata;
}

function readEntry(name: string, value: unknown, source: string): SafetensorsEntry {
  const where = `tensor '${name}'`;
  if (!isPlainObject(value))
    throw safetensorsError(source, `${where} must be an object {dtype, shape, data_offsets}, found ${describe(value)}`);
  const { dtype, shape, data_offsets: offsets } = value;
  if (typeof dtype !== 'string' || !(dtype in storedDTypes))
    throw safetensorsError(
      source,
      `${where} has dtype ${describe(dtype)}, which is not a safetensors dtype (${Object.keys(storedDTypes).join(', ')})`,
    );
  if (!Array.isArray(shape) || !shape.every(isCount))
    throw safetensorsError(source, `${where} has shape ${describe(shape)}; a shape is a list of non-negative integers`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount))
    throw safetensorsError(source, `${where} has data_offsets ${describe(offsets)}; expected [begin, end], non-negative integers`);
  return { name, dtype, shape: shape as number[], begin: offsets[0] as number, end: offsets[1] as number };
}

function checkLayout(entries: readonly SafetensorsEntry[], dataBytes: number, source: string): void {
  const byOffset = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let position = 0;
  for (const entry of byOffset) {
    const where = `tensor '${entry.name}' (${entry.dtype} ${JSON.stringify(entry.shape)}, data_offsets [${entry.begin}, ${entry.end}])`;
    if (entry.begin !== position || entry.end < entry.begin)
      throw safetensorsError(
        source,
        `${where}: tensors must be contiguous and in order; this one should begin at byte ${position} (a gap or an overlap)`,
      );
    const elements = entry.shape.reduce((product, extent) => product * extent, 1);
    const bytes = elements * storedDTypes[entry.dtype]!.bytes;
    if (!Number.isSafeInteger(bytes)) throw safetensorsError(source, `${where}: the shape's size overflows`);
    if (entry.end - entry.begin !== bytes)
      throw safetensorsError(source, `${where} spans ${entry.end - entry.begin} bytes, but its dtype and shape need ${bytes}`);
    if (entry.end > dataBytes)
      throw safetensorsError(source, `${where} ends past the data section (${dataBytes} bytes): the file is truncated`);
    position = entry.end;
  }
  if (position !== dataBytes)
    throw safetensorsError(source, `the tensors cover ${position} of the ${dataBytes} data bytes: ${dataBytes - position} trailing bytes`);
}
