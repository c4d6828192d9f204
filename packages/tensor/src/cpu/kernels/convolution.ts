import type { Conv2dKernels, TensorView, WindowGeometry } from '../../core/backend.js';
import type { HelperCall, HelperKernel } from '../threads/worker-pool.js';
import { CallFrame, kernelPool } from '../wasm/instance.js';

const FLOAT_BYTES = 4;
/**
 * The i32 fields of the WebAssembly kernel's Geometry (packages/tensor/assembly/convolution.ts), in
 * order, then the 9 of the Winograd shape record the kernel writes after them.
 */
const GEOMETRY_FIELDS = 15;
const RECORD_BYTES = (GEOMETRY_FIELDS + 9) * 4;
/**
 * The weight gradient sums over the batch: it is computed in this many slices of the batch (fewer for
 * a smaller batch), whatever the number of threads, and the slices' sums are added in order, so the
 * result is the same bit for bit on any number of threads.
 */
const WEIGHT_GRADIENT_SLICES = 8;
/** Below this many multiply-adds (≈ 40 µs of work) a convolution stays on the calling thread. */
const MINIMUM_MULTIPLY_ADDS_FOR_THREADS = 2 ** 20;

/**
 * The CPU backend's fused convolution: the WebAssembly module does im2col one image at a time into
 * a scratch matrix and multiplies it there, so the column matrix (C·kh·kw × OH·OW per image, 10.6 M
 * floats for a batch of the tutorial's second convolution) never exists in JavaScript and is never
 * copied; 3×3 stride-1 kernels with at least 8 channels in and out use Winograd's F(2×2, 3×3)
 * instead (assembly/winograd.ts). Only the operands and the result cross, and only when they are not
 * resident tensors (cpu/resident.ts): copied into the module's memory and back. With setNumThreads(n > 1) the batch is cut into parts, one per thread.
 */
export const conv2dKernels: Conv2dKernels = {
  forward: (x, weight, bias, out, geometry) =>
    convolve('convolutionForward', geometry, weight.shape[0]!, { x, weight, bias, gradient: null }, out),
  inputGradient: (gradient, weight, out, geometry) =>
    convolve('convolutionInputGradient', geometry, weight.shape[0]!, { x: null, weight, bias: null, gradient }, out),
  weightGradient: (x, gradient, out, geometry) =>
    convolve('convolutionWeightGradient', geometry, out.shape[0]!, { x, weight: null, bias: null, gradient }, out),
};

interface Operands {
  /** The input images [N, C, H, W] (forward, weight gradient). */
  x: TensorView | null;
  /** The filters [O, C, kh, kw] (forward, input gradient). */
  weight: TensorView | null;
  bias: TensorView | null;
  /** The output's gradient [N, O, OH, OW] (the two gradients). */
  gradient: TensorView | null;
}

/** Images [first, first + count) of the batch. */
interface BatchPart {
  first: number;
  count: number;
}

/**
 * Cuts the batch into `parts` runs of whole images (fewer when the batch is smaller). Each image of
 * the forward pass and of the input gradient is computed by one thread alone, so any cut gives the
 * same result.
 */
function batchParts(batch: number, parts: number): BatchPart[] {
  const size = Math.ceil(batch / Math.max(1, Math.min(parts, batch)));
  const result: BatchPart[] = [];
  for (let first = 0; first < batch; first += size) result.push({ first, count: Math.min(size, batch - first) });
  return result.length > 0 ? result : [{ first: 0, count: 0 }];
}

/**
 * Lays out one convolution — per part of the batch a geometry record, an sgemm workspace and the
 * scratch the module asks for; the operands; the result (per slice for the weight gradient) — copies
 * the operands in, runs the parts (on helper threads too, when there are any), and copies the result
 * out.
 */
