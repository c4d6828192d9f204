// Winograd's minimal filtering F(2×2, 3×3) for 3×3, stride-1, undilated convolutions (Lavin & Gray,
// "Fast Algorithms for Convolutional Neural Networks", 2015). Every 2×2 block of output is
//
//   Y = Aᵀ [ U ⊙ V ] A,   U = G g Gᵀ (4×4, from the 3×3 filter g),   V = Bᵀ d B (4×4, from the 4×4 input tile d)
//
//        ⎡1  0 −1  0⎤         ⎡ 1    0    0 ⎤         ⎡1  1  1  0⎤
//   Bᵀ = ⎢0  1  1  0⎥    G =  ⎢1/2  1/2  1/2⎥    Aᵀ = ⎣0  1 −1 −1⎦
//        ⎢0 −1  1  0⎥         ⎢1/2 −1/2  1/2⎥
//        ⎣0  1  0 −1⎦         ⎣ 0    0    1 ⎦
//
// which is an exact identity: 16 products per output block and input channel instead of 36. Summed
// over input channels, each of the 16 positions ξ of the 4×4 transform domain is a matrix product
//
//   M[ξ] (P × T) = U[ξ] (P × Q) · V[ξ] (Q × T)        P output channels, Q input channels, T tiles
//
// run on the module's sgemm: the convolution's multiplications drop by 36/16 = 2.25×, for the price
// of the transforms (additions only). Tiles of neighbouring outputs overlap by two input rows and
// columns; tiles hanging over the output's edge read zeros and their extra outputs are dropped.
//
// The gradients follow from the same identity by the chain rule, so they are exact too:
//   input gradient   a forward pass over the output gradient with the filters transposed and rotated
//                    by 180° and padding 2 − p (the full correlation that is conv2d's adjoint);
//   weight gradient  ∂U[ξ] = Σ_t ∂M[ξ] V[ξ]ᵀ with ∂M = A ∂Y Aᵀ, then ∂g = Gᵀ ∂U G.

import { sgemm } from './sgemm';

const FLOAT_BYTES: i32 = 4;
/** The transform domain: 4×4 positions per tile. */
const POSITIONS: i32 = 16;
/** Tiles multiplied per chunk of images: large enough for sgemm's packing to pay, small enough to stay in cache. */
const TILES_PER_CHUNK: i32 = 384;

/** One convolution as Winograd sees it: `inChannels` (Q) planes of inH × inW in, `outChannels` (P) of outH × outW out. */
@unmanaged class Shape {
  batch: i32;
  inChannels: i32;
  inHeight: i32;
  inWidth: i32;
  outChannels: i32;
  outHeight: i32;
  outWidth: i32;
  padHeight: i32;
  padWidth: i32;
}

/**
 * Floats between the matrices of consecutive positions ξ (rows × tiles each), padded. The transforms
 * touch all 16 matrices per tile: with a plain rows·tiles stride that is a multiple of 4 KiB (64 ×
 * 720 floats, the tutorial's layer), all 16 streams fall into the same L1 sets and evict each other
 * (4K aliasing); 16 extra floats move each stream to its own cache line offset.
 */
// @ts-ignore: decorator
@inline function positionStride(rows: i32, tiles: i32): i32 {
  return ((rows * tiles + 15) & ~15) + 16;
}

/** Images per chunk, so that a chunk holds about TILES_PER_CHUNK tiles. */
// @ts-ignore: decorator
@inline function chunkImages(tilesPerImage: i32, batch: i32): i32 {
  return max(1, min(batch, TILES_PER_CHUNK / max(1, tilesPerImage)));
}

/** Scratch bytes for one pass: U [16 × P × Q], V [16 × Q × tiles], M [16 × P × tiles] for one chunk. */
export function winogradScratchBytes(batch: i32, inChannels: i32, outChannels: i32, outHeight: i32, outWidth: i32): i32 {
  const tilesPerImage = ((outHeight + 1) >> 1) * ((outWidth + 1) >> 1);
  const tiles = chunkImages(tilesPerImage, batch) * tilesPerImage;
  const tilesHigh = (outHeight + 1) >> 1, tilesWide = (outWidth + 1) >> 1;
  const transforms = POSITIONS * (outChannels * inChannels + positionStride(inChannels, tiles) + positionStride(outChannels, tiles));
  return (transforms + paddedPlaneFloats(tilesHigh, tilesWide)) * FLOAT_BYTES;
}

/**
 * y = conv(x, filters) (+ bias) with filters already transformed to U [16][P][Q]. x is
 * [batch][Q][inH][inW]; y is [batch][P][outH][outW] with outH = inH + 2·padH − 2.
 */
