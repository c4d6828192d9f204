import type { AdamStepOptions, TensorView } from '../../core/backend.js';

/**
 * Adam in one pass over float32 parameters (the composite in ops/adam-step.ts does ~12):
 *   g ← ±∇ (+ λθ, or θ ← θ(1 − lr·λ) for AdamW)
 *   m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,  v̂ ← max(v̂, v) with amsgrad
 *   θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 */
export function adam(
  parameterView: TensorView, gradientView: TensorView, expAvgView: TensorView, expAvgSqView: TensorView,
  maxExpAvgSqView: TensorView | null, options: AdamStepOptions,
): void {
  const { lr, beta1, beta2, eps, weightDecay, decoupledWeightDecay, maximize, step } = options;
  const parameter = parameterView.buffer as Float32Array;
  const gradient = gradientView.buffer as Float32Array;
  const expAvg = expAvgView.buffer as Float32Array;
  const expAvgSq = expAvgSqView.buffer as Float32Array;
  const maxExpAvgSq = maxExpAvgSqView ? (maxExpAvgSqView.buffer as Float32Array) : null;
  const [p0, g0, m0, v0] = [parameterView.offset, gradientView.offset, expAvgView.offset, expAvgSqView.offset];
  const w0 = maxExpAvgSqView ? maxExpAvgSqView.offset : 0;
  const size = parameterView.shape.reduce((a, b) => a * b, 1);
  const sign = maximize ? -1 : 1;
  const coupledDecay = decoupledWeightDecay ? 0 : weightDecay;
  const shrink = decoupledWeightDecay ? 1 - lr * weightDecay : 1;
  const stepSize = lr / (1 - beta1 ** step);
  const correction2Sqrt = Math.sqrt(1 - beta2 ** step);
  for (let i = 0; i < size; i++) {
    let theta = parameter[p0 + i]! * shrink;
    const g = sign * gradient[g0 + i]! + coupledDecay * theta;
    const m = Math.fround(beta1 * expAvg[m0 + i]! + (1 - beta1) * g);
    const v = Math.fround(beta2 * expAvgSq[v0 + i]! + (1 - beta2) * g * g);
    expAvg[m0 + i] = m;
    expAvgSq[v0 + i] = v;
    let second = v;
    if (maxExpAvgSq) {
      second = Math.max(maxExpAvgSq[w0 + i]!, v);
      maxExpAvgSq[w0 + i] = second;
    }
    theta -= (stepSize * m) / (Math.sqrt(second) / correction2Sqrt + eps);
    parameter[p0 + i] = theta;
  }
}
