/// <reference types="node" />
import type { Tensor } from '@dl/tensor';
import { saveAtomically, type FileWriter } from './atomic-write.js';
import { checkOptions } from './check-options.js';
import { parseHeader, readHeaderLength, safetensorsError } from './safetensors-header.js';
import { entryToTensor, readOptionNames, serializeSafetensors, type NamedTensors, type SafetensorsContent, type SafetensorsReadOptions } from './safetensors.js';

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
): Promise<void> {
  await saveAtomically('saveSafetensors', path, () => serializeSafetensors(stateDict, metadata), options);
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
  const { open } = await import('node:fs/promises');
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw safetensorsError(path, `cannot open (${(error as Error).message})`, error);
  }
  try {
    const fileBytes = (await handle.stat()).size;
    const readAt = async (position: number, length: number) => {
      const bytes = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(bytes, done, length - done, position + done);
        if (bytesRead === 0) throw safetensorsError(path, `the file ended at byte ${position + done} while reading ${length} bytes from ${position} (it shrank while being read)`);
        done += bytesRead;
      }
      return bytes;
    };
    const headerLength = readHeaderLength(await readAt(0, Math.min(8, fileBytes)), fileBytes, path);
    const dataStart = 8 + headerLength;
    const { entries, metadata } = parseHeader(await readAt(8, headerLength), fileBytes - dataStart, path);
    const tensors: Record<string, Tensor> = Object.create(null);
    for (const entry of entries)
      tensors[entry.name] = entryToTensor(entry, await readAt(dataStart + entry.begin, entry.end - entry.begin), options, path);
    return { tensors, metadata };
  } finally {
    await handle.close();
  }
}