export function winogradConvolve(shape: usize, x: usize, transformed: usize, bias: usize, y: usize, scratch: usize, workspace: usize): void {
  const s = changetype<Shape>(shape);
  const tilesHigh = (s.outHeight + 1) >> 1, tilesWide = (s.outWidth + 1) >> 1;
  const tilesPerImage = tilesHigh * tilesWide;
  const images = chunkImages(tilesPerImage, s.batch);
  const inputs = scratch;
  const products = inputs + <usize>(POSITIONS * positionStride(s.inChannels, images * tilesPerImage) * FLOAT_BYTES);
  const padded = products + <usize>(POSITIONS * positionStride(s.outChannels, images * tilesPerImage) * FLOAT_BYTES);
  const inPlane = s.inHeight * s.inWidth, outPlane = s.outHeight * s.outWidth;
  for (let first = 0; first < s.batch; first += images) {
    const count = min(images, s.batch - first);
    const tiles = count * tilesPerImage;
    const inputStride = positionStride(s.inChannels, tiles), productStride = positionStride(s.outChannels, tiles);
    transformInput(s, x + <usize>(first * s.inChannels * inPlane * FLOAT_BYTES), count, tilesHigh, tilesWide, inputs, inputStride, padded);
    for (let position = 0; position < POSITIONS; position++) {
      sgemm(
        false, false, s.outChannels, tiles, s.inChannels,
        transformed + <usize>(position * s.outChannels * s.inChannels * FLOAT_BYTES), s.inChannels,
        inputs + <usize>(position * inputStride * FLOAT_BYTES), tiles,
        products + <usize>(position * productStride * FLOAT_BYTES), tiles,
        false, workspace,
      );
    }
    transformOutput(s, products, productStride, bias, count, tilesHigh, tilesWide, y + <usize>(first * s.outChannels * outPlane * FLOAT_BYTES));
  }
}

/**
 * ∂g = Σ over images and tiles of Gᵀ (∂M ⊙ V) G, for x [batch][Q][inH][inW] and the output gradient
 * dy [batch][P][outH][outW]; writes dw [P][Q][3][3]. `scratch` starts with ∂U [16][P][Q].
 */
export function winogradWeightGradient(shape: usize, x: usize, dy: usize, dw: usize, scratch: usize, workspace: usize): void {
  const s = changetype<Shape>(shape);
  const tilesHigh = (s.outHeight + 1) >> 1, tilesWide = (s.outWidth + 1) >> 1;
  const tilesPerImage = tilesHigh * tilesWide;
  const images = chunkImages(tilesPerImage, s.batch);
  const filterGradient = scratch;
  const inputs = filterGradient + <usize>(POSITIONS * s.outChannels * s.inChannels * FLOAT_BYTES);
  const gradients = inputs + <usize>(POSITIONS * positionStride(s.inChannels, images * tilesPerImage) * FLOAT_BYTES);
  const padded = gradients + <usize>(POSITIONS * positionStride(s.outChannels, images * tilesPerImage) * FLOAT_BYTES);
  const inPlane = s.inHeight * s.inWidth, outPlane = s.outHeight * s.outWidth;
  if (s.batch == 0) memory.fill(filterGradient, 0, <usize>(POSITIONS * s.outChannels * s.inChannels * FLOAT_BYTES));
  for (let first = 0; first < s.batch; first += images) {
    const count = min(images, s.batch - first);
    const tiles = count * tilesPerImage;
    const inputStride = positionStride(s.inChannels, tiles), gradientStride = positionStride(s.outChannels, tiles);
    transformInput(s, x + <usize>(first * s.inChannels * inPlane * FLOAT_BYTES), count, tilesHigh, tilesWide, inputs, inputStride, padded);
    transformOutputGradient(s, dy + <usize>(first * s.outChannels * outPlane * FLOAT_BYTES), count, tilesHigh, tilesWide, gradients, gradientStride);
    for (let position = 0; position < POSITIONS; position++) {
      // ∂U[ξ] (P × Q) (+)= ∂M[ξ] (P × T) · V[ξ]ᵀ (T × Q)
      sgemm(
        false, true, s.outChannels, s.inChannels, tiles,
        gradients + <usize>(position * gradientStride * FLOAT_BYTES), tiles,
        inputs + <usize>(position * inputStride * FLOAT_BYTES), tiles,
        filterGradient + <usize>(position * s.outChannels * s.inChannels * FLOAT_BYTES), s.inChannels,
        first > 0, workspace,
      );
    }
  }
  transformFilterGradient(filterGradient, s.outChannels, s.inChannels, dw);
}

