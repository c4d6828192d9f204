/**
 * @dl/tensor/testing: gradcheck, allclose and the conformance suite every backend runs.
 * @module @dl/tensor/testing
 */
export { allclose, assertClose, type Tolerance } from './allclose.js';
export { gradcheck, gradgradcheck, type GradcheckOptions } from './gradcheck.js';
export { conformanceCases, runConformance, type ConformanceCase, type ConformanceHarness } from './conformance.js';
export { leftBehind, type LeftBehind } from './left-behind.js';
