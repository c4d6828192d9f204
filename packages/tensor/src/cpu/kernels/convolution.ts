import type { Conv2dKernels, TensorView, WindowGeometry } from '../../core/backend.js';
import { CallFrame, type KernelExports } from '../wasm/instance.js';

const FLOAT_BYTES = 4;
/** The i32 fields of the WebAssembly kernel's Geometry (packages/tensor/assembly/convolution.ts), in order. */
const GEOMETRY_FIELDS = 15;

/**
 * The CPU backend's fused convolution: the WebAssembly module does im2col one image at a time into
 * a scratch matrix and multiplies it there, so the column matrix (C·kh·kw × OH·OW per image, 10.6 M
 * floats for a batch of the tutorial's second convolution) never exists in JavaScript and is never
 * copied; 3×3 stride-1 kernels with at least 8 channels in and out use Winograd's F(2×2, 3×3)
 * instead (assembly/winograd.ts). Only the operands and the result cross: copied into the module's
 * memory and back.
 */
export const conv2dKernels: Conv2dKernels = {
  forward: (x, weight, bias, out, geometry) =>
    convolve(geometry, weight.shape[0]!, bias ? [x, weight, bias] : [x, weight], out, (exports, call, [input, filters, offsets]) =>
      exports.convolutionForward(call.geometry, input!, filters!, offsets ?? 0, call.output, call.columns, call.workspace),
    ),
  inputGradient: (gradient, weight, out, geometry) =>
    convolve(geometry, weight.shape[0]!, [gradient, weight], out, (exports, call, [incoming, filters]) =>
      exports.convolutionInputGradient(call.geometry, incoming!, filters!, call.output, call.columns, call.workspace),
    ),
  weightGradient: (x, gradient, out, geometry) =>
    convolve(geometry, out.shape[0]!, [x, gradient], out, (exports, call, [input, incoming]) =>
      exports.convolutionWeightGradient(call.geometry, input!, incoming!, call.output, call.columns, call.workspace),
    ),
};

/** Addresses of one call's regions in the module's memory. */
interface CallAddresses {
  geometry: number;
  output: number;
  columns: number;
  workspace: number;
}

/**
 * Lays out one convolution call — geometry record, sgemm workspace, the scratch the module asks for,
 * the operands, the result — copies the operands in, runs `kernel` with their addresses and copies
 * the result out.
 */
function convolve(
  geometry: WindowGeometry,
  outChannels: number,
  operands: TensorView[],
  out: TensorView,
  kernel: (exports: KernelExports, call: CallAddresses, operandAddresses: number[]) => void,
): void {
  const frame = new CallFrame();
  const geometryAddress = frame.reserve(GEOMETRY_FIELDS * 4);
  const g = geometry;
  frame
    .views()
    .integers.set(
      [
        g.batch,
        g.channels,
        g.height,
        g.width,
        outChannels,
        g.kernel[0],
        g.kernel[1],
        g.stride[0],
        g.stride[1],
        g.padding[0],
        g.padding[1],
        g.dilation[0],
        g.dilation[1],
        g.outputHeight,
        g.outputWidth,
      ],
      geometryAddress / 4,
    );
  const workspace = frame.reserve(frame.exports.workspaceBytes());
  // the module sizes its scratch: an image's column matrix, or Winograd's transforms
  const columns = frame.reserve(frame.exports.convolutionScratchBytes(geometryAddress));
  const operandAddresses = operands.map((view) => frame.copyIn(view.buffer as Float32Array, view.offset, elementCount(view)));
  const output = frame.reserve(elementCount(out) * FLOAT_BYTES);
  kernel(frame.exports, { geometry: geometryAddress, output, columns, workspace }, operandAddresses);
  frame.copyOut(output, out.buffer as Float32Array, out.offset, elementCount(out));
}

function elementCount(view: TensorView): number {
  let count = 1;
  for (const extent of view.shape) count *= extent;
  return count;
}
