/**
 * The two builds of the WebAssembly kernels (instance.ts): relaxed SIMD (fused multiply-add in the
 * sgemm microkernel) where the engine has it, plain SIMD128 elsewhere. This file runs in both test
 * projects of vitest.config.ts: `node` (Node 20: plain SIMD) and `relaxed-simd`, whose workers start
 * with --experimental-wasm-relaxed-simd (relaxed-simd-build.test.ts compares the builds there).
 */
import { describe, expect, it } from 'vitest';
import { kernelsRelaxedSimdWasmBase64 } from './kernels-wasm.generated.js';
import { wasmKernelVariant } from './instance.js';

const relaxedSimdFlag = process.execArgv.includes('--experimental-wasm-relaxed-simd');
const nodeMajor = Number(process.versions.node.split('.')[0]);
/** Relaxed SIMD is on by default from V8 11.4 (Node 22); Node 20 needs the flag. */
const engineHasRelaxedSimd = relaxedSimdFlag || nodeMajor >= 22;

describe('the WebAssembly kernel builds', () => {
  it('picks the relaxed-SIMD build exactly where the engine has relaxed SIMD', () => {
    expect(wasmKernelVariant()).toBe(engineHasRelaxedSimd ? 'relaxed-simd' : 'simd');
  });

  it('the relaxed build validates exactly where the engine has relaxed SIMD', () => {
    const bytes = Uint8Array.from(atob(kernelsRelaxedSimdWasmBase64), (character) => character.charCodeAt(0));
    expect(WebAssembly.validate(bytes)).toBe(engineHasRelaxedSimd);
  });
});