/**
 * U[ξ][p][q] = (G g Gᵀ)[ξ] for the 3×3 filters w [O][C][3][3]. Forward (adjoint false): p = o, q = c,
 * g = w[o][c]. Adjoint (for the input gradient): p = c, q = o, g = w[o][c] rotated by 180°.
 */
export function winogradTransformFilters(w: usize, outChannels: i32, inChannels: i32, adjoint: bool, transformed: usize): void {
  const rows = adjoint ? inChannels : outChannels;
  const columns = adjoint ? outChannels : inChannels;
  const stride = <usize>(rows * columns * FLOAT_BYTES);
  for (let o = 0; o < outChannels; o++) {
    for (let c = 0; c < inChannels; c++) {
      const filter = w + <usize>((o * inChannels + c) * 9 * FLOAT_BYTES);
      // g[i][j], rotated by 180° for the adjoint
      let g0: f32, g1: f32, g2: f32, g3: f32, g4: f32, g5: f32, g6: f32, g7: f32, g8: f32;
      if (adjoint) {
        g0 = load<f32>(filter, 32); g1 = load<f32>(filter, 28); g2 = load<f32>(filter, 24);
        g3 = load<f32>(filter, 20); g4 = load<f32>(filter, 16); g5 = load<f32>(filter, 12);
        g6 = load<f32>(filter, 8); g7 = load<f32>(filter, 4); g8 = load<f32>(filter, 0);
      } else {
        g0 = load<f32>(filter, 0); g1 = load<f32>(filter, 4); g2 = load<f32>(filter, 8);
        g3 = load<f32>(filter, 12); g4 = load<f32>(filter, 16); g5 = load<f32>(filter, 20);
        g6 = load<f32>(filter, 24); g7 = load<f32>(filter, 28); g8 = load<f32>(filter, 32);
      }
      // G g: 4×3, column by column (rows of G: g₀; (g₀+g₁+g₂)/2; (g₀−g₁+g₂)/2; g₂)
      const a0 = g0, a1 = (g0 + g3 + g6) * 0.5, a2 = (g0 - g3 + g6) * 0.5, a3 = g6;
      const b0 = g1, b1 = (g1 + g4 + g7) * 0.5, b2 = (g1 - g4 + g7) * 0.5, b3 = g7;
      const c0 = g2, c1 = (g2 + g5 + g8) * 0.5, c2 = (g2 - g5 + g8) * 0.5, c3 = g8;
      // (G g) Gᵀ: each row (aᵢ, bᵢ, cᵢ) becomes (aᵢ, (aᵢ+bᵢ+cᵢ)/2, (aᵢ−bᵢ+cᵢ)/2, cᵢ)
      const row = adjoint ? c : o, column = adjoint ? o : c;
      let target = transformed + <usize>((row * columns + column) * FLOAT_BYTES);
      target = storeFilterRow(target, stride, a0, b0, c0);
      target = storeFilterRow(target, stride, a1, b1, c1);
      target = storeFilterRow(target, stride, a2, b2, c2);
      storeFilterRow(target, stride, a3, b3, c3);
    }
  }
}

// @ts-ignore: decorator
@inline function storeFilterRow(target: usize, stride: usize, a: f32, b: f32, c: f32): usize {
  store<f32>(target, a);
  store<f32>(target + stride, (a + b + c) * 0.5);
  store<f32>(target + 2 * stride, (a - b + c) * 0.5);
  store<f32>(target + 3 * stride, c);
  return target + 4 * stride;
}

/**
 * V[ξ][q][t] = (Bᵀ d B)[ξ] for every 4×4 input tile d of `count` images: tile (ty, tx) of image n
 * starts at input row 2ty − padH and column 2tx − padW, and reads 0 outside the image. Each plane is
 * first copied into a zero-bordered one (`padded`, big enough for every tile's reach), so the tile
 * loop reads without bounds tests.
 */
