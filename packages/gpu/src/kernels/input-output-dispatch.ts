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
  const { x, out, ...rest } = request;
  runtime.dispatch({
    ...rest,
    bindings: [
      { buffer: gpuBufferOf(request.label, x.buffer), access: 'read' },
      { buffer: gpuBufferOf(request.label, out.buffer), access: 'read-write' },
    ],
  });
}
