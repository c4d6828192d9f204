/**
 * The relaxed-SIMD build of the kernels against the plain one, in the `relaxed-simd` test project of
 * vitest.config.ts (its workers start with --experimental-wasm-relaxed-simd; Node ≥ 22 and browsers
 * need no flag). The default project leaves this file out: Node 20 cannot load that build.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kernelsRelaxedSimdWasmBase64, kernelsWasmBase64 } from './kernels-wasm.generated.js';
import type { KernelExports } from './instance.js';

/** x86 processors advertise fused multiply-add as the `fma` flag; without it V8 multiplies, then adds. */
const processorHasFma = (() => {
  try {
    return /^flags\s*:.*\bfma\b/m.test(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    return false;
  }
})();

function instantiate(base64: string): KernelExports {
  const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as KernelExports;
}

/** C = A·B (m×k times k×n) in a fresh instance of one build; returns C. */
function product(exports: KernelExports, a: Float32Array, b: Float32Array, m: number, n: number, k: number): Float32Array {
  const base = Math.ceil(exports.heapBase() / 64) * 64;
  const workspace = base;
  const aAddress = workspace + exports.workspaceBytes();
  const bAddress = aAddress + a.byteLength;
  const cAddress = bAddress + b.byteLength;
  const end = cAddress + m * n * 4;
  if (end > exports.memory.buffer.byteLength) exports.memory.grow(Math.ceil((end - exports.memory.buffer.byteLength) / 65536));
  const floats = new Float32Array(exports.memory.buffer);
  floats.set(a, aAddress / 4);
  floats.set(b, bAddress / 4);
  exports.sgemm(0, 0, m, n, k, aAddress, k, bAddress, n, cAddress, n, 0, workspace);
  return new Float32Array(exports.memory.buffer).slice(cAddress / 4, cAddress / 4 + m * n);
}

describe('the relaxed-SIMD build', () => {
  it('the two builds agree to float32 rounding on a 67×45×300 product', () => {
    let state = 12345;
    const random = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 2 ** 32 - 0.5;
    };
    const [m, n, k] = [67, 45, 300];
    const a = Float32Array.from({ length: m * k }, random);
    const b = Float32Array.from({ length: k * n }, random);
    const plain = product(instantiate(kernelsWasmBase64), a, b, m, n, k);
    const fused = product(instantiate(kernelsRelaxedSimdWasmBase64), a, b, m, n, k);
    for (let row = 0; row < m; row++)
      for (let column = 0; column < n; column++) {
        // |error| ≤ k·u·Σ|a||b| for either summation (u = 2⁻²⁴), so the two differ by at most twice that
        let magnitude = 0;
        for (let p = 0; p < k; p++) magnitude += Math.abs(a[row * k + p]! * b[p * n + column]!);
        const index = row * n + column;
        expect(Math.abs(plain[index]! - fused[index]!)).toBeLessThanOrEqual(2 * k * 2 ** -24 * magnitude);
      }
  });

  it('the relaxed build rounds a multiply-add once where the processor fuses it', () => {
    // Σ = a₀b₀ + a₁b₁ with a₀b₀ = −(1 + 2⁻¹¹) and a₁b₁ = (1 + 2⁻¹²)² = 1 + 2⁻¹¹ + 2⁻²⁴: a multiply rounds
    // a₁b₁ to 1 + 2⁻¹¹ (the 2⁻²⁴ is half an ulp, ties to even) and the sum is 0; fused, it is 2⁻²⁴.
    const a = Float32Array.of(-(1 + 2 ** -11), 1 + 2 ** -12);
    const b = Float32Array.of(1, 1 + 2 ** -12);
    expect(product(instantiate(kernelsWasmBase64), a, b, 1, 1, 2)[0]).toBe(0);
    expect(product(instantiate(kernelsRelaxedSimdWasmBase64), a, b, 1, 1, 2)[0]).toBe(processorHasFma ? 2 ** -24 : 0);
  });
});
