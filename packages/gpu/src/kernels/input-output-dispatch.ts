import type { TensorView } from '@dl/tensor';
import { gpuBufferOf } from '../backend/gpu-tensor-buffer.js';
import type { DispatchRequest, GpuRuntime } from '../runtime/gpu-runtime.js';

/**
 * Dispatches the common kernel shape: binding 0 reads `x`, binding 1 writes `out`, the parameters
 * follow (cumsum, reduce, unfold and fold all look like this).
 */
export function dispatchInputToOutput(
  runtime: GpuRuntime,
  request: Omit<DispatchRequest, 'bindings'> & { x: TensorView; out: TensorView },
): void {
  const { x, ...rest } = request;
  dispatchInputsToOutput(runtime, { ...rest, inputs: [x] });
}

/** The same with several inputs: bindings 0… read `inputs` in order, the next one writes `out`. */
export function dispatchInputsToOutput(
  runtime: GpuRuntime,
  request: Omit<DispatchRequest, 'bindings'> & { inputs: readonly TensorView[]; out: TensorView },
): void {
  const { inputs, out, ...rest } = request;
  runtime.dispatch({
    ...rest,
    bindings: [
      ...inputs.map((input) => ({ buffer: gpuBufferOf(request.label, input.buffer), access: 'read' as const })),
      { buffer: gpuBufferOf(request.label, out.buffer), access: 'read-write' },
    ],
  });
}
