import type { Module } from '@dl/nn';
import type { Tensor } from '@dl/tensor';
import type { TraceContext } from '../trace/trace-context.js';

/**
 * Maps a whole layer to ONNX nodes. Layers that run fused kernels (convolution, pooling, recurrence)
 * or whose ONNX operator says more than their primitives (BatchNormalization, Softmax) are mapped
 * whole: their forward runs as usual (its primitives unrecorded), then `emit` adds their nodes and
 * binds the tensors they returned.
 */
export interface ModuleMapping {
  matches(module: Module): boolean;
  emit(context: TraceContext, module: Module, inputs: readonly unknown[], output: unknown): void;
}

/** A mapping for layers of one class with one input and one output tensor. */
export function singleTensorMapping<M extends Module>(
  moduleClass: abstract new (...args: never[]) => M,
  emit: (context: TraceContext, module: M, input: Tensor, output: Tensor) => void,
): ModuleMapping {
  return {
    matches: (module) => module instanceof moduleClass,
    emit: (context, module, inputs, output) => emit(context, module as M, inputs[0] as Tensor, output as Tensor),
  };
}
