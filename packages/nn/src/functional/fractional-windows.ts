import { arange, cast, cat, floor, full, gather, max, noGrad, valuesAndIndices, type Tensor, type ValuesAndIndices } from '@dl/tensor';

// The pseudo-random windows of fractional max pooling (Graham, 2014), as torch's CPU kernels
// (aten/src/ATen/native/FractionalMaxPool2d.cpp, FractionalMaxPool3d.cpp) place them, and the maximum
// of each, composed of tensor operations: the window starts are computed on the samples' device, the
// cells are read with one gather, so the gradient (gather's: a scatter-add) reaches each chosen
// maximum, summed where overlapping windows chose the same cell.

/**
 * torch's generate_intervals for one pooled dim: the starts of `outputSize` windows of `poolSize` cells
 * in `inputSize`, from each plane's sample u ∈ [0, 1) (`samples`: [N, C, 1]):
 * start_i = ⌊(i + u)·α⌋ − ⌊u·α⌋ with α = (inputSize − poolSize)/(outputSize − 1) for i < outputSize − 1,
 * and the last window ends at the input's end (start inputSize − poolSize). The arithmetic runs in the
 * samples' dtype, as torch's runs in the input's: in float32 the rounding of (i + u)·α decides some
 * floors. Returns [N, C, outputSize] int32.
 * @example
 * windowStarts(tensor([[[0.5]]]), 10, 4, 2); // [[[0, 3, 5, 8]]] (α = 8/3)
 */
export function windowStarts(samples: Tensor, inputSize: number, outputSize: number, poolSize: number): Tensor {
  const [batch, channels] = samples.shape as [number, number];
  const device = samples.device;
  const last = full([batch, channels, 1], inputSize - poolSize, { dtype: 'int32', device });
  if (outputSize <= 1) return outputSize === 1 ? last : last.narrow(2, 0, 0);
  // torch computes α as scalar_t: a float32 division of the two integers, which Math.fround of the
  // double quotient gives exactly (double has more than 2·24 + 2 bits)
  const quotient = (inputSize - poolSize) / (outputSize - 1);
  const alpha = samples.dtype === 'float64' ? quotient : Math.fround(quotient);
  const positions = arange(outputSize - 1, undefined, 1, { dtype: samples.dtype, device });
  const starts = floor(samples.add(positions).mul(alpha)).sub(floor(samples.mul(alpha)));
  return cat([cast(starts, 'int32'), last], 2);
}

/**
 * The maximum of every window of `input` ([N, C, ...spatial]) and its flat position in the input's
 * plane or volume (h·W + w, or t·H·W + h·W + w, as torch's indices): window o along dim j covers cells
 * starts[j][n, c, o] … + kernel[j] − 1. Ties keep the first cell in row-major order, as torch's
 * strict `>` comparison does.
 */
export function windowMaxima(input: Tensor, starts: readonly Tensor[], kernel: readonly number[]): ValuesAndIndices {
  const [batch, channels, ...spatial] = input.shape as number[];
  const dims = kernel.length;
  const outputs = starts.map((start) => start.shape[2]!);
  const outputCells = outputs.reduce((product, size) => product * size, 1);
  const windowCells = kernel.reduce((product, size) => product * size, 1);
  const planeCells = spatial.reduce((product, size) => product * size, 1);
  // flat[n, c, o₀ … o_{d−1}, k₀ … k_{d−1}] = Σ_j (start_j[o_j] + k_j)·(product of the sizes after dim j)
  const flat = noGrad(() => {
    let sum: Tensor | null = null;
    let stride = 1;
    for (let axis = dims - 1; axis >= 0; axis--) {
      const cells = starts[axis]!.unsqueeze(3).add(arange(kernel[axis]!, undefined, 1, { dtype: 'int32', device: input.device }));
      const shape = [batch!, channels!, ...Array<number>(2 * dims).fill(1)];
      shape[2 + axis] = outputs[axis]!;
      shape[2 + dims + axis] = kernel[axis]!;
      const term = cells.reshape(shape).mul(stride);
      sum = sum ? sum.add(term) : term;
      stride *= spatial[axis]!;
    }
    return sum!.reshape([batch!, channels!, outputCells, windowCells]);
  });
  const planes = input.reshape([batch!, channels!, planeCells]);
  const windows = gather(planes, 2, flat.reshape([batch!, channels!, outputCells * windowCells])).reshape([
    batch!,
    channels!,
    outputCells,
    windowCells,
  ]);
  const [values, chosen] = max(windows, 3);
  const indices = noGrad(() => gather(flat, 3, chosen.unsqueeze(3)).squeeze(3));
  const outputShape = [batch!, channels!, ...outputs];
  return valuesAndIndices(values.reshape(outputShape), indices.reshape(outputShape));
}
