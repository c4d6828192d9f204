/// <reference types="node" />
import type { Tensor } from '@dl/tensor';
import { writeFileAtomic, type FileWriter } from './atomic-write.js';
import { parseSafetensors, serializeSafetensors, type SafetensorsContent } from './safetensors.js';

/**
 * Saves a state dict as a .safetensors file (Node), atomically: an interrupted save leaves the
 * previous file intact. Metadata values must be strings.
 * @example
 * await saveSafetensors(model.stateDict(), 'model.safetensors', { epoch: '10' });
 */
export async function saveSafetensors(
  stateDict: Record<string, Tensor>,
  path: string,
  metadata: Record<string, string> = {},
  options: { writer?: FileWriter } = {},
): Promise<void> {
  await writeFileAtomic(path, await serializeSafetensors(stateDict, metadata), options);
}

/**
 * Reads a .safetensors file (Node), e.g. one written by PyTorch's `safetensors.torch.save_file`.
 * @example
 * const { tensors } = await loadSafetensors('model.safetensors');
 * model.loadStateDict(tensors);
 */
export async function loadSafetensors(path: string, options: { device?: string } = {}): Promise<SafetensorsContent> {
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(path);
  return parseSafetensors(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), options);
}
