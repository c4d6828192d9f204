import { grad } from '../autograd/backward.js';
import { noGrad } from '../autograd/grad-mode.js';
import { checkOptions } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';
import { zeros } from '../ops/creation.js';

export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  atol?: number;
  rtol?: number;
}

function outputsOf(result: Tensor | Tensor[]): Tensor[] {
  return Array.isArray(result) ? result : [result];
}

/** Offset of the k-th (row-major) element of a strided tensor in its storage. */
function elementOffset(x: Tensor, k: number): number {
  let offset = x.offset;
  let rest = k;
  for (let axis = x.ndim - 1; axis >= 0; axis--) {
    const extent = x.shape[axis]!;
    offset += (rest % extent) * x.strides[axis]!;
    rest = Math.floor(rest / extent);
  }
  return offset;
}

function flatValues(outputs: Tensor[]): number[] {
  return outputs.flatMap((output) => Array.from(output.dataSync()));
}

/**
 * Compares the analytical Jacobian (from backward) with central finite differences,
 * J[i][j] ≈ (f(x + εeⱼ)ᵢ − f(x − εeⱼ)ᵢ) / 2ε, for every input that requires grad. Inputs should be
 * float64 CPU tensors. Returns true or throws with the first mismatching entry.
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor | Tensor[], inputs: Tensor[], options: GradcheckOptions = {}): true {
  const { eps = 1e-6, atol = 1e-5, rtol = 1e-3 } = checkOptions('gradcheck', options, ['eps', 'atol', 'rtol']);
  for (const input of inputs)
    if (input.requiresGrad && input.dtype !== 'float64')
      throw new Error(`gradcheck: inputs requiring grad should be float64 for precision (got ${input.dtype})`);
  const outputs = outputsOf(fn(...inputs));
  const outputSizes = outputs.map((output) => output.numel());
  const totalOutputs = outputSizes.reduce((a, b) => a + b, 0);
  const differentiable = inputs.filter((input) => input.requiresGrad);

  // analytical: one backward per output element, seeded with a one-hot gradient
  const analytical = differentiable.map((input) => new Float64Array(totalOutputs * input.numel()));
  let row = 0;
  outputs.forEach((output, which) => {
    for (let element = 0; element < outputSizes[which]!; element++, row++) {
      if (!output.requiresGrad) continue;
      const seed = zeros(output.shape, { dtype: output.dtype });
      (seed.storage.buffer as Float64Array)[element] = 1;
      const gradients = grad([output], differentiable, { gradOutputs: [seed], retainGraph: true, allowUnused: true });
      gradients.forEach((gradient, index) => {
        if (!gradient) return;
        const values = gradient.dataSync();
        const size = differentiable[index]!.numel();
        for (let k = 0; k < size; k++) analytical[index]![row * size + k] = values[k]!;
      });
    }
  });

  // numerical: perturb one input element at a time, in place in its CPU buffer
  differentiable.forEach((input, index) => {
    const buffer = input.storage.buffer as Float64Array;
    const size = input.numel();
    for (let k = 0; k < size; k++) {
      const at = elementOffset(input, k);
      const original = buffer[at]!;
      buffer[at] = original + eps;
      // evaluated with grad mode on: fn may itself differentiate (gradgradcheck)
      const plus = flatValues(outputsOf(fn(...inputs)));
      buffer[at] = original - eps;
      const minus = flatValues(outputsOf(fn(...inputs)));
      buffer[at] = original;
      for (let i = 0; i < totalOutputs; i++) {
        const numerical = (plus[i]! - minus[i]!) / (2 * eps);
        const exact = analytical[index]![i * size + k]!;
        if (!(Math.abs(numerical - exact) <= atol + rtol * Math.abs(numerical)))
          throw new Error(
            `gradcheck: Jacobian mismatch for input ${inputs.indexOf(input)}, output element ${i}, input element ${k}: ` +
              `analytical ${exact} vs numerical ${numerical}`,
          );
      }
    }
  });
  return true;
}

/**
 * Checks second derivatives: gradcheck of v ↦ vᵀ·J(x), the first-order gradient built with
 * createGraph, as a function of the inputs and of the seed v.
 */
export function gradgradcheck(fn: (...inputs: Tensor[]) => Tensor | Tensor[], inputs: Tensor[], options: GradcheckOptions = {}): true {
  checkOptions('gradgradcheck', options, ['eps', 'atol', 'rtol']);
  const differentiable = inputs.filter((input) => input.requiresGrad);
  const outputs = noGrad(() => outputsOf(fn(...inputs)));
  // fixed, non-trivial seeds so every output element contributes
  const seeds = outputs.map((output, which) => {
    const seed = zeros(output.shape, { dtype: 'float64' });
    const data = seed.storage.buffer as Float64Array;
    for (let i = 0; i < data.length; i++) data[i] = 0.5 + ((i * 7 + which * 3) % 5) / 4;
    return seed.requiresGrad_(true);
  });
  const firstOrder = (...all: Tensor[]): Tensor[] => {
    const xs = all.slice(0, inputs.length);
    const vs = all.slice(inputs.length);
    const results = outputsOf(fn(...xs));
    const ys = results.filter((y) => y.requiresGrad);
    const active = results.map((y) => y.requiresGrad);
    const gradients = grad(
      ys,
      xs.filter((x) => x.requiresGrad),
      {
        gradOutputs: vs.filter((_, index) => active[index]),
        createGraph: true,
        allowUnused: true,
      },
    );
    return gradients
      .map((gradient, index) => gradient ?? zeros(differentiable[index]!.shape, { dtype: 'float64' }))
      .filter((gradient) => gradient.requiresGrad);
  };
  return gradcheck(firstOrder, [...inputs, ...seeds], options);
}
