import { grad } from '../autograd/backward.js';
import type { Tensor } from '../core/tensor.js';
import { tensor } from '../ops/creation.js';
import { mul, add } from '../ops/elementwise.js';
import { sum } from '../ops/reduce.js';
import { assertClose, type Tolerance } from './allclose.js';
import { conformanceCases, type ConformanceCase } from './conformance-cases.js';
import { inputValues, makeInput } from './conformance-inputs.js';

export { conformanceCases, type ConformanceCase };

export interface ConformanceHarness {
  /** The device under test (its backend must be registered). */
  device: string;
  /** The test runner's `it`/`test`. */
  test: (name: string, body: () => Promise<void>) => void;
  /** Kernel groups the backend implements (default: all). */
  groups?: ConformanceCase['group'][];
  tolerance?: Tolerance;
}

/** Deterministic, non-uniform weights so every output element matters: w_i = 0.5 + (i mod 5)/4. */
function weightsLike(x: Tensor): Tensor {
  const values = Array.from({ length: x.numel() }, (_, i) => 0.5 + (i % 5) / 4);
  return tensor(values, { dtype: x.dtype, device: x.device, shape: x.shape });
}

interface Results {
  forward: Tensor;
  first: (Tensor | null)[];
  second: (Tensor | null)[];
}

/** Forward values, first-order gradients of Σ w·f, and second-order gradients of Σ v·∇(Σ w·f). */
function evaluate(entry: ConformanceCase, device: string): Results {
  const inputs = entry.inputs.map((spec, index) =>
    makeInput(spec, inputValues(spec, `${entry.name}#${index}`), 'float32', device, !entry.forwardOnly),
  );
  const forward = entry.run(...inputs);
  if (entry.forwardOnly || !forward.requiresGrad) return { forward, first: [], second: [] };
  const differentiable = inputs.filter((input) => input.requiresGrad);
  const first = grad(forward, differentiable, {
    gradOutputs: [weightsLike(forward)],
    createGraph: !entry.firstOrderOnly,
    allowUnused: true,
  });
  if (entry.firstOrderOnly) return { forward, first, second: [] };
  let total: Tensor | undefined;
  for (const gradient of first) {
    if (!gradient?.requiresGrad) continue;
    const term = sum(mul(gradient, weightsLike(gradient)));
    total = total ? add(total, term) : term;
  }
  const second = total ? grad(total, differentiable, { allowUnused: true }) : [];
  return { forward, first, second };
}

/**
 * Registers one test per conformance case: the device's forward values, gradients and second-order
 * gradients must match the CPU reference (float32) within tolerance.
 */
export function runConformance(harness: ConformanceHarness): void {
  const tolerance = harness.tolerance ?? { rtol: 1e-4, atol: 1e-5 };
  for (const entry of conformanceCases) {
    if (harness.groups && !harness.groups.includes(entry.group)) continue;
    harness.test(`${entry.group}: ${entry.name}`, async () => {
      const expected = evaluate(entry, 'cpu');
      const actual = evaluate(entry, harness.device);
      await assertClose(actual.forward, expected.forward, tolerance, `${entry.name} forward`);
      const compareAll = async (got: (Tensor | null)[], want: (Tensor | null)[], label: string) => {
        if (got.length !== want.length) throw new Error(`${entry.name} ${label}: ${got.length} gradients vs ${want.length}`);
        for (let i = 0; i < want.length; i++) {
          const w = want[i];
          const g = got[i];
          if (!w || !g) {
            if (!w !== !g) throw new Error(`${entry.name} ${label} ${i}: one side has no gradient`);
            continue;
          }
          await assertClose(g, w, tolerance, `${entry.name} ${label} of input ${i}`);
        }
      };
      await compareAll(actual.first, expected.first, 'gradient');
      await compareAll(actual.second, expected.second, 'second-order gradient');
    });
  }
}
