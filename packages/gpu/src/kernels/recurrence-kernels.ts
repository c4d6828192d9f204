import type { RecurrenceKernels, TensorView } from '@dl/tensor';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { runRecurrenceBackward } from './recurrence-backward-kernel.js';
import { runRecurrenceForward } from './recurrence-forward-kernel.js';
import { storageType } from './wgsl-types.js';

/**
 * The webgpu backend's fused recurrence (@dl/tensor's RecurrenceKernels): one dispatch per step
 * forwards (plus one where sequences start), two per step backwards, in WGSL on float32. float64
 * tensors cannot exist on the device (storageType names the reason), and other dtypes never reach a
 * recurrence.
 */
export function recurrenceKernels(runtime: GpuRuntime): RecurrenceKernels {
  const checkFloat32 = (view: TensorView) => {
    if (storageType('recurrence', view.dtype) !== 'f32') throw new Error(`webgpu recurrence: ${view.dtype} tensors are not supported`);
  };
  return {
    forward(geometry, inputGates, h0, c0, weightHh, biasHh, result, workspace) {
      checkFloat32(inputGates);
      runRecurrenceForward(runtime, geometry, inputGates, h0, c0, weightHh, biasHh, result, workspace);
    },
    backward(geometry, result, workspace, weightHh, gradient, gradients) {
      checkFloat32(result);
      runRecurrenceBackward(runtime, geometry, result, workspace, weightHh, gradient, gradients);
    },
  };
}
