import type { GpuRuntime, KernelBinding } from '../runtime/gpu-runtime.js';
import type { GemmTiles } from './gemm-tiles.js';
import { Parameters } from './parameters.js';

const MAXIMUM_GROUPS = 65535;

export interface TiledGemmDispatch {
  label: string;
  source: string;
  bindings: KernelBinding[];
  tiles: GemmTiles;
  m: number;
  n: number;
  k: number;
  batch: number;
  splits: number;
  chunk: number;
  /** The kernel's own integer parameters, read from index GEMM_PARAMETERS on. */
  extra: readonly number[];
}

/** Dispatches a tiledGemmSource program over its tiles; batch × splits beyond 65535 take several dispatches. */
export function dispatchTiledGemm(runtime: GpuRuntime, request: TiledGemmDispatch): void {
  const { label, source, bindings, tiles, m, n, k, batch, splits, chunk, extra } = request;
  const columnGroups = Math.ceil(n / tiles.tileN);
  const rowGroups = Math.ceil(m / tiles.tileM);
  if (columnGroups > MAXIMUM_GROUPS || rowGroups > MAXIMUM_GROUPS)
    throw new Error(`webgpu ${label}: [${m}, ${k}] · [${k}, ${n}] needs more than ${MAXIMUM_GROUPS} workgroups per dimension`);
  const layers = batch * splits;
  for (let first = 0; first < layers; first += MAXIMUM_GROUPS) {
    runtime.dispatch({
      label,
      source,
      bindings,
      parameters: new Parameters()
        .int(m, n, k, first, splits, chunk)
        .int(...extra)
        .toArray(),
      workgroups: [columnGroups, rowGroups, Math.min(MAXIMUM_GROUPS, layers - first)],
    });
  }
}