function transformInput(s: Shape, x: usize, count: i32, tilesHigh: i32, tilesWide: i32, inputs: usize, positionFloats: i32, padded: usize): void {
  const tiles = count * tilesHigh * tilesWide;
  const stride = <usize>(positionFloats * FLOAT_BYTES); // between positions ξ
  const plane = s.inHeight * s.inWidth;
  // Without padding, when every tile lies inside the image (a "valid" convolution), tiles are read
  // from the image itself; otherwise from a zero-bordered copy of each plane. (A group of four tiles
  // loads whole vectors up to two floats past its last column, so past the last plane's end the
  // caller's next region is read and ignored: x is never the last region of a call.)
  const inside = s.padHeight == 0 && s.padWidth == 0 && 2 * tilesHigh + 2 <= s.inHeight && 2 * tilesWide + 2 <= s.inWidth;
  const paddedRowBytes = <usize>((inside ? s.inWidth : 2 * tilesWide + 2) * FLOAT_BYTES);
  for (let n = 0; n < count; n++) {
    for (let q = 0; q < s.inChannels; q++) {
      let source = x + <usize>((n * s.inChannels + q) * plane * FLOAT_BYTES);
      if (!inside) {
        padPlane(s, source, tilesHigh, tilesWide, padded);
        source = padded;
      }
      let target = inputs + <usize>((q * tiles + n * tilesHigh * tilesWide) * FLOAT_BYTES);
      for (let ty = 0; ty < tilesHigh; ty++) {
        let r0 = source + <usize>(2 * ty) * paddedRowBytes;
        let tx = 0;
        // four neighbouring tiles at a time, one per lane
        for (; tx + 4 <= tilesWide; tx += 4, target += 4 * FLOAT_BYTES, r0 += 8 * FLOAT_BYTES) {
          transformInputGroup(r0, paddedRowBytes, target, stride);
        }
        for (; tx < tilesWide; tx++, target += FLOAT_BYTES, r0 += 2 * FLOAT_BYTES) {
          const r1 = r0 + paddedRowBytes, r2 = r1 + paddedRowBytes, r3 = r2 + paddedRowBytes;
          const d00 = load<f32>(r0, 0), d01 = load<f32>(r0, 4), d02 = load<f32>(r0, 8), d03 = load<f32>(r0, 12);
          const d10 = load<f32>(r1, 0), d11 = load<f32>(r1, 4), d12 = load<f32>(r1, 8), d13 = load<f32>(r1, 12);
          const d20 = load<f32>(r2, 0), d21 = load<f32>(r2, 4), d22 = load<f32>(r2, 8), d23 = load<f32>(r2, 12);
          const d30 = load<f32>(r3, 0), d31 = load<f32>(r3, 4), d32 = load<f32>(r3, 8), d33 = load<f32>(r3, 12);
          // Bᵀ d: row combinations (d₀ − d₂, d₁ + d₂, d₂ − d₁, d₁ − d₃), per column
          const e00 = d00 - d20, e01 = d01 - d21, e02 = d02 - d22, e03 = d03 - d23;
          const e10 = d10 + d20, e11 = d11 + d21, e12 = d12 + d22, e13 = d13 + d23;
          const e20 = d20 - d10, e21 = d21 - d11, e22 = d22 - d12, e23 = d23 - d13;
          const e30 = d10 - d30, e31 = d11 - d31, e32 = d12 - d32, e33 = d13 - d33;
          // (Bᵀ d) B: the same combinations of columns, row by row
          let p = target;
          p = storeInputRow(p, stride, e00, e01, e02, e03);
          p = storeInputRow(p, stride, e10, e11, e12, e13);
          p = storeInputRow(p, stride, e20, e21, e22, e23);
          storeInputRow(p, stride, e30, e31, e32, e33);
        }
      }
    }
  }
}

/**
 * transformInput for tiles tx … tx+3 of a tile row, lane l holding tile tx + l: its column j of the
 * 4×4 window is padded column 2(tx + l) + j, gathered from three consecutive vectors of the row.
 */
