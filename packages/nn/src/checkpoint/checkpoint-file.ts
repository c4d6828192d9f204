/// <reference types="node" />
import { writeFileAtomic, type FileWriter } from './atomic-write.js';
import { parseCheckpoint, serializeCheckpoint, type TrainingCheckpoint } from './training-checkpoint.js';

/**
 * Saves a training checkpoint to a .safetensors file (Node), atomically.
 * @example
 * await saveCheckpoint('run/last.safetensors', {
 *   model: model.stateDict(), optimizer: optimizer.stateDict(), scheduler: scheduler.stateDict(),
 *   epoch, rngState: getRngState(),
 * });
 */
export async function saveCheckpoint(path: string, checkpoint: TrainingCheckpoint, options: { writer?: FileWriter } = {}): Promise<void> {
  await writeFileAtomic(path, await serializeCheckpoint(checkpoint), options);
}

/**
 * Reads a training checkpoint (Node).
 * @example
 * const saved = await loadCheckpoint('run/last.safetensors');
 * model.loadStateDict(saved.model);
 * optimizer.loadStateDict(saved.optimizer!);
 * setRngState(saved.rngState!);
 */
export async function loadCheckpoint(path: string, options: { device?: string } = {}): Promise<TrainingCheckpoint> {
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(path);
  return parseCheckpoint(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), options);
}
