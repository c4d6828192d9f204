// Single-precision matrix multiply (sgemm) for the CPU backend, written in AssemblyScript and
// compiled to WebAssembly SIMD128 by tools/build-wasm.mjs.
//
//   C[m×n] (+)= op(A)[m×k] · op(B)[k×n]     row-major float32, op(X) = X or Xᵀ
//
// The structure is the GotoBLAS / BLIS one:
//
//   for jc in steps of NC over n:
//     for pc in steps of KC over k:        pack B panel   op(B)[pc.., jc..]  KC×NC  (stays in L3)
//       for ic in steps of MC over m:      pack A block   op(A)[ic.., pc..]  MC×KC  (stays in L2)
//         for jr in steps of NR:           B micro-panel  KC×NR                     (stays in L1)
//           for ir in steps of MR:         A micro-panel  MR×KC                     (streamed from L2)
//             C tile[MR×NR] (+)= A micro-panel · B micro-panel    (the register microkernel)
//
// Packing copies op(A) and op(B) into contiguous micro-panels in exactly the order the
// microkernel reads them, so the transposed forms cost nothing extra in the microkernel: only the
// packing routines know about transposition.
//
// Every pointer argument is a byte address in this module's memory; the caller (sgemm.ts) lays
// out the operands and the workspace and grows the memory.

/** Rows of the register tile of C. */
const MR: i32 = 4;
/** Columns of the register tile of C: two f32x4 vectors. */
const NR: i32 = 8;
// Why 4×8: TurboFan issues all the loads of a loop iteration before its arithmetic, so the MR
// broadcasts of A and the NR/4 vectors of B are live together with the MR·NR/4 accumulators.
// x64 has 16 xmm registers: 4 + 2 + 8 = 14 fits, while 6×8 (6 + 2 + 12 = 20) or 4×12
// (4 + 3 + 12 = 19) spill to the stack and measured 25-40 % slower. 2×16 ties with 4×8.

/**
 * Depth of a block. A KC×NR micro-panel of B (12 KiB) plus an MR×KC micro-panel of A (6 KiB) stay
 * in the 32 KiB L1, and a deep block amortizes the microkernel's load and store of its C tile.
 */
const KC: i32 = 384;
/** Rows of a block of A. The packed MC×KC block (192 KiB) stays in the 512 KiB L2 while every micro-panel of B passes over it. */
const MC: i32 = 128;
/** Columns of a panel of B. The packed KC×NC panel (3 MiB) stays in L3; it also bounds the workspace. */
const NC: i32 = 2048;
// Measured (Zen 3, Node 20, sizes 256-1024): KC from 128 to 512 and MC from 64 to 256 all land
// within noise of each other (35-36 GFLOP/s at best), because the microkernel, not memory, is the
// limit at these sizes; KC = 384 was marginally ahead at 1024.

const FLOAT_BYTES: i32 = 4;

/** Bytes the caller must provide at `workspace`: packed A block, packed B panel, one edge tile. */
export function workspaceBytes(): i32 {
  return (MC * KC + KC * NC + MR * NR) * FLOAT_BYTES;
}

/** First byte after this module's static data; memory from here on belongs to the caller. */
export function heapBase(): usize {
  return __heap_base;
}

/**
 * C[m×n] (+)= op(A)[m×k] · op(B)[k×n], row-major float32.
 * `a`, `b`, `c` are byte addresses of the stored matrices with row strides `lda`, `ldb`, `ldc`
 * (in elements, of the stored matrix). With `accumulate` false C is overwritten (also when k = 0).
 */
export function sgemm(
  transA: bool, transB: bool, m: i32, n: i32, k: i32,
  a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32,
  accumulate: bool, workspace: usize,
): void {
  product(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate, workspace, 0);
}

/**
 * Bytes `packAllB` writes for an op(B) of k×n: every panel that `sgemm`'s loops would pack, in
 * their order (KC·⌈NC/NR⌉·NR floats per panel at most, k·n rounded up to NR columns in all).
 */
