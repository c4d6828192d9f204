import { defineFunction, type FunctionContext } from '../autograd/custom-function.js';
import { noGrad } from '../autograd/grad-mode.js';
import { promoteTypes } from '../core/dtype.js';
import { checkOptions, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { formatShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { finfo } from '../core/type-info.js';
import type { RandomGenerator } from '../random/generator.js';
import { UniformStream } from '../random/uniform-stream.js';
import { broadcastTensors } from './broadcast-tensors.js';
import { checkHostReadable, valuesLike } from './host-float-values.js';
import { castTo } from './convert.js';
import { mul } from './elementwise.js';
import { sampleStandardGamma } from './gamma-sampler.js';
import { gammaSampleDerivative } from './implicit-reparameterization.js';

/** standardGamma's options. */
export interface StandardGammaOptions {
  /** Draw from this generator instead of the global one. Default: the global generator (`manualSeed`). */
  generator?: RandomGenerator | null;
}

/** dx/dα for each (α, x) pair, on the host in float64. */
function derivativeValues(alpha: ArrayLike<number>, x: ArrayLike<number>): Float64Array {
  const result = new Float64Array(alpha.length);
  for (let i = 0; i < alpha.length; i++) result[i] = gammaSampleDerivative(alpha[i]!, x[i]!);
  return result;
}

/**
 * The draws, one per concentration, raised to the smallest normal number of the dtype as torch's
 * _standard_gamma does (so that a log of a draw is finite).
 */
function draw(concentration: Tensor, generator: RandomGenerator | null | undefined): Tensor {
  const values = concentration.dataSync();
  for (let i = 0; i < values.length; i++)
    if (!(values[i]! >= 0))
      throw new Error(
        `standardGamma: invalid concentration ${values[i]} at flat index ${i} of shape ${formatShape(concentration.shape)}, expected α ≥ 0 (torch returns the smallest normal number there)`,
      );
  const tiny = finfo(concentration.dtype).tiny;
  // about 8 numbers a draw: 2 for the boost, 4 for a normal, 2 for the acceptance test
  const uniform = new UniformStream(generator, 8 * values.length);
  const draws = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const sample = sampleStandardGamma(values[i]!, uniform);
    draws[i] = Math.max(tiny, concentration.dtype === 'float32' ? Math.fround(sample) : sample);
  }
  return valuesLike(draws, concentration);
}

/**
 * The sampler as a function with torch's backward: the gradient of a draw x with respect to its α is
 * the implicit reparameterisation gradient dx/dα = −(∂P(α, x)/∂α)/p(x; α) (torch's
 * _standard_gamma_grad), computed on the host, so the backward is not differentiable again (torch's
 * is not implemented either).
 */
const StandardGamma = defineFunction({
  name: 'StandardGamma',
  onceDifferentiable: true,
  forward(context: FunctionContext, concentration: Tensor, generator: RandomGenerator | null | undefined) {
    const output = draw(concentration, generator);
    context.saveForBackward(concentration, output);
    return output;
  },
  backward(context, gradient) {
    const [concentration, output] = context.savedTensors as [Tensor, Tensor];
    const derivative = valuesLike(derivativeValues(concentration.dataSync(), output.dataSync()), output);
    return [mul(gradient, derivative), null];
  },
});

/**
 * One Gamma(α, 1) draw per element of `concentration` (torch._standard_gamma), in its dtype (float32
 * or float64) and shape, by Marsaglia and Tsang's method (α < 1 boosted by U^(1/α)), drawn on the
 * host from the library's Philox generator so that `manualSeed` (or `generator`) makes it
 * reproducible. Draws are raised to the smallest normal number of the dtype, as torch's (α = 0 gives
 * that number); a negative or NaN α is an error (torch returns the smallest normal number). The
 * gradient with respect to α is the implicit reparameterisation gradient
 * dx/dα = −(∂P(α, x)/∂α)/p(x; α), P the regularised lower incomplete gamma function and p the
 * density (see {@link standardGammaGrad}), so `standardGamma(α).div(rate)` is a reparameterised
 * Gamma(α, rate) sample. Runs on the CPU (the concentration is read synchronously).
 * @example
 * manualSeed(0);
 * const alpha = tensor([0.5, 2, 30], { requiresGrad: true });
 * const x = standardGamma(alpha); // [1.4102, 1.8339, 37.0008]
 * x.sum().backward(); // alpha.grad = dx/dα at each draw
 */
export function standardGamma(concentration: Tensor, options?: StandardGammaOptions): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('standardGamma', ['concentration', 'options'], arguments);
  checkHostReadable('standardGamma', 'concentration', concentration);
  const { generator } = checkOptions('standardGamma', options ?? {}, ['generator']);
  return StandardGamma.apply(concentration, generator);
}

/**
 * The derivative of a Gamma(α, 1) draw x with respect to α at fixed quantile,
 * dx/dα = −(∂P(α, x)/∂α)/p(x; α) (torch._standard_gamma_grad(alpha, x)): the gradient standardGamma's
 * backward uses. α and x broadcast; their promoted dtype (float32 or float64). Computed in float64 on
 * the host, exactly up to rounding (about 1e-13 relative): a power series in x below x = 0.1, else the
 * integral ∫₀ˣ (ψ(α) − ln t)·t^(α−1)e^(−t) dt / (x^(α−1)e^(−x)) or its complement over [x, ∞) by
 * double-exponential quadrature; torch approximates it piecewise (series, saddle point, rational
 * fit) to about 3e-3 relative. 0 at x = 0; NaN for α ≤ 0 and NaN. Not differentiable (the result
 * records no graph, as torch's has no derivative).
 * @example
 * standardGammaGrad(tensor([1, 0.5]), tensor([1, 0.2])); // [1.1736, 0.7941]
 */
export function standardGammaGrad(alpha: Tensor, x: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('standardGammaGrad', ['alpha', 'x'], arguments);
  checkHostReadable('standardGammaGrad', 'alpha', alpha);
  checkHostReadable('standardGammaGrad', 'x', x);
  const dtype = promoteTypes(alpha.dtype, x.dtype);
  return composite(() =>
    noGrad(() => {
      const [shapedAlpha, shapedX] = broadcastTensors(castTo(alpha.detach(), dtype), castTo(x.detach(), dtype)) as [Tensor, Tensor];
      return valuesLike(derivativeValues(shapedAlpha.dataSync(), shapedX.dataSync()), shapedX);
    }),
  );
}
