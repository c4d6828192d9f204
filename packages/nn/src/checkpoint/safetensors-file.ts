/// <reference types="node" />
import type { FileHandle } from 'node:fs/promises';
import { checkOptions, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { nodeFileSystem } from '#node-file-system';
import { storedDTypes } from './safetensors-dtypes.js';
import { saveAtomically, type FileWriter } from './atomic-write.js';
import { parseHeader, readHeaderLength, safetensorsError, type SafetensorsEntry } from './safetensors-header.js';
import {
  checkStateDict,
  readOptionNames,
  startEntryLoad,
  serializeSafetensors,
  type NamedTensors,
  type SafetensorsContent,
  type SafetensorsReadOptions,
} from './safetensors.js';

/**
 * Saves a state dict as a .safetensors file (Node), atomically: an interrupted save leaves the
 * previous file intact. Metadata values must be strings.
 * @example
 * await saveSafetensors(model.stateDict(), 'model.safetensors', { epoch: '10' });
 */
export async function saveSafetensors(
  stateDict: NamedTensors,
  path: string,
  metadata: Record<string, string> = {},
  options: { writer?: FileWriter } = {},
  ...extra: never[]
): Promise<void> {
  refuseExtraArguments('saveSafetensors', ['stateDict', 'path', 'metadata', 'options'], extra);
  checkStateDict('saveSafetensors', stateDict);
  await saveAtomically('saveSafetensors', path, () => serializeSafetensors(stateDict, metadata), options);
}

/** Bytes read per positional read: the only memory a load needs beyond the tensors themselves. */
export const readChunkBytes = 16 * 2 ** 20;

/** Fills `into` from `position`; a file that ends early (it shrank while being read) is an error naming it. */
async function readFully(handle: FileHandle, into: Uint8Array, position: number, path: string): Promise<Uint8Array> {
  let done = 0;
  while (done < into.length) {
    const { bytesRead } = await handle.read(into, done, into.length - done, position + done);
    if (bytesRead === 0)
      throw safetensorsError(
        path,
        `the file ended at byte ${position + done} while reading ${into.length} bytes from ${position} (it shrank while being read)`,
      );
    done += bytesRead;
  }
  return into;
}

/** One tensor, read chunk by chunk and decoded straight into its storage (see startEntryLoad). */
async function readTensor(
  entry: SafetensorsEntry,
  dataStart: number,
  chunk: Uint8Array,
  handle: FileHandle,
  options: SafetensorsReadOptions,
  path: string,
): Promise<Tensor> {
  const load = startEntryLoad(entry, options, path);
  const length = entry.end - entry.begin;
  const elementBytes = storedDTypes[entry.dtype]!.bytes;
  // a whole number of elements per chunk (chunk sizes are multiples of 8, elements 1 to 8 bytes)
  for (let position = 0; position < length; position += chunk.length) {
    const part = chunk.subarray(0, Math.min(chunk.length, length - position));
    load.decode(position / elementBytes, await readFully(handle, part, dataStart + entry.begin + position, path));
  }
  return load.finish();
}

/**
 * Reads a .safetensors file (Node), e.g. one written by PyTorch's `safetensors.torch.save_file`.
 * The file is read by position, header first and then one tensor at a time, never as one buffer,
 * so files over 2 GiB load and peak memory stays near the tensors' own bytes. Errors name the file.
 * @example
 * const { tensors } = await loadSafetensors('model.safetensors', { dtype: 'float32' });
 * model.loadStateDict(tensors);
 */
export async function loadSafetensors(path: string, options: SafetensorsReadOptions = {}): Promise<SafetensorsContent> {
  checkOptions('loadSafetensors', options, readOptionNames);
  const {
    fs: { open },
  } = await nodeFileSystem('loadSafetensors');
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw safetensorsError(path, `cannot open (${(error as Error).message})`, error);
  }
  try {
    const fileBytes = (await handle.stat()).size;
    const readAt = async (position: number, length: number) => readFully(handle, new Uint8Array(length), position, path);
    const headerLength = readHeaderLength(await readAt(0, Math.min(8, fileBytes)), fileBytes, path);
    const dataStart = 8 + headerLength;
    const { entries, metadata } = parseHeader(await readAt(8, headerLength), fileBytes - dataStart, path);
    const tensors: Record<string, Tensor> = Object.create(null);
    const chunk = new Uint8Array(Math.min(readChunkBytes, Math.max(0, fileBytes - dataStart)));
    for (const entry of entries) tensors[entry.name] = await readTensor(entry, dataStart, chunk, handle, options, path);
    return { tensors, metadata };
  } catch (error) {
    // system errors of reads (EISDIR, EIO) get the file's name like every other error here
    if ((error as Error).message?.startsWith(`safetensors: ${path}: `)) throw error;
    throw safetensorsError(path, `cannot read (${(error as Error).message})`, error);
  } finally {
    await handle.close();
  }
}
