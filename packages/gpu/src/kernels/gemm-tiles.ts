/**
 * The shape of a tiled matrix product's work: a workgroup of threadsX × threadsY invocations computes a
 * tileM × tileN block of C in registers (each invocation a (tileM / threadsY) × (tileN / threadsX)
 * block, rows local.y + i·threadsY, columns local.x + j·threadsX), stepping through k tileK at a time
 * with tiles of A and B staged in workgroup memory. Per k step an invocation reads blockM + blockN
 * values from workgroup memory for blockM · blockN multiply-adds (register blocking), so larger blocks
 * move less through workgroup memory per flop; the tile shapes below keep every invocation busy for
 * square, skinny (M or N ≤ 16) and small products alike.
 */
export interface GemmTiles {
  name: string;
  tileM: number;
  tileN: number;
  tileK: number;
  threadsX: number;
  threadsY: number;
}

const large: GemmTiles = { name: 'large', tileM: 64, tileN: 64, tileK: 16, threadsX: 16, threadsY: 16 };
const small: GemmTiles = { name: 'small', tileM: 32, tileN: 32, tileK: 16, threadsX: 8, threadsY: 8 };
const skinnyRows: GemmTiles = { name: 'skinny M', tileM: 16, tileN: 64, tileK: 16, threadsX: 16, threadsY: 4 };
const skinnyColumns: GemmTiles = { name: 'skinny N', tileM: 64, tileN: 16, tileK: 16, threadsX: 4, threadsY: 16 };

/** Picks the tiles for an m × n product on a device allowing `maximumThreads` invocations per workgroup. */
export function chooseTiles(m: number, n: number, maximumThreads: number): GemmTiles {
  if (m <= 16 && n > 16) return skinnyRows;
  if (n <= 16 && m > 16) return skinnyColumns;
  if (m <= 32 || n <= 32 || maximumThreads < 256) return small;
  return large;
}

/**
 * How many slices to split k into (split-K): when the output has fewer tiles than a GPU has cores to
 * fill but k is long (a convolution's weight gradient sums over every image and position), each slice
 * runs in its own workgroups and a second pass adds the slices in order. At most 32 slices of at
 * least 256 (a multiple of the tile depth, so vector loads never straddle a slice).
 */
export function chooseSplits(tiles: GemmTiles, m: number, n: number, k: number, batch: number): { splits: number; chunk: number } {
  const workgroups = Math.ceil(m / tiles.tileM) * Math.ceil(n / tiles.tileN) * batch;
  if (workgroups >= 64 || k < 1024) return { splits: 1, chunk: k };
  const splits = Math.min(32, Math.ceil(64 / workgroups), Math.floor(k / 256));
  const chunk = Math.ceil(k / splits / tiles.tileK) * tiles.tileK;
  return { splits: Math.ceil(k / chunk), chunk };
}