// @ts-ignore: decorator
@inline function transformInputGroup(r0: usize, rowBytes: usize, target: usize, stride: usize): void {
  const r1 = r0 + rowBytes, r2 = r1 + rowBytes, r3 = r2 + rowBytes;
  // d[i][j] as vectors over the four tiles
  let d00 = v128.splat<f32>(0), d01 = d00, d02 = d00, d03 = d00;
  let d10 = d00, d11 = d00, d12 = d00, d13 = d00;
  let d20 = d00, d21 = d00, d22 = d00, d23 = d00;
  let d30 = d00, d31 = d00, d32 = d00, d33 = d00;
  for (let i = 0; i < 4; i++) {
    const row = i == 0 ? r0 : i == 1 ? r1 : i == 2 ? r2 : r3;
    const v0 = v128.load(row, 0), v1 = v128.load(row, 16), v2 = v128.load(row, 32);
    const evens = v128.shuffle<f32>(v0, v1, 0, 2, 4, 6); // columns 0, 2, 4, 6
    const odds = v128.shuffle<f32>(v0, v1, 1, 3, 5, 7); // columns 1, 3, 5, 7
    const laterEvens = v128.shuffle<f32>(v1, v2, 0, 2, 4, 6); // columns 4, 6, 8, 10
    const laterOdds = v128.shuffle<f32>(v1, v2, 1, 3, 5, 7); // columns 5, 7, 9, 11
    const c0 = evens, c1 = odds;
    const c2 = v128.shuffle<f32>(evens, laterEvens, 1, 2, 3, 6); // columns 2, 4, 6, 8
    const c3 = v128.shuffle<f32>(odds, laterOdds, 1, 2, 3, 6); // columns 3, 5, 7, 9
    if (i == 0) { d00 = c0; d01 = c1; d02 = c2; d03 = c3; }
    else if (i == 1) { d10 = c0; d11 = c1; d12 = c2; d13 = c3; }
    else if (i == 2) { d20 = c0; d21 = c1; d22 = c2; d23 = c3; }
    else { d30 = c0; d31 = c1; d32 = c2; d33 = c3; }
  }
  // Bᵀ d, then (Bᵀ d) B, as in the scalar loop
  const e00 = f32x4.sub(d00, d20), e01 = f32x4.sub(d01, d21), e02 = f32x4.sub(d02, d22), e03 = f32x4.sub(d03, d23);
  const e10 = f32x4.add(d10, d20), e11 = f32x4.add(d11, d21), e12 = f32x4.add(d12, d22), e13 = f32x4.add(d13, d23);
  const e20 = f32x4.sub(d20, d10), e21 = f32x4.sub(d21, d11), e22 = f32x4.sub(d22, d12), e23 = f32x4.sub(d23, d13);
  const e30 = f32x4.sub(d10, d30), e31 = f32x4.sub(d11, d31), e32 = f32x4.sub(d12, d32), e33 = f32x4.sub(d13, d33);
  let p = target;
  p = storeInputRowGroup(p, stride, e00, e01, e02, e03);
  p = storeInputRowGroup(p, stride, e10, e11, e12, e13);
  p = storeInputRowGroup(p, stride, e20, e21, e22, e23);
  storeInputRowGroup(p, stride, e30, e31, e32, e33);
}

// @ts-ignore: decorator
@inline function storeInputRowGroup(target: usize, stride: usize, a: v128, b: v128, c: v128, d: v128): usize {
  v128.store(target, f32x4.sub(a, c));
  v128.store(target + stride, f32x4.add(b, c));
  v128.store(target + 2 * stride, f32x4.sub(c, b));
  v128.store(target + 3 * stride, f32x4.sub(b, d));
  return target + 4 * stride;
}

/**
 * Copies one input plane into `padded` ((2·tilesHigh + 2) × (2·tilesWide + 2)) at row padH and
 * column padW, zero elsewhere: the padding, and the reach of tiles that hang over the far edges.
 */
function padPlane(s: Shape, plane: usize, tilesHigh: i32, tilesWide: i32, padded: usize): void {
  const paddedHeight = 2 * tilesHigh + 2, paddedWidth = 2 * tilesWide + 2;
  memory.fill(padded, 0, <usize>(paddedHeight * paddedWidth * FLOAT_BYTES));
  const rows = min(s.inHeight, paddedHeight - s.padHeight);
  const columns = min(s.inWidth, paddedWidth - s.padWidth);
  for (let row = 0; row < rows; row++) {
    memory.copy(
      padded + <usize>(((row + s.padHeight) * paddedWidth + s.padWidth) * FLOAT_BYTES),
      plane + <usize>(row * s.inWidth * FLOAT_BYTES),
      <usize>(columns * FLOAT_BYTES),
    );
  }
}

/** Floats of the zero-bordered plane that transformInput reads tiles from. */
// @ts-ignore: decorator
@inline function paddedPlaneFloats(tilesHigh: i32, tilesWide: i32): i32 {
  // + 4: transformInputGroup loads whole vectors up to two floats past the last row's end
  return (2 * tilesHigh + 2) * (2 * tilesWide + 2) + 4;
}

// @ts-ignore: decorator
@inline function storeInputRow(target: usize, stride: usize, a: f32, b: f32, c: f32, d: f32): usize {
  store<f32>(target, a - c);
  store<f32>(target + stride, b + c);
  store<f32>(target + 2 * stride, c - b);
  store<f32>(target + 3 * stride, b - d);
  return target + 4 * stride;
}