export function packedBBytes(n: i32, k: i32): usize {
  if (n <= 0 || k <= 0) return 0;
  const nBlock = evenBlock(n, NC, NR);
  const kBlock = evenBlock(k, KC, 1);
  let bytes: usize = 0;
  for (let jc = 0; jc < n; jc += nBlock) {
    const paddedColumns = roundUp(min(nBlock, n - jc), NR);
    for (let pc = 0; pc < k; pc += kBlock) bytes += <usize>(min(kBlock, k - pc) * paddedColumns * FLOAT_BYTES);
  }
  return bytes;
}

/**
 * Packs op(B)[k×n] once, every panel in `sgemm`'s order, for a B that several products share: a
 * recurrent layer multiplies every time step by the same W_hh, and packing it per step was a tenth
 * of the product's time for a batch of 32.
 */
export function packAllB(transB: bool, k: i32, n: i32, b: usize, ldb: i32, packed: usize): void {
  if (n <= 0 || k <= 0) return;
  const nBlock = evenBlock(n, NC, NR);
  const kBlock = evenBlock(k, KC, 1);
  let panel = packed;
  for (let jc = 0; jc < n; jc += nBlock) {
    const nc = min(nBlock, n - jc);
    for (let pc = 0; pc < k; pc += kBlock) {
      const kc = min(kBlock, k - pc);
      packB(transB, b, ldb, pc, jc, kc, nc, panel);
      panel += <usize>(kc * roundUp(nc, NR) * FLOAT_BYTES);
    }
  }
}

/** `sgemm` with op(B) already packed by `packAllB` (same m, n, k): C[m×n] (+)= op(A) · op(B). */
export function sgemmPackedB(
  transA: bool, m: i32, n: i32, k: i32, a: usize, lda: i32, packedB: usize,
  c: usize, ldc: i32, accumulate: bool, workspace: usize,
): void {
  product(transA, false, m, n, k, a, lda, 0, 0, c, ldc, accumulate, workspace, packedB);
}

/** The blocked product; op(B)'s panels are packed here, or read from `prepackedB` when it is not 0. */
function product(
  transA: bool, transB: bool, m: i32, n: i32, k: i32,
  a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32,
  accumulate: bool, workspace: usize, prepackedB: usize,
): void {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    if (!accumulate) zeroMatrix(m, n, c, ldc);
    return;
  }
  const packedA = workspace;
  const packedB = packedA + <usize>(MC * KC * FLOAT_BYTES);
  const edgeTile = packedB + <usize>(KC * NC * FLOAT_BYTES);
  // Blocks are split evenly (k = 300 gives 2 × 150, not 256 + 44) so no block is a thin sliver.
  const nBlock = evenBlock(n, NC, NR);
  const kBlock = evenBlock(k, KC, 1);
  const mBlock = evenBlock(m, MC, MR);
  let nextPanel = prepackedB;
  for (let jc = 0; jc < n; jc += nBlock) {
    const nc = min(nBlock, n - jc);
    for (let pc = 0; pc < k; pc += kBlock) {
      const kc = min(kBlock, k - pc);
      let panel = packedB;
      if (prepackedB == 0) {
        packB(transB, b, ldb, pc, jc, kc, nc, packedB);
      } else {
        panel = nextPanel;
        nextPanel += <usize>(kc * roundUp(nc, NR) * FLOAT_BYTES);
      }
      // The first depth block writes C (unless accumulating), the following ones add to it.
      const overwrite = !accumulate && pc == 0;
      for (let ic = 0; ic < m; ic += mBlock) {
        const mc = min(mBlock, m - ic);
        packA(transA, a, lda, ic, pc, mc, kc, packedA);
        multiplyBlock(mc, nc, kc, packedA, panel, c + elementOffset(ic, jc, ldc), ldc, overwrite, edgeTile);
      }
    }
  }
}

