import { indexSelect, tensor, type Tensor } from '@dl/tensor';
import type { Rounding } from './interpolate.js';

// interpolate's bicubic and area modes along one axis (interpolate.ts applies them dim by dim).

/** Keys' cubic convolution parameter, torch's. */
const A = -0.75;

/**
 * The weights of the four neighbours at fraction t of the way from the second to the third (torch's
 * get_cubic_upsample_coefficients), each step rounded to the input's precision as torch computes it:
 *   W(x) = (A + 2)|x|³ − (A + 3)|x|² + 1 for |x| ≤ 1, A|x|³ − 5A|x|² + 8A|x| − 4A for 1 < |x| < 2.
 */
function cubicWeights(t: number, round: Rounding): [number, number, number, number] {
  const near = (x: number) => round(round(round(round(round((A + 2) * x) - (A + 3)) * x) * x) + 1);
  const far = (x: number) => round(round(round(round(round(round(A * x) - 5 * A) * x) + 8 * A) * x) - 4 * A);
  const rest = round(1 - t);
  return [far(round(t + 1)), near(t), near(rest), far(round(rest + 1))];
}

/**
 * Bicubic interpolation along `axis`: Σₖ wₖ·x[i − 1 + k] for the source position scale·(dst + ½) − ½
 * (not clamped) or scale·dst with `alignCorners`, neighbours past an edge reading the edge.
 */
export function cubic(
  x: Tensor,
  axis: number,
  inSize: number,
  outSize: number,
  scale: number,
  alignCorners: boolean,
  round: Rounding,
): Tensor {
  const indices = Array.from({ length: 4 }, () => new Int32Array(outSize));
  const weights = Array.from({ length: 4 }, () => new Float64Array(outSize));
  for (let output = 0; output < outSize; output++) {
    const position = alignCorners ? round(scale * output) : round(round(scale * round(output + 0.5)) - 0.5);
    const index = Math.floor(position);
    const coefficients = cubicWeights(round(position - index), round);
    for (let k = 0; k < 4; k++) {
      indices[k]![output] = Math.min(Math.max(index - 1 + k, 0), inSize - 1);
      weights[k]![output] = coefficients[k]!;
    }
  }
  const shape = x.shape.map((_, dim) => (dim === axis ? outSize : 1));
  let result: Tensor | null = null;
  for (let k = 0; k < 4; k++) {
    const term = indexSelect(x, axis, tensor(indices[k]!, { dtype: 'int32', device: x.device })).mul(
      tensor(weights[k]!, { dtype: x.dtype, device: x.device }).reshape(shape),
    );
    result = result ? result.add(term) : term;
  }
  return result!;
}

/**
 * Adaptive average pooling along `axis`: output i is the mean of inputs ⌊i·in/out⌋ … ⌈(i + 1)·in/out⌉ − 1,
 * as a product with the [in, out] matrix of those averages.
 */
export function areaAverage(x: Tensor, axis: number, inSize: number, outSize: number): Tensor {
  const averages = new Float64Array(inSize * outSize);
  for (let output = 0; output < outSize; output++) {
    const start = Math.floor((output * inSize) / outSize);
    const end = Math.ceil(((output + 1) * inSize) / outSize);
    for (let input = start; input < end; input++) averages[input * outSize + output] = 1 / (end - start);
  }
  const matrix = tensor(averages, { dtype: x.dtype, device: x.device, shape: [inSize, outSize] });
  return x.movedim(axis, -1).matmul(matrix).movedim(-1, axis);
}