/** y block = Aᵀ M A (+ bias) for every tile, dropping the outputs past the edge. */
function transformOutput(s: Shape, products: usize, positionFloats: i32, bias: usize, count: i32, tilesHigh: i32, tilesWide: i32, y: usize): void {
  const tiles = count * tilesHigh * tilesWide;
  const stride = <usize>(positionFloats * FLOAT_BYTES);
  const plane = s.outHeight * s.outWidth;
  const rowBytes = <usize>(s.outWidth * FLOAT_BYTES);
  for (let n = 0; n < count; n++) {
    for (let p = 0; p < s.outChannels; p++) {
      const offset: f32 = bias != 0 ? load<f32>(bias + <usize>(p * FLOAT_BYTES)) : 0;
      const image = y + <usize>((n * s.outChannels + p) * plane * FLOAT_BYTES);
      let source = products + <usize>((p * tiles + n * tilesHigh * tilesWide) * FLOAT_BYTES);
      for (let ty = 0; ty < tilesHigh; ty++) {
        let tx = 0;
        if (2 * ty + 1 < s.outHeight) {
          // four neighbouring tiles at a time while all their outputs lie inside the plane
          const rowStart = image + <usize>(2 * ty * s.outWidth * FLOAT_BYTES);
          for (; tx + 4 <= tilesWide && 2 * tx + 8 <= s.outWidth; tx += 4, source += 4 * FLOAT_BYTES) {
            transformOutputGroup(source, stride, offset, rowStart + <usize>(2 * tx * FLOAT_BYTES), rowBytes);
          }
        }
        for (; tx < tilesWide; tx++, source += FLOAT_BYTES) {
          // Aᵀ M: rows (m₀ + m₁ + m₂, m₁ − m₂ − m₃), per column
          const m = source;
          const m00 = load<f32>(m), m01 = load<f32>(m + stride), m02 = load<f32>(m + 2 * stride), m03 = load<f32>(m + 3 * stride);
          const m10 = load<f32>(m + 4 * stride), m11 = load<f32>(m + 5 * stride), m12 = load<f32>(m + 6 * stride), m13 = load<f32>(m + 7 * stride);
          const m20 = load<f32>(m + 8 * stride), m21 = load<f32>(m + 9 * stride), m22 = load<f32>(m + 10 * stride), m23 = load<f32>(m + 11 * stride);
          const m30 = load<f32>(m + 12 * stride), m31 = load<f32>(m + 13 * stride), m32 = load<f32>(m + 14 * stride), m33 = load<f32>(m + 15 * stride);
          const a0 = m00 + m10 + m20, a1 = m01 + m11 + m21, a2 = m02 + m12 + m22, a3 = m03 + m13 + m23;
          const b0 = m10 - m20 - m30, b1 = m11 - m21 - m31, b2 = m12 - m22 - m32, b3 = m13 - m23 - m33;
          // (Aᵀ M) A: the same combinations of columns
          const y00 = a0 + a1 + a2 + offset, y01 = a1 - a2 - a3 + offset;
          const y10 = b0 + b1 + b2 + offset, y11 = b1 - b2 - b3 + offset;
          const row = 2 * ty, column = 2 * tx;
          const target = image + <usize>((row * s.outWidth + column) * FLOAT_BYTES);
          const right = column + 1 < s.outWidth, below = row + 1 < s.outHeight;
          store<f32>(target, y00);
          if (right) store<f32>(target, y01, 4);
          if (below) {
            store<f32>(target + rowBytes, y10);
            if (right) store<f32>(target + rowBytes, y11, 4);
          }
        }
      }
    }
  }
}

