export {
  encodeSafetensors,
  serializeSafetensors,
  parseSafetensors,
  type SafetensorsContent,
  type SafetensorsReadOptions,
  type NamedTensors,
  type EncodeEntry,
} from './safetensors.js';
export { saveSafetensors, loadSafetensors } from './safetensors-file.js';
export { writeFileAtomic, type FileWriter } from './atomic-write.js';
export type { OpenFile } from './open-file.js';
export { serializeCheckpoint, parseCheckpoint, type TrainingCheckpoint } from './training-checkpoint.js';
export { saveCheckpoint, loadCheckpoint } from './checkpoint-file.js';
