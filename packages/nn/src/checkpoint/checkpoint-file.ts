/// <reference types="node" />
import { nodeFileSystem } from '#node-file-system';
import { saveAtomically, type FileWriter } from './atomic-write.js';
import { loadSafetensors } from './safetensors-file.js';
import type { SafetensorsReadOptions } from './safetensors.js';
import { assembleCheckpoint, checkCheckpoint, serializeCheckpoint, type TrainingCheckpoint } from './training-checkpoint.js';

/**
 * Saves a training checkpoint to a .safetensors file (Node), atomically.
 * @example
 * await saveCheckpoint('run/last.safetensors', {
 *   model: model.stateDict(), optimizer: optimizer.stateDict(), scheduler: scheduler.stateDict(),
 *   epoch, rngState: getRngState(),
 * });
 */
export async function saveCheckpoint(path: string, checkpoint: TrainingCheckpoint, options: { writer?: FileWriter } = {}): Promise<void> {
  checkCheckpoint('saveCheckpoint', checkpoint);
  await saveAtomically('saveCheckpoint', path, () => serializeCheckpoint(checkpoint), options);
}

/**
 * Reads a training checkpoint (Node).
 * @example
 * const saved = await loadCheckpoint('run/last.safetensors');
 * model.loadStateDict(saved.model);
 * optimizer.loadStateDict(saved.optimizer!);
 * setRngState(saved.rngState!);
 */
export async function loadCheckpoint(path: string, options: SafetensorsReadOptions = {}): Promise<TrainingCheckpoint> {
  await nodeFileSystem('loadCheckpoint');
  return assembleCheckpoint(await loadSafetensors(path, options), path);
}
