import { ints } from '../graph/graph-builder.js';
import { spatialDims } from '../trace/dimensions.js';
import type { PrimitiveMappings } from './primitive-mapping.js';

interface WindowGeometry {
  kernel: readonly [number, number];
  stride: readonly [number, number];
  padding: readonly [number, number];
  dilation: readonly [number, number];
}

export const convolutionMappings: PrimitiveMappings = {
  // functional conv2d in user code: one group, symmetric padding (inputs [x, w, bias?])
  conv2d: (context, output, inputs, params) => {
    const geometry = params.geometry as WindowGeometry;
    const values = inputs.map((input) => context.valueOf(input));
    return context.node1(
      'Conv',
      values,
      { type: output.dtype, dims: spatialDims(values[0]!.dims, output.shape, false) },
      {
        kernel_shape: ints(geometry.kernel),
        strides: ints(geometry.stride),
        pads: ints([...geometry.padding, ...geometry.padding]),
        dilations: ints(geometry.dilation),
      },
    );
  },
};
