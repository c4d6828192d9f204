import type { TensorView } from '@dl/tensor';
import { gpuBufferOf } from '../backend/gpu-tensor-buffer.js';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { gridFor, linearEntryPoint } from './dispatch-grid.js';
import { Parameters, parameterDeclaration } from './parameters.js';

/**
 * Philox4x32-10 in WGSL, word for word the generator of @dl/tensor's random/philox.ts: block j of a
 * draw at counter offset o is philox(key = seed, counter = o + j), element i is word (i mod 4) of block
 * floor(i / 4), mapped to [0, 1) as (word >> 8) · 2⁻²⁴. WGSL has no 32×32→64 multiply, so the high
 * word is assembled from 16-bit halves (the CPU does the same to stay exact in doubles).
 */
const philoxSource = `fn multiplyHigh(a: u32, b: u32) -> u32 {
  let aHigh = a >> 16u;
  let aLow = a & 0xffffu;
  let bHigh = b >> 16u;
  let bLow = b & 0xffffu;
  let low = aLow * bLow;
  let middle1 = aHigh * bLow;
  let middle2 = aLow * bHigh;
  let carry = ((middle1 & 0xffffu) + (middle2 & 0xffffu) + (low >> 16u)) >> 16u;
  return aHigh * bHigh + (middle1 >> 16u) + (middle2 >> 16u) + carry;
}

fn philoxBlock(key: vec2<u32>, counter: vec2<u32>) -> vec4<u32> {
  var c = vec4<u32>(counter.x, counter.y, 0u, 0u);
  var k = key;
  for (var roundIndex = 0; roundIndex < 10; roundIndex++) {
    let high0 = multiplyHigh(0xd2511f53u, c.x);
    let low0 = 0xd2511f53u * c.x;
    let high1 = multiplyHigh(0xcd9e8d57u, c.z);
    let low1 = 0xcd9e8d57u * c.z;
    c = vec4<u32>(high1 ^ c.y ^ k.x, low1, high0 ^ c.w ^ k.y, low0);
    k = k + vec2<u32>(0x9e3779b9u, 0xbb67ae85u);
  }
  return c;
}`;

const body = `  let size = u32(parameter(1u));
  let offsetLow = bitcast<u32>(parameter(5u));
  // 64-bit counter = offset + block, with the carry into the high word
  let counterLow = offsetLow + index;
  let carry = select(0u, 1u, counterLow < offsetLow);
  let counter = vec2<u32>(counterLow, bitcast<u32>(parameter(6u)) + carry);
  let words = philoxBlock(vec2<u32>(bitcast<u32>(parameter(3u)), bitcast<u32>(parameter(4u))), counter);
  let first = index * 4u;
  let base = u32(parameter(2u)) + first;
  for (var word = 0u; word < 4u; word++) {
    if (first + word < size) { output[base + word] = f32(words[word] >> 8u) * 5.9604644775390625e-8; }
  }`;

/** Fills contiguous float32 `out` with uniform [0, 1) numbers for (seed, counter offset). */
export function runUniform(runtime: GpuRuntime, out: TensorView, seed: bigint, offset: bigint): void {
  const label = 'uniform philox4x32-10';
  if (out.dtype !== 'float32') throw new Error(`webgpu uniform: output must be float32, got ${out.dtype}`);
  const size = out.shape.reduce((a, b) => a * b, 1);
  if (size === 0) return;
  const blocks = Math.ceil(size / 4);
  const word = (value: bigint, shift: bigint) => Number((value >> shift) & 0xffffffffn);
  const parameters = new Parameters().int(blocks, size, out.offset, word(seed, 0n), word(seed, 32n), word(offset, 0n), word(offset, 32n));
  const source = `// ${label}
@group(0) @binding(0) var<storage, read_write> output: array<f32>;
${parameterDeclaration(1, parameters.length)}
${philoxSource}
${linearEntryPoint('parameter(0u)', body)}`;
  runtime.dispatch({
    label,
    source,
    bindings: [{ buffer: gpuBufferOf(label, out.buffer), access: 'read-write' }],
    parameters: parameters.toArray(),
    workgroups: gridFor(label, blocks),
  });
}