/** transformOutput for four neighbouring tiles (lanes), writing their 2×4-wide block of two output rows. */
// @ts-ignore: decorator
@inline function transformOutputGroup(source: usize, stride: usize, offset: f32, target: usize, rowBytes: usize): void {
  const m00 = v128.load(source), m01 = v128.load(source + stride), m02 = v128.load(source + 2 * stride), m03 = v128.load(source + 3 * stride);
  const m10 = v128.load(source + 4 * stride), m11 = v128.load(source + 5 * stride), m12 = v128.load(source + 6 * stride), m13 = v128.load(source + 7 * stride);
  const m20 = v128.load(source + 8 * stride), m21 = v128.load(source + 9 * stride), m22 = v128.load(source + 10 * stride), m23 = v128.load(source + 11 * stride);
  const m30 = v128.load(source + 12 * stride), m31 = v128.load(source + 13 * stride), m32 = v128.load(source + 14 * stride), m33 = v128.load(source + 15 * stride);
  const a0 = f32x4.add(f32x4.add(m00, m10), m20), a1 = f32x4.add(f32x4.add(m01, m11), m21);
  const a2 = f32x4.add(f32x4.add(m02, m12), m22), a3 = f32x4.add(f32x4.add(m03, m13), m23);
  const b0 = f32x4.sub(f32x4.sub(m10, m20), m30), b1 = f32x4.sub(f32x4.sub(m11, m21), m31);
  const b2 = f32x4.sub(f32x4.sub(m12, m22), m32), b3 = f32x4.sub(f32x4.sub(m13, m23), m33);
  const bias = f32x4.splat(offset);
  const y00 = f32x4.add(f32x4.add(f32x4.add(a0, a1), a2), bias), y01 = f32x4.add(f32x4.sub(f32x4.sub(a1, a2), a3), bias);
  const y10 = f32x4.add(f32x4.add(f32x4.add(b0, b1), b2), bias), y11 = f32x4.add(f32x4.sub(f32x4.sub(b1, b2), b3), bias);
  // lane l owns output columns 2l and 2l + 1: interleave the two columns of each row
  v128.store(target, v128.shuffle<f32>(y00, y01, 0, 4, 1, 5));
  v128.store(target, v128.shuffle<f32>(y00, y01, 2, 6, 3, 7), 16);
  v128.store(target + rowBytes, v128.shuffle<f32>(y10, y11, 0, 4, 1, 5));
  v128.store(target + rowBytes, v128.shuffle<f32>(y10, y11, 2, 6, 3, 7), 16);
}

/** ∂M[ξ][p][t] = (A ∂Y Aᵀ)[ξ] for every 2×2 block ∂Y of the output gradient (0 past the edge). */
function transformOutputGradient(s: Shape, dy: usize, count: i32, tilesHigh: i32, tilesWide: i32, gradients: usize, positionFloats: i32): void {
  const tiles = count * tilesHigh * tilesWide;
  const stride = <usize>(positionFloats * FLOAT_BYTES);
  const plane = s.outHeight * s.outWidth;
  const rowBytes = <usize>(s.outWidth * FLOAT_BYTES);
  for (let n = 0; n < count; n++) {
    for (let p = 0; p < s.outChannels; p++) {
      const image = dy + <usize>((n * s.outChannels + p) * plane * FLOAT_BYTES);
      let target = gradients + <usize>((p * tiles + n * tilesHigh * tilesWide) * FLOAT_BYTES);
      for (let ty = 0; ty < tilesHigh; ty++) {
        let tx = 0;
        if (2 * ty + 1 < s.outHeight) {
          // four neighbouring tiles at a time while their 2×2 blocks lie inside the plane
          const rowStart = image + <usize>(2 * ty * s.outWidth * FLOAT_BYTES);
          for (; tx + 4 <= tilesWide && 2 * tx + 8 <= s.outWidth; tx += 4, target += 4 * FLOAT_BYTES) {
            transformOutputGradientGroup(rowStart + <usize>(2 * tx * FLOAT_BYTES), rowBytes, target, stride);
          }
        }
        for (; tx < tilesWide; tx++, target += FLOAT_BYTES) {
          const row = 2 * ty, column = 2 * tx;
          const source = image + <usize>((row * s.outWidth + column) * FLOAT_BYTES);
          const right = column + 1 < s.outWidth, below = row + 1 < s.outHeight;
          const y00 = load<f32>(source);
          const y01: f32 = right ? load<f32>(source, 4) : 0;
          const y10: f32 = below ? load<f32>(source + rowBytes) : 0;
          const y11: f32 = right && below ? load<f32>(source + rowBytes, 4) : 0;
          // A ∂Y: rows (y₀, y₀ + y₁, y₀ − y₁, −y₁), then the same on columns
          const r0c0 = y00, r0c1 = y01;
          const r1c0 = y00 + y10, r1c1 = y01 + y11;
          const r2c0 = y00 - y10, r2c1 = y01 - y11;
          const r3c0 = -y10, r3c1 = -y11;
          let t = target;
          t = storeGradientRow(t, stride, r0c0, r0c1);
          t = storeGradientRow(t, stride, r1c0, r1c1);
          t = storeGradientRow(t, stride, r2c0, r2c1);
          storeGradientRow(t, stride, r3c0, r3c1);
        }
      }
    }
  }
}

