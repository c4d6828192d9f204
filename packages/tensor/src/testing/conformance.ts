import { grad } from '../autograd/backward.js';
import { releaseGraph } from '../autograd/functional-arguments.js';
import { scope } from '../core/scope.js';
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
  if (!total) {
    // gradients that do not depend on the inputs (f linear in them): no second pass consumes the graph
    // the first one kept for it, so one last pass that keeps nothing frees it
    releaseGraph([forward], differentiable);
    return { forward, first, second: [] };
  }
  return { forward, first, second: grad(total, differentiable, { allowUnused: true }) };
}

/** What released a conformance case's tensors, for the error a later read of one throws. */
const CASE_END = 'the end of a conformance case';

/**
 * Registers one test per conformance case: the device's forward values, gradients and second-order
 * gradients must match the CPU reference (float32) within tolerance. Each case releases the tensors
 * it made when it ends (a scope), so a suite leaves nothing to the garbage collector's safety net:
 * a later test that counts live tensors (a training loop's memory check) sees only its own.
 */
export function runConformance(harness: ConformanceHarness): void {
  const tolerance = harness.tolerance ?? { rtol: 1e-4, atol: 1e-5 };
  for (const entry of conformanceCases) {
    if (harness.groups && !harness.groups.includes(entry.group)) continue;
    harness.test(`${entry.group}: ${entry.name}`, () => scope(() => runCase(entry, harness.device, tolerance), CASE_END));
  }
}

/** One case: forward values, gradients and second-order gradients on `device` against the CPU's. */
async function runCase(entry: ConformanceCase, device: string, tolerance: Tolerance): Promise<void> {
  const expected = evaluate(entry, 'cpu');
  const actual = evaluate(entry, device);
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
}