/** C block[mc×nc] (+)= packed A block · packed B panel, tile by tile. */
function multiplyBlock(
  mc: i32, nc: i32, kc: i32, packedA: usize, packedB: usize,
  c: usize, ldc: i32, overwrite: bool, edgeTile: usize,
): void {
  const ldcBytes = <usize>ldc * FLOAT_BYTES;
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = min(NR, nc - jr);
    const microB = packedB + <usize>(jr * kc * FLOAT_BYTES);
    for (let ir = 0; ir < mc; ir += MR) {
      const mr = min(MR, mc - ir);
      const microA = packedA + <usize>(ir * kc * FLOAT_BYTES);
      const cTile = c + elementOffset(ir, jr, ldc);
      if (mr == MR && nr == NR) {
        microkernel(kc, microA, microB, cTile, ldcBytes, overwrite);
      } else {
        // Partial tile at the bottom or right edge: compute the full tile into scratch
        // (the packed panels are zero-padded) and merge only the valid mr×nr part.
        microkernel(kc, microA, microB, edgeTile, NR * FLOAT_BYTES, true);
        mergeEdgeTile(mr, nr, edgeTile, cTile, ldc, overwrite);
      }
    }
  }
}

/**
 * c + a·b on four lanes. The module is built twice (tools/build-wasm.mjs): with relaxed SIMD this is
 * one fused multiply-add where the processor has one (a single rounding), else a multiply and an add.
 * Intel cores run multiplies and adds on the same two ports, so the fused form doubles the
 * microkernel's peak there; AMD Zen cores have separate add ports and run both forms alike.
 */
// @ts-ignore: decorator
@inline function multiplyAdd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/**
 * C[4×8] (+)= Σ_p a[p][0..4]ᵀ · b[p][0..8] over p < kc.
 * `a` is an MR×kc micro-panel stored p-major (4 floats per p), `b` a kc×NR micro-panel
 * (8 floats per p). Each step broadcasts one a[p][i] per row and does 8 multiply-adds on f32x4.
 */
// @ts-ignore: decorator
@inline function microkernel(kc: i32, a: usize, b: usize, c: usize, ldcBytes: usize, overwrite: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const bEnd = b + <usize>(kc * NR * FLOAT_BYTES);
  while (b < bEnd) {
    const b0 = v128.load(b, 0);
    const b1 = v128.load(b, 16);
    const a0 = v128.load32_splat(a, 0);
    c00 = multiplyAdd(a0, b0, c00);
    c01 = multiplyAdd(a0, b1, c01);
    const a1 = v128.load32_splat(a, 4);
    c10 = multiplyAdd(a1, b0, c10);
    c11 = multiplyAdd(a1, b1, c11);
    const a2 = v128.load32_splat(a, 8);
    c20 = multiplyAdd(a2, b0, c20);
    c21 = multiplyAdd(a2, b1, c21);
    const a3 = v128.load32_splat(a, 12);
    c30 = multiplyAdd(a3, b0, c30);
    c31 = multiplyAdd(a3, b1, c31);
    a += MR * FLOAT_BYTES;
    b += NR * FLOAT_BYTES;
  }
  const row1 = c + ldcBytes, row2 = row1 + ldcBytes, row3 = row2 + ldcBytes;
  if (!overwrite) {
    c00 = f32x4.add(c00, v128.load(c, 0));
    c01 = f32x4.add(c01, v128.load(c, 16));
    c10 = f32x4.add(c10, v128.load(row1, 0));
    c11 = f32x4.add(c11, v128.load(row1, 16));
    c20 = f32x4.add(c20, v128.load(row2, 0));
    c21 = f32x4.add(c21, v128.load(row2, 16));
    c30 = f32x4.add(c30, v128.load(row3, 0));
    c31 = f32x4.add(c31, v128.load(row3, 16));
  }
  v128.store(c, c00, 0);
  v128.store(c, c01, 16);
  v128.store(row1, c10, 0);
  v128.store(row1, c11, 16);
  v128.store(row2, c20, 0);
  v128.store(row2, c21, 16);
  v128.store(row3, c30, 0);
  v128.store(row3, c31, 16);
}

/** C[mr×nr] = tile (overwrite) or C += tile, for a tile stored with row stride NR. */
function mergeEdgeTile(mr: i32, nr: i32, tile: usize, c: usize, ldc: i32, overwrite: bool): void {
  for (let i = 0; i < mr; i++) {
    for (let j = 0; j < nr; j++) {
      const target = c + elementOffset(i, j, ldc);
      const value = load<f32>(tile + elementOffset(i, j, NR));
      store<f32>(target, overwrite ? value : load<f32>(target) + value);
    }
  }
}

