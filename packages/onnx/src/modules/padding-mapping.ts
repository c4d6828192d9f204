import { PaddingLayer } from '@dl/nn';
import { string } from '../graph/graph-builder.js';
import { isDynamic } from '../trace/dimensions.js';
import { singleTensorMapping } from './module-mapping.js';

/** ONNX Pad's name for each mode of the padding layers (ONNX calls replicate 'edge'). */
const onnxModes = { constant: 'constant', reflect: 'reflect', replicate: 'edge' } as const;

/**
 * The padding layers (ReflectionPad2d, ReplicationPad2d, ZeroPad2d, ConstantPad2d, …): ONNX Pad, whose
 * `pads` input lists every axis's begin, then every axis's end; ours pad the last dims from the last
 * one back, [left, right, top, bottom].
 */
export const paddingMapping = singleTensorMapping(PaddingLayer, (context, module, input, output) => {
  const name = module.constructor.name;
  if (module.mode === 'circular') throw context.error(name, "circular padding has no ONNX Pad mode before opset 19 ('wrap')");
  if (module.padding.some((amount) => amount < 0)) throw context.error(name, 'negative padding (cropping) is not exported');
  const x = context.valueOf(input);
  const rank = input.ndim;
  const begins = new Array<number>(rank).fill(0);
  const ends = new Array<number>(rank).fill(0);
  for (let pair = 0; pair < module.padding.length / 2; pair++) {
    begins[rank - 1 - pair] = module.padding[2 * pair]!;
    ends[rank - 1 - pair] = module.padding[2 * pair + 1]!;
  }
  const inputs = [x, context.int64s([...begins, ...ends])];
  if (module.mode === 'constant') {
    if (output.dtype !== 'float32' && output.dtype !== 'float64') throw context.error(name, `a ${output.dtype} input is not exported`);
    inputs.push(context.builder.floatConstant([module.value], output.dtype, []));
  }
  // an axis keeps its dynamic name when it is not padded; a padded dynamic axis has no fixed size
  const dims = output.shape.map((extent, axis) =>
    begins[axis] === 0 && ends[axis] === 0 ? (x.dims[axis] ?? extent) : isDynamic(x.dims[axis]) ? null : extent,
  );
  context.bind(output, context.node1('Pad', inputs, { type: output.dtype, dims }, { mode: string(onnxModes[module.mode]) }));
});
