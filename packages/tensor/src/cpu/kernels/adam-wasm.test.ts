import { describe, expect, it } from 'vitest';
import type { AdamStepOptions, TensorView } from '../../core/backend.js';
import { adam } from './adam.js';

/** The update of one element in float64 with float32 storage, written out as the formula. */
function referenceStep(theta0: number, gradient: number, m0: number, v0: number, options: AdamStepOptions): [number, number, number] {
  const { lr, beta1, beta2, eps, weightDecay, decoupledWeightDecay, maximize, step } = options;
  const theta = decoupledWeightDecay ? theta0 * (1 - lr * weightDecay) : theta0;
  const direction = (maximize ? -gradient : gradient) + (decoupledWeightDecay ? 0 : weightDecay) * theta;
  const m = Math.fround(beta1 * m0 + (1 - beta1) * direction);
  const v = Math.fround(beta2 * v0 + (1 - beta2) * direction * direction);
  const updated = theta - ((lr / (1 - beta1 ** step)) * m) / (Math.sqrt(v) * (1 / Math.sqrt(1 - beta2 ** step)) + eps);
  return [Math.fround(updated), m, v];
}

/** Deterministic values of both signs and many magnitudes. */
function values(count: number, seed: number, positive = false): Float32Array {
  let state = seed;
  return Float32Array.from({ length: count }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const value = (state / 2 ** 32 - 0.5) * 2 ** ((state % 13) - 6);
    return positive ? Math.abs(value) : value;
  });
}

function view(buffer: Float32Array, shape: number[], strides: number[], offset = 0): TensorView {
  return { buffer, dtype: 'float32', shape, strides, offset };
}

const optionSets: AdamStepOptions[] = [
  { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, decoupledWeightDecay: false, maximize: false, step: 1 },
  { lr: 3e-2, beta1: 0.8, beta2: 0.99, eps: 1e-6, weightDecay: 0.1, decoupledWeightDecay: false, maximize: true, step: 4 },
  { lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.05, decoupledWeightDecay: true, maximize: false, step: 7 },
];

describe('fused Adam in the WebAssembly module', () => {
  // [rows, columns]: edges of the 4-wide vectors and 4×4 blocks in both directions
  const shapes: [number, number][] = [
    [1, 1],
    [3, 5],
    [8, 12],
    [7, 10],
    [33, 18],
  ];
  for (const [rows, columns] of shapes)
    for (const transposed of [false, true])
      it(`is the float64 formula bit for bit: [${rows}, ${columns}]${transposed ? ', transposed gradient' : ''}`, () => {
        const count = rows * columns;
        for (const options of optionSets) {
          // operands at offsets inside larger buffers, as pooled storages are
          const parameter = values(count + 3, 1);
          const expAvg = values(count + 1, 2);
          const expAvgSq = values(count + 2, 3, true);
          const gradient = values(count + 4, 4); // dense [columns, rows] when transposed
          const expected = Array.from({ length: count }, (_, i) => {
            const [r, c] = [Math.floor(i / columns), i % columns];
            const g = gradient[4 + (transposed ? r + c * rows : i)]!;
            return referenceStep(parameter[3 + i]!, g, expAvg[1 + i]!, expAvgSq[2 + i]!, options);
          });
          adam(
            view(parameter, [rows, columns], [columns, 1], 3),
            view(gradient, [rows, columns], transposed ? [1, rows] : [columns, 1], 4),
            view(expAvg, [rows, columns], [columns, 1], 1),
            view(expAvgSq, [rows, columns], [columns, 1], 2),
            null,
            options,
          );
          expect(Array.from(parameter.subarray(3))).toEqual(expected.map(([p]) => p));
          expect(Array.from(expAvg.subarray(1))).toEqual(expected.map(([, m]) => m));
          expect(Array.from(expAvgSq.subarray(2))).toEqual(expected.map(([, , v]) => v));
        }
      });
});