function convolve(kernel: HelperKernel, geometry: WindowGeometry, outChannels: number, operands: Operands, out: TensorView): void {
  const multiplyAdds =
    geometry.batch *
    outChannels *
    geometry.outputHeight *
    geometry.outputWidth *
    geometry.channels *
    geometry.kernel[0] *
    geometry.kernel[1];
  // helper threads only for work worth splitting, asked before the frame: starting them may
  // move the kernels to a shared memory, and a frame lays out its call in one instance's memory
  const pool = multiplyAdds >= MINIMUM_MULTIPLY_ADDS_FOR_THREADS ? kernelPool() : null;
  const frame = new CallFrame();
  const { exports } = frame;
  const threads = (pool?.helpers ?? 0) + 1;
  const summing = kernel === 'convolutionWeightGradient';
  const parts = batchParts(geometry.batch, summing ? WEIGHT_GRADIENT_SLICES : threads);
  const imageBytes = geometry.channels * geometry.height * geometry.width * FLOAT_BYTES;
  const outputImageBytes = outChannels * geometry.outputHeight * geometry.outputWidth * FLOAT_BYTES;
  // a record, workspace and scratch per thread, reused by the slices that thread runs
  const records = Array.from({ length: Math.min(threads, parts.length) }, () => {
    const record = frame.reserve(RECORD_BYTES);
    writeGeometry(frame, record, geometry, outChannels, parts[0]!.count);
    return { record, workspace: frame.reserve(exports.workspaceBytes()), columns: frame.reserve(exports.convolutionScratchBytes(record)) };
  });
  // operands living in the module's memory are read where they are, the others copied in
  const input = (view: TensorView | null) => (view ? frame.input(view.buffer as Float32Array, view.offset, elementCount(view)) : 0);
  const x = input(operands.x);
  const weight = input(operands.weight);
  const bias = input(operands.bias);
  const gradient = input(operands.gradient);
  const outputFloats = elementCount(out);
  const result = frame.output(out.buffer as Float32Array, out.offset, outputFloats);
  // the weight gradient: one [O, K] sum per slice, added in order at the end into the first
  const outputs = summing ? parts.map((_, index) => (index === 0 ? result : frame.reserve(outputFloats * FLOAT_BYTES))) : [result];

  const callOf = (part: BatchPart, index: number, thread: (typeof records)[number]): HelperCall => {
    writeGeometry(frame, thread.record, geometry, outChannels, part.count);
    const images = part.first * imageBytes;
    const outputImages = part.first * outputImageBytes;
    const { record, columns, workspace } = thread;
    if (kernel === 'convolutionForward')
      return { kernel, arguments: [record, x + images, weight, bias, outputs[0]! + outputImages, columns, workspace] };
    if (kernel === 'convolutionInputGradient')
      return { kernel, arguments: [record, gradient + outputImages, weight, outputs[0]! + images, columns, workspace] };
    return { kernel, arguments: [record, x + images, gradient + outputImages, outputs[index]!, columns, workspace] };
  };
  const runOnThisThread = (call: HelperCall) => (exports[call.kernel] as (...values: number[]) => void)(...call.arguments);
  // rounds of one part per thread: the calling thread takes the first of each round
  for (let start = 0; start < parts.length; start += records.length) {
    const round = parts.slice(start, start + records.length).map((part, offset) => callOf(part, start + offset, records[offset]!));
    if (round.length === 1 || !pool) round.forEach(runOnThisThread);
    else pool.run(round.slice(1), () => runOnThisThread(round[0]!));
  }
  if (summing) addInOrder(frame, outputs, outputFloats);
  frame.copyOut(outputs[0]!, out.buffer as Float32Array, out.offset, outputFloats);
}

function writeGeometry(frame: CallFrame, address: number, g: WindowGeometry, outChannels: number, batch: number): void {
  frame
    .views()
    .integers.set(
      [
        batch,
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
      address / 4,
    );
}

/** outputs[0] ← outputs[0] + outputs[1] + … in float32, in that order. */
function addInOrder(frame: CallFrame, outputs: number[], count: number): void {
  if (outputs.length === 1) return;
  const { floats } = frame.views();
  const total = floats.subarray(outputs[0]! / 4, outputs[0]! / 4 + count);
  for (const address of outputs.slice(1)) {
    const slice = floats.subarray(address / 4, address / 4 + count);
    for (let index = 0; index < count; index++) total[index] = total[index]! + slice[index]!;
  }
}

function elementCount(view: TensorView): number {
  let count = 1;
  for (const extent of view.shape) count *= extent;
  return count;
}