/**
 * Packs op(A)[i0 .. i0+mc, p0 .. p0+kc] into ⌈mc/MR⌉ micro-panels of MR×kc, each stored p-major:
 * panel[p·MR + i] = op(A)[i0 + r·MR + i, p0 + p]. Rows past mc are zero so edge tiles stay exact.
 */
function packA(transA: bool, a: usize, lda: i32, i0: i32, p0: i32, mc: i32, kc: i32, packed: usize): void {
  const fullRows = mc - mc % MR;
  if (transA) {
    // Stored A is k×m: row p holds op(A)[·, p] for consecutive i. Walk the stored rows once, each
    // read sequentially and dealt out to the panels (one vector per panel). Going panel by panel
    // instead steps through memory by lda per value, a new page per load for large matrices:
    // that TLB traffic made Aᵀ·B the slowest form.
    for (let p = 0; p < kc; p++) {
      const source = a + elementOffset(p0 + p, i0, lda);
      const target = packed + <usize>(p * MR * FLOAT_BYTES);
      for (let ir = 0; ir < fullRows; ir += MR) {
        v128.store(target + <usize>(ir * kc * FLOAT_BYTES), v128.load(source + <usize>(ir * FLOAT_BYTES)));
      }
    }
  } else {
    // Stored A is m×k: MR rows read along p, transposed 4×4 at a time.
    for (let ir = 0; ir < fullRows; ir += MR) {
      packTransposed4(a + elementOffset(i0 + ir, p0, lda), lda, kc, packed + <usize>(ir * kc * FLOAT_BYTES), MR);
    }
  }
  if (fullRows < mc) packEdgePanel(transA, a, lda, i0 + fullRows, p0, mc - fullRows, kc, MR, packed + <usize>(fullRows * kc * FLOAT_BYTES));
}

/**
 * Packs op(B)[p0 .. p0+kc, j0 .. j0+nc] into ⌈nc/NR⌉ micro-panels of kc×NR, each stored p-major:
 * panel[p·NR + j] = op(B)[p0 + p, j0 + r·NR + j]. Columns past nc are zero.
 */
function packB(transB: bool, b: usize, ldb: i32, p0: i32, j0: i32, kc: i32, nc: i32, packed: usize): void {
  const fullColumns = nc - nc % NR;
  if (transB) {
    // Stored B is n×k: NR rows of it read along p, transposed as two 4×4 halves.
    for (let jr = 0; jr < fullColumns; jr += NR) {
      const source = b + elementOffset(j0 + jr, p0, ldb);
      const panel = packed + <usize>(jr * kc * FLOAT_BYTES);
      packTransposed4(source, ldb, kc, panel, NR);
      packTransposed4(source + elementOffset(4, 0, ldb), ldb, kc, panel + 16, NR);
    }
  } else {
    // Stored B is k×n: row p holds op(B)[p, ·]. Walk the stored rows once, sequentially, dealing
    // NR values to each panel (the same page-per-load problem as transposed A otherwise).
    for (let p = 0; p < kc; p++) {
      const source = b + elementOffset(p0 + p, j0, ldb);
      const target = packed + <usize>(p * NR * FLOAT_BYTES);
      for (let jr = 0; jr < fullColumns; jr += NR) {
        const from = source + <usize>(jr * FLOAT_BYTES);
        const to = target + <usize>(jr * kc * FLOAT_BYTES);
        v128.store(to, v128.load(from, 0), 0);
        v128.store(to, v128.load(from, 16), 16);
      }
    }
  }
  if (fullColumns < nc) {
    packEdgePanel(!transB, b, ldb, j0 + fullColumns, p0, nc - fullColumns, kc, NR, packed + <usize>(fullColumns * kc * FLOAT_BYTES));
  }
}

