/**
 * Philox4x32-10 in WGSL, word for word the generator of @dl/tensor's random/philox.ts: block j of a
 * draw at counter offset o is philox(key = seed, counter = o + j), element i is word (i mod 4) of block
 * floor(i / 4), mapped to [0, 1) as (word >> 8) · 2⁻²⁴. WGSL has no 32×32→64 multiply, so the high
 * word is assembled from 16-bit halves (the CPU does the same to stay exact in doubles).
 */
export const philoxSource = `fn multiplyHigh(a: u32, b: u32) -> u32 {
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
}

// The four words of Philox block 'block' of the draw whose seed and counter offset are the four
// parameters starting at 'first' (seed low, seed high, offset low, offset high): the 64-bit counter
// is offset + block, with the carry into the high word.
fn philoxDraw(first: u32, block: u32) -> vec4<u32> {
  let offsetLow = bitcast<u32>(parameter(first + 2u));
  let counterLow = offsetLow + block;
  let carry = select(0u, 1u, counterLow < offsetLow);
  let counter = vec2<u32>(counterLow, bitcast<u32>(parameter(first + 3u)) + carry);
  return philoxBlock(vec2<u32>(bitcast<u32>(parameter(first)), bitcast<u32>(parameter(first + 1u))), counter);
}`;

/** The kernel parameters that `philoxDraw` reads: seed low, seed high, offset low, offset high (32-bit words). */
export function philoxWords(seed: bigint, offset: bigint): [number, number, number, number] {
  const word = (value: bigint, shift: bigint) => Number((value >> shift) & 0xffffffffn);
  return [word(seed, 0n), word(seed, 32n), word(offset, 0n), word(offset, 32n)];
}
