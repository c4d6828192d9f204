import { describe, expect, it } from 'vitest';
import { grad, type Tensor, tensor } from '@dl/tensor';
import { F } from '../src/index.js';
import { readFixture } from './helpers/nn-fixtures.js';

// ELU, CELU, SELU, threshold, hardshrink and relu at large and NaN inputs, against torch 1.13
// (tools/fixtures/nn_activation_edges_reference.py). ELU's family gave a NaN gradient for every input above
// 88 in float32 (its unused exponential branch overflowed: 0·∞), and NaN inputs took the wrong branch:
// threshold and hardshrink turned a NaN into 0, ELU's family sent NaN gradients where torch passes them on.

/** A number, or "NaN" / "Infinity" / "-Infinity" where JSON has none. */
type FixtureNumber = number | string;
interface ActivationCase {
  activation: string;
  label: string;
  options: Record<string, number>;
  dtype: 'float32' | 'float64';
  input: FixtureNumber[];
  output: FixtureNumber[];
  gradient: FixtureNumber[];
}
const reference = readFixture<{ cases: ActivationCase[] }>('nn_activation_edges.json');

const activations: Record<string, (x: Tensor, options: Record<string, number>) => Tensor> = {
  elu: (x, { alpha }) => (alpha === undefined ? F.elu(x) : F.elu(x, alpha)),
  celu: (x, { alpha }) => F.celu(x, alpha),
  selu: (x) => F.selu(x),
  threshold: (x, { threshold, value }) => F.threshold(x, threshold!, value!),
  hardshrink: (x) => F.hardshrink(x),
  relu: (x) => F.relu(x),
};

/** Values to the dtype's rounding, NaN and the infinities exactly. */
function expectValues(actual: Tensor, expected: FixtureNumber[], dtype: 'float32' | 'float64', label: string): void {
  const tolerance = dtype === 'float32' ? 2e-6 : 1e-13;
  Array.from(actual.dataSync(), Number).forEach((value, index) => {
    const want = Number(expected[index]);
    if (!Number.isFinite(want)) expect(value, `${label} [${index}]`).toBe(want);
    else expect(Math.abs(value - want), `${label} [${index}]: ${value} vs ${want}`).toBeLessThanOrEqual(tolerance * (1 + Math.abs(want)));
  });
}

describe('activations at large and NaN inputs, as torch 1.13', () => {
  it.each(reference.cases.map((entry) => [`${entry.label}, ${entry.dtype}, [${entry.input.join(', ')}]`, entry] as const))(
    '%s',
    (_, entry) => {
      const x = tensor(entry.input.map(Number), { dtype: entry.dtype, requiresGrad: true });
      const y = activations[entry.activation]!(x, entry.options);
      expectValues(y, entry.output, entry.dtype, 'output');
      const [gradient] = grad(y.sum(), [x]);
      expectValues(gradient!, entry.gradient, entry.dtype, 'gradient');
    },
  );
});