/**
 * Reads 4 stored rows of length kc (row stride `ld`) and writes them column by column:
 * target[p·panelWidth + r] = source[r·ld + p] for r < 4, p < kc. Four columns at a time
 * go through a 4×4 register transpose; the tail columns are copied one float at a time.
 */
function packTransposed4(source: usize, ld: i32, kc: i32, target: usize, panelWidth: i32): void {
  const rowBytes = <usize>ld * FLOAT_BYTES;
  const stepBytes = <usize>(panelWidth * FLOAT_BYTES);
  let p = 0;
  for (; p + 4 <= kc; p += 4) {
    const s = source + <usize>(p * FLOAT_BYTES);
    const r0 = v128.load(s);
    const r1 = v128.load(s + rowBytes);
    const r2 = v128.load(s + 2 * rowBytes);
    const r3 = v128.load(s + 3 * rowBytes);
    // [r0₀ r1₀ r0₁ r1₁], [r0₂ r1₂ r0₃ r1₃], then the same for rows 2, 3; halves are then paired.
    const low01 = f32x4.shuffle(r0, r1, 0, 4, 1, 5);
    const high01 = f32x4.shuffle(r0, r1, 2, 6, 3, 7);
    const low23 = f32x4.shuffle(r2, r3, 0, 4, 1, 5);
    const high23 = f32x4.shuffle(r2, r3, 2, 6, 3, 7);
    const t = target + <usize>p * stepBytes;
    v128.store(t, i64x2.shuffle(low01, low23, 0, 2));
    v128.store(t + stepBytes, i64x2.shuffle(low01, low23, 1, 3));
    v128.store(t + 2 * stepBytes, i64x2.shuffle(high01, high23, 0, 2));
    v128.store(t + 3 * stepBytes, i64x2.shuffle(high01, high23, 1, 3));
  }
  for (; p < kc; p++) {
    for (let r = 0; r < 4; r++) {
      store<f32>(target + <usize>p * stepBytes + <usize>(r * FLOAT_BYTES), load<f32>(source + elementOffset(r, p, ld)));
    }
  }
}

/**
 * Scalar packing of a partial micro-panel (fewer than `width` lanes), zero padded to `width`:
 * target[p·width + l] = lane l at depth p, for l < lanes. With `lanesAreColumns` a lane is a
 * column of the stored matrix (element (p, lane) at p·ld + lane: transposed A, plain B),
 * otherwise a row (element (lane, p) at lane·ld + p: plain A, transposed B).
 */
function packEdgePanel(
  lanesAreColumns: bool, source: usize, ld: i32, firstLane: i32, p0: i32,
  lanes: i32, kc: i32, width: i32, target: usize,
): void {
  for (let p = 0; p < kc; p++) {
    for (let l = 0; l < width; l++) {
      let value: f32 = 0;
      if (l < lanes) {
        value = lanesAreColumns
          ? load<f32>(source + elementOffset(p0 + p, firstLane + l, ld))
          : load<f32>(source + elementOffset(firstLane + l, p0 + p, ld));
      }
      store<f32>(target + <usize>((p * width + l) * FLOAT_BYTES), value);
    }
  }
}

/** Byte offset of element (row, column) in a row-major matrix with row stride `ld`. */
// @ts-ignore: decorator
@inline function elementOffset(row: i32, column: i32, ld: i32): usize {
  return (<usize>row * <usize>ld + <usize>column) * FLOAT_BYTES;
}

/** Size of the blocks when `total` is split into ⌈total / maxBlock⌉ nearly equal ones, rounded up to `multiple`. */
function evenBlock(total: i32, maxBlock: i32, multiple: i32): i32 {
  const count = (total + maxBlock - 1) / maxBlock;
  const size = (total + count - 1) / count;
  return (size + multiple - 1) / multiple * multiple;
}

function roundUp(value: i32, multiple: i32): i32 {
  return (value + multiple - 1) / multiple * multiple;
}

function zeroMatrix(m: i32, n: i32, c: usize, ldc: i32): void {
  for (let i = 0; i < m; i++) memory.fill(c + elementOffset(i, 0, ldc), 0, <usize>n * FLOAT_BYTES);
}
