import { Conv1d, Conv2d, Conv3d, ConvTranspose1d, ConvTranspose2d, ConvTranspose3d } from '@dl/nn';
import { int, ints, string } from '../graph/graph-builder.js';
import { isDynamic, spatialDims } from '../trace/dimensions.js';
import type { Tensor } from '@dl/tensor';
import { type ModuleMapping, singleTensorMapping } from './module-mapping.js';

/**
 * ONNX pads [begin₀, begin₁, ..., end₀, end₁, ...]. 'same' pads dilation·(k − 1) in total, the odd
 * one at the end (as PyTorch); 'valid' pads nothing.
 */
export function convolutionPads(
  padding: readonly number[] | 'same' | 'valid',
  kernel: readonly number[],
  dilation: readonly number[],
): number[] {
  if (padding === 'valid') return kernel.flatMap(() => [0]).concat(kernel.map(() => 0));
  if (padding === 'same') {
    const totals = kernel.map((size, axis) => dilation[axis]! * (size - 1));
    return [...totals.map((total) => Math.floor(total / 2)), ...totals.map((total) => total - Math.floor(total / 2))];
  }
  return [...padding, ...padding];
}

/** ONNX Pad's name for the convolution padding modes it has (replicate is 'edge'; circular is opset 19's 'wrap'). */
const padModes = { reflect: 'reflect', replicate: 'edge' } as const;

const asList = (value: number | readonly number[]): number[] => (typeof value === 'number' ? [value] : [...value]);

/**
 * Conv1d, Conv2d and Conv3d as ONNX Conv (weight [Cout, Cin/groups, *k] in both). A padding mode other
 * than 'zeros' is what torch runs: the input padded by Pad in that mode, then Conv without pads.
 */
function forwardConvolutionMapping(Layer: typeof Conv1d | typeof Conv2d | typeof Conv3d, unbatched: string) {
  return singleTensorMapping<Conv1d | Conv2d | Conv3d>(Layer, (context, module, input, output) => {
    const name = module.constructor.name;
    const kernel = asList(module.kernelSize);
    if (input.ndim !== kernel.length + 2) throw context.error(name, `an unbatched ${unbatched} input is not exported; add the batch axis`);
    const padding = module.padding === 'same' || module.padding === 'valid' ? module.padding : asList(module.padding);
    const dilation = asList(module.dilation);
    let pads = convolutionPads(padding, kernel, dilation);
    let x = context.valueOf(input);
    if (module.paddingMode === 'circular')
      throw context.error(name, "paddingMode 'circular' has no ONNX Pad mode before opset 19 ('wrap')");
    if (module.paddingMode !== 'zeros') {
      // Pad's `pads`: every axis's begin, then every axis's end (batch and channels unpadded)
      const spatial = kernel.length;
      const begins = [0, 0, ...pads.slice(0, spatial)];
      const ends = [0, 0, ...pads.slice(spatial)];
      const dims = x.dims.map((extent, axis) =>
        axis < 2 ? extent : isDynamic(extent) ? null : (extent as number) + begins[axis]! + ends[axis]!,
      );
      x = context.node1(
        'Pad',
        [x, context.int64s([...begins, ...ends])],
        { type: input.dtype, dims },
        { mode: string(padModes[module.paddingMode]) },
      );
      pads = pads.map(() => 0);
    }
    const inputs = [x, context.valueOf(module.weight), ...(module.bias ? [context.valueOf(module.bias)] : [])];
    const value = context.node1(
      'Conv',
      inputs,
      { type: output.dtype, dims: spatialDims(x.dims, output.shape, false) },
      {
        kernel_shape: ints(kernel),
        strides: ints(asList(module.stride)),
        pads: ints(pads),
        dilations: ints(dilation),
        group: int(module.groups),
      },
    );
    context.bind(output, value);
  });
}

export const conv1dMapping = forwardConvolutionMapping(Conv1d, '[C, L]');
export const conv2dMapping = forwardConvolutionMapping(Conv2d, '[C, H, W]');
export const conv3dMapping = forwardConvolutionMapping(Conv3d, '[C, D, H, W]');

/**
 * ConvTranspose1d, ConvTranspose2d and ConvTranspose3d as ONNX ConvTranspose: both frameworks store
 * the weight [Cin, Cout/groups, *k] and give out = stride·(in − 1) + dilation·(k − 1) + 1 − 2·padding +
 * outputPadding along each spatial dim. A call with an output size (torch's `forward(input,
 * output_size)`) picks its own output padding, out − (stride·(in − 1) + dilation·(k − 1) + 1 −
 * 2·padding), read here from the output it gave.
 */
function transposedConvolutionMapping(
  Layer: typeof ConvTranspose1d | typeof ConvTranspose2d | typeof ConvTranspose3d,
  unbatched: string,
): ModuleMapping {
  return {
    matches: (module) => module instanceof Layer,
    emit: (context, layer, inputs, result) => {
      const module = layer as ConvTranspose1d | ConvTranspose2d | ConvTranspose3d;
      const [input, outputSize] = inputs as [Tensor, unknown];
      const output = result as Tensor;
      const name = module.constructor.name;
      const kernel = asList(module.kernelSize);
      if (input.ndim !== kernel.length + 2)
        throw context.error(name, `an unbatched ${unbatched} input is not exported; add the batch axis`);
      const [stride, padding, dilation] = [asList(module.stride), asList(module.padding), asList(module.dilation)];
      const x = context.valueOf(input);
      let outputPadding = asList(module.outputPadding);
      if (outputSize != null) {
        // the padding that gives the requested size holds for this input size only
        if (x.dims.slice(2).some(isDynamic))
          throw context.error(name, 'an outputSize with a dynamic spatial axis has no ONNX ConvTranspose form; give a fixed input size');
        outputPadding = kernel.map((size, axis) => {
          const smallest = stride[axis]! * (input.shape[axis + 2]! - 1) + dilation[axis]! * (size - 1) + 1 - 2 * padding[axis]!;
          return output.shape[axis + 2]! - smallest;
        });
      }
      // torch allows an output padding below the dilation; ONNX's ConvTranspose (and ONNX Runtime) only below the stride
      if (outputPadding.some((extra, axis) => extra >= stride[axis]!))
        throw context.error(
          name,
          `outputPadding [${outputPadding.join(', ')}] at or above the stride [${stride.join(', ')}] has no ONNX ConvTranspose form`,
        );
      const weights = [context.valueOf(module.weight), ...(module.bias ? [context.valueOf(module.bias)] : [])];
      const value = context.node1(
        'ConvTranspose',
        [x, ...weights],
        { type: output.dtype, dims: spatialDims(x.dims, output.shape, false) },
        {
          kernel_shape: ints(kernel),
          strides: ints(stride),
          pads: ints([...padding, ...padding]),
          output_padding: ints(outputPadding),
          dilations: ints(dilation),
          group: int(module.groups),
        },
      );
      context.bind(output, value);
    },
  };
}

export const convTranspose1dMapping = transposedConvolutionMapping(ConvTranspose1d, '[C, L]');
export const convTranspose2dMapping = transposedConvolutionMapping(ConvTranspose2d, '[C, H, W]');
export const convTranspose3dMapping = transposedConvolutionMapping(ConvTranspose3d, '[C, D, H, W]');
