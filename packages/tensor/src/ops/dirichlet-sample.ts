import { defineFunction, type FunctionContext } from '../autograd/custom-function.js';
import { noGrad } from '../autograd/grad-mode.js';
import { promoteTypes } from '../core/dtype.js';
import { checkOptions } from '../core/options.js';
import { composite } from '../core/scope.js';
import { formatShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { finfo } from '../core/type-info.js';
import type { RandomGenerator } from '../random/generator.js';
import { UniformStream } from '../random/uniform-stream.js';
import { broadcastTensors } from './broadcast-tensors.js';
import { checkHostReadable, valuesLike } from './host-float-values.js';
import { castTo } from './convert.js';
import { mul, sub } from './elementwise.js';
import { sampleStandardGamma } from './gamma-sampler.js';
import { dirichletSampleDerivative } from './implicit-reparameterization.js';
import { sum } from './reduce.js';
import type { StandardGammaOptions } from './standard-gamma.js';

// The smallest positive normal double: torch raises each gamma draw to it before normalising, so that
// a row never sums to 0
const SMALLEST_NORMAL_DOUBLE = 2 ** -1022;

/**
 * Rows of normalised gamma draws, as torch's _sample_dirichlet: each gamma drawn in float64 and raised
 * to the smallest normal double, each row divided by its sum, then rounded to the dtype and kept within
 * [its smallest normal number, the largest number below 1].
 */
function draw(concentration: Tensor, generator: RandomGenerator | null | undefined): Tensor {
  const values = concentration.dataSync();
  for (let i = 0; i < values.length; i++)
    if (!(values[i]! >= 0))
      throw new Error(
        `sampleDirichlet: invalid concentration ${values[i]} at flat index ${i} of shape ${formatShape(concentration.shape)}, expected α ≥ 0`,
      );
  const { tiny, eps } = finfo(concentration.dtype);
  // 1 − eps/2: the largest number below 1 of the dtype
  const belowOne = 1 - eps / 2;
  const width = concentration.shape[concentration.ndim - 1]!;
  const uniform = new UniformStream(generator, 8 * values.length);
  const draws = new Float64Array(values.length);
  for (let start = 0; start < values.length; start += width) {
    let total = 0;
    for (let i = start; i < start + width; i++) {
      draws[i] = Math.max(SMALLEST_NORMAL_DOUBLE, sampleStandardGamma(values[i]!, uniform));
      total += draws[i]!;
    }
    for (let i = start; i < start + width; i++) {
      const share = concentration.dtype === 'float32' ? Math.fround(draws[i]! / total) : draws[i]! / total;
      draws[i] = Math.min(belowOne, Math.max(tiny, share));
    }
  }
  return valuesLike(draws, concentration);
}

/**
 * torch._dirichlet_grad for each element: the derivative of the Beta(α, total − α) draw x in α (the
 * other parameter held), divided by 1 − x, on the host in float64.
 */
function derivativeValues(x: ArrayLike<number>, alpha: ArrayLike<number>, total: ArrayLike<number>): Float64Array {
  const result = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) result[i] = dirichletSampleDerivative(x[i]!, alpha[i]!, total[i]!);
  return result;
}

/**
 * The sampler with torch's _Dirichlet backward. Changing α_k moves the marginal x_k ~ Beta(α_k, Σα − α_k)
 * by dx_k/dα_k at fixed quantile and rescales the other coordinates in proportion (their ratios are
 * Dirichlet of their own concentrations, which α_k does not touch): dx_j/dα_k = −x_j·(dx_k/dα_k)/(1 − x_k).
 * The vector–Jacobian product is then D_k·(g_k − Σ_j x_j·g_j) with D_k = (dx_k/dα_k)/(1 − x_k),
 * torch's _dirichlet_grad. (Normalising the gammas of standardGamma gives another transport with the
 * same expectation but other per-draw gradients, so it would not match torch.)
 */
const SampleDirichlet = defineFunction({
  name: 'Dirichlet',
  onceDifferentiable: true,
  forward(context: FunctionContext, concentration: Tensor, generator: RandomGenerator | null | undefined) {
    const output = draw(concentration, generator);
    context.saveForBackward(concentration, output);
    return output;
  },
  backward(context, gradient) {
    const [concentration, x] = context.savedTensors as [Tensor, Tensor];
    const total = sum(concentration, -1, true).expand(concentration.shape);
    const derivative = valuesLike(derivativeValues(x.dataSync(), concentration.dataSync(), total.dataSync()), x);
    return [mul(derivative, sub(gradient, sum(mul(x, gradient), -1, true))), null];
  },
});

/**
 * Dirichlet draws, one per row (last dim) of `concentration` (torch._sample_dirichlet), in its dtype
 * (float32 or float64) and shape: normalised Gamma(α_i, 1) draws (Marsaglia–Tsang on the host, from
 * the library's Philox generator, so `manualSeed` or `generator` makes them reproducible), kept within
 * [smallest normal, largest number below 1] as torch's. Differentiable in the concentration with
 * torch's _Dirichlet backward (see {@link dirichletGrad}). Runs on the CPU.
 * @example
 * manualSeed(0);
 * sampleDirichlet(tensor([[1, 2, 3]])); // [[0.0978, 0.7418, 0.1605]]
 */
export function sampleDirichlet(concentration: Tensor, options?: StandardGammaOptions): Tensor {
  checkHostReadable('sampleDirichlet', 'concentration', concentration);
  if (concentration.ndim < 1) throw new Error('sampleDirichlet: the concentration must be at least one-dimensional');
  const { generator } = checkOptions('sampleDirichlet', options ?? {}, ['generator']);
  return SampleDirichlet.apply(concentration, generator);
}

/**
 * torch._dirichlet_grad(x, alpha, total): for a Beta(α, total − α) draw x, the derivative dx/dα at
 * fixed quantile with total − α held, divided by 1 − x: −(∂I_x(α, β)/∂α)/p(x; α, β)/(1 − x), I the
 * regularised incomplete beta function. Broadcasts; the promoted dtype. Exact up to rounding in
 * float64 (a power series in x for small x, else double-exponential quadrature of the integral over
 * [0, x] or [x, 1]); torch approximates it to about 1e-2 relative. Not differentiable.
 * @example
 * dirichletGrad(tensor([0.5]), tensor([1]), tensor([2])); // [0.6931] (Beta(1, 1): x = u^(1/α))
 */
export function dirichletGrad(x: Tensor, alpha: Tensor, total: Tensor): Tensor {
  for (const [name, value] of [
    ['x', x],
    ['alpha', alpha],
    ['total', total],
  ] as const)
    checkHostReadable('dirichletGrad', name, value);
  const dtype = promoteTypes(promoteTypes(x.dtype, alpha.dtype), total.dtype);
  return composite(() =>
    noGrad(() => {
      const [shapedX, shapedAlpha, shapedTotal] = broadcastTensors(
        castTo(x.detach(), dtype),
        castTo(alpha.detach(), dtype),
        castTo(total.detach(), dtype),
      ) as [Tensor, Tensor, Tensor];
      return valuesLike(derivativeValues(shapedX.dataSync(), shapedAlpha.dataSync(), shapedTotal.dataSync()), shapedX);
    }),
  );
}