/** transformOutputGradient for four neighbouring tiles (lanes): lane l reads output columns 2l and 2l + 1. */
// @ts-ignore: decorator
@inline function transformOutputGradientGroup(source: usize, rowBytes: usize, target: usize, stride: usize): void {
  const top0 = v128.load(source), top1 = v128.load(source, 16);
  const bottom0 = v128.load(source + rowBytes), bottom1 = v128.load(source + rowBytes, 16);
  const y00 = v128.shuffle<f32>(top0, top1, 0, 2, 4, 6), y01 = v128.shuffle<f32>(top0, top1, 1, 3, 5, 7);
  const y10 = v128.shuffle<f32>(bottom0, bottom1, 0, 2, 4, 6), y11 = v128.shuffle<f32>(bottom0, bottom1, 1, 3, 5, 7);
  let t = target;
  t = storeGradientRowGroup(t, stride, y00, y01);
  t = storeGradientRowGroup(t, stride, f32x4.add(y00, y10), f32x4.add(y01, y11));
  t = storeGradientRowGroup(t, stride, f32x4.sub(y00, y10), f32x4.sub(y01, y11));
  storeGradientRowGroup(t, stride, f32x4.neg(y10), f32x4.neg(y11));
}

// @ts-ignore: decorator
@inline function storeGradientRowGroup(target: usize, stride: usize, a: v128, b: v128): usize {
  v128.store(target, a);
  v128.store(target + stride, f32x4.add(a, b));
  v128.store(target + 2 * stride, f32x4.sub(a, b));
  v128.store(target + 3 * stride, f32x4.neg(b));
  return target + 4 * stride;
}

// @ts-ignore: decorator
@inline function storeGradientRow(target: usize, stride: usize, a: f32, b: f32): usize {
  store<f32>(target, a);
  store<f32>(target + stride, a + b);
  store<f32>(target + 2 * stride, a - b);
  store<f32>(target + 3 * stride, -b);
  return target + 4 * stride;
}

/** dw[p][q] = Gᵀ ∂U[·][p][q] G, the 3×3 filter gradient from its 4×4 transform. */
function transformFilterGradient(filterGradient: usize, rows: i32, columns: i32, dw: usize): void {
  const stride = <usize>(rows * columns * FLOAT_BYTES);
  for (let p = 0; p < rows; p++) {
    for (let q = 0; q < columns; q++) {
      const u = filterGradient + <usize>((p * columns + q) * FLOAT_BYTES);
      const u00 = load<f32>(u), u01 = load<f32>(u + stride), u02 = load<f32>(u + 2 * stride), u03 = load<f32>(u + 3 * stride);
      const u10 = load<f32>(u + 4 * stride), u11 = load<f32>(u + 5 * stride), u12 = load<f32>(u + 6 * stride), u13 = load<f32>(u + 7 * stride);
      const u20 = load<f32>(u + 8 * stride), u21 = load<f32>(u + 9 * stride), u22 = load<f32>(u + 10 * stride), u23 = load<f32>(u + 11 * stride);
      const u30 = load<f32>(u + 12 * stride), u31 = load<f32>(u + 13 * stride), u32 = load<f32>(u + 14 * stride), u33 = load<f32>(u + 15 * stride);
      // Gᵀ ∂U: rows (u₀ + (u₁ + u₂)/2, (u₁ − u₂)/2, (u₁ + u₂)/2 + u₃), per column
      const a0 = u00 + (u10 + u20) * 0.5, a1 = u01 + (u11 + u21) * 0.5, a2 = u02 + (u12 + u22) * 0.5, a3 = u03 + (u13 + u23) * 0.5;
      const b0 = (u10 - u20) * 0.5, b1 = (u11 - u21) * 0.5, b2 = (u12 - u22) * 0.5, b3 = (u13 - u23) * 0.5;
      const c0 = (u10 + u20) * 0.5 + u30, c1 = (u11 + u21) * 0.5 + u31, c2 = (u12 + u22) * 0.5 + u32, c3 = (u13 + u23) * 0.5 + u33;
      // (Gᵀ ∂U) G: the same combinations of columns
      const target = dw + <usize>((p * columns + q) * 9 * FLOAT_BYTES);
      storeFilterGradientRow(target, a0, a1, a2, a3);
      storeFilterGradientRow(target + 12, b0, b1, b2, b3);
      storeFilterGradientRow(target + 24, c0, c1, c2, c3);
    }
  }
}

// @ts-ignore: decorator
@inline function storeFilterGradientRow(target: usize, a: f32, b: f32, c: f32, d: f32): void {
  store<f32>(target, a + (b + c) * 0.5);
  store<f32>(target, (b - c) * 0.5, 4);
  store<f32>(target, (b + c) * 0.5 + d, 8);
}
