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
  forward(x, weight, bias, out, geometry) {
    const call = new ConvolutionCall(geometry, weight.shape[0]!);
    const xAddress = call.input(x);
    const weightAddress = call.input(weight);
    const biasAddress = bias ? call.input(bias) : 0;
    const outAddress = call.output(out);
    call.run((exports, geometryAddress, columns, workspace) =>
      exports.convolutionForward(geometryAddress, xAddress, weightAddress, biasAddress, outAddress, columns, workspace));
  },
  inputGradient(gradient, weight, out, geometry) {
    const call = new ConvolutionCall(geometry, weight.shape[0]!);
    const gradientAddress = call.input(gradient);
    const weightAddress = call.input(weight);
    const outAddress = call.output(out);
    call.run((exports, geometryAddress, columns, workspace) =>
      exports.convolutionInputGradient(geometryAddress, gradientAddress, weightAddress, outAddress, columns, workspace));
  },
  weightGradient(x, gradient, out, geometry) {
    const call = new ConvolutionCall(geometry, out.shape[0]!);
    const xAddress = call.input(x);
    const gradientAddress = call.input(gradient);
    const outAddress = call.output(out);
    call.run((exports, geometryAddress, columns, workspace) =>
      exports.convolutionWeightGradient(geometryAddress, xAddress, gradientAddress, outAddress, columns, workspace));
  },
};

/** One kernel call: the geometry record, the operands copied in, the result copied out afterwards. */
class ConvolutionCall {
  private readonly frame = new CallFrame();
  private readonly geometryAddress: number;
  private readonly workspace: number;
  private readonly columns: number;
  private readonly copies: { view: TensorView; address: number }[] = [];
  private result: { view: TensorView; address: number } | undefined;

  constructor(geometry: WindowGeometry, outChannels: number) {
    const { frame } = this;
    this.geometryAddress = frame.reserve(GEOMETRY_FIELDS * 4);
    const g = geometry;
    frame.views().integers.set(
      [
        g.batch, g.channels, g.height, g.width, outChannels,
        g.kernel[0], g.kernel[1], g.stride[0], g.stride[1], g.padding[0], g.padding[1], g.dilation[0], g.dilation[1],
        g.outputHeight, g.outputWidth,
      ],
      this.geometryAddress / 4,
    );
    this.workspace = frame.reserve(frame.exports.workspaceBytes());
    // the module sizes its scratch: an image's column matrix, or Winograd's transforms
    this.columns = frame.reserve(frame.exports.convolutionScratchBytes(this.geometryAddress));
  }

  /** Reserves room for a contiguous float32 operand, copied in by `run`. */
  input(view: TensorView): number {
    const address = this.frame.reserve(elementCount(view) * FLOAT_BYTES);
    this.copies.push({ view, address });
    return address;
  }

  /** Reserves room for the result, copied out by `run`. */
  output(view: TensorView): number {
    const address = this.frame.reserve(elementCount(view) * FLOAT_BYTES);
    this.result = { view, address };
    return address;
  }

  run(kernel: (exports: KernelExports, geometry: number, columns: number, workspace: number) => void): void {
    const { floats } = this.frame.views();
    for (const { view, address } of this.copies) {
      const source = view.buffer as Float32Array;
      floats.set(source.subarray(view.offset, view.offset + elementCount(view)), address / FLOAT_BYTES);
    }
    kernel(this.frame.exports, this.geometryAddress, this.columns, this.workspace);
    const { view, address } = this.result!;
    const start = address / FLOAT_BYTES;
    (view.buffer as Float32Array).set(floats.subarray(start, start + elementCount(view)), view.offset);
  }
}

function elementCount(view: TensorView): number {
  let count = 1;
  for (const extent of view.shape) count *= extent;
  return count;
}
