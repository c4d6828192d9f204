import type { TensorView } from '@dl/tensor';
import { gpuBufferOf } from '../backend/gpu-tensor-buffer.js';
import type { BindingAccess } from '../runtime/pipeline-cache.js';
import type { KernelBinding } from '../runtime/gpu-runtime.js';
import type { GemmTiles } from './gemm-tiles.js';

/**
 * One convolution kernel's tiled product for a geometry: its WGSL, tiles and product shape. Built
 * apart from the dispatch so that a forward convolution can compile its two gradients' pipelines
 * ahead of their first use (convolution-kernels.ts).
 */
export interface ConvolutionProgram {
  label: string;
  source: string;
  tiles: GemmTiles;
  m: number;
  n: number;
  k: number;
  splits: number;
  chunk: number;
}

/** Every convolution kernel binds two inputs, its output and the parameters. */
export const convolutionAccess: readonly BindingAccess[] = ['read', 'read', 'read-write', 'uniform'];

export const bindingOf = (label: string, view: TensorView, access: KernelBinding['access']): KernelBinding => ({
  buffer: gpuBufferOf(label, view.buffer),
  access,
});

export const elementsOf = (view: TensorView) => view.shape.reduce((a, b) => a * b, 1);
