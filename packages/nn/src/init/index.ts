export {
  uniform,
  normal,
  constant,
  zeros,
  ones,
  xavierUniform,
  xavierNormal,
  kaimingUniform,
  kaimingNormal,
  truncNormal,
  orthogonal,
  eye,
  calculateGain,
  calculateFanInAndFanOut,
  type KaimingOptions,
} from './init.js';
export type { Nonlinearity } from './gain.js';
export { skipInit, isInitSkipped } from './skip-init.js';
export { dirac } from './dirac.js';
export { sparse, type SparseOptions } from './sparse.js';
