import { describe, expect, it } from 'vitest';
import { grad, type Tensor, tensor } from '../../src/index.js';
import { readTorchFixture } from './torch-fixtures.js';

// The labelled torch fixtures (tools/fixtures/labelled_torch_cases.py): by label, torch's outputs and the
// gradient of the sum of its floating outputs with respect to the input, or torch's error. A test lists
// the same labels with the input, the call in @dl's spelling, and the operation an error must name.

/** A tensor as the fixture holds it: NaN and ±Infinity as strings (null for NaN in older fixtures). */
interface Encoded {
  shape: number[];
  dtype: string;
  values: (number | string | null)[];
}
type Case = { error: string } | { outputs: Encoded[]; gradient: Encoded | null };

/** What a case's call returns: one tensor, several, or a number (`item`-like results). */
export type LabelledOutput = Tensor | readonly Tensor[] | number;

/** The cases by label: the input, the call, and the op an error must name. */
export type LabelledCases = Record<string, [make: () => Tensor, call: (x: Tensor) => LabelledOutput, operation: string]>;

function outputsOf(output: LabelledOutput): Tensor[] {
  if (typeof output === 'number') return [tensor(output, { dtype: 'float64' })];
  return Array.isArray(output) ? [...output] : [output as Tensor];
}

/** Shape and dtype exactly, values to 1e-12 (relative and absolute), NaN and the infinities exactly. */
function expectClose(actual: Tensor, expected: Encoded, label: string): void {
  expect({ shape: [...actual.shape], dtype: actual.dtype }, label).toEqual({ shape: expected.shape, dtype: expected.dtype });
  const values = Array.from(actual.dataSync(), Number);
  expect(values.length, label).toBe(expected.values.length);
  values.forEach((value, position) => {
    const reference = Number(expected.values[position] ?? Number.NaN);
    if (!Number.isFinite(reference) || !Number.isFinite(value)) expect(value, `${label} [${position}]`).toBe(reference);
    else
      expect(Math.abs(value - reference), `${label} [${position}]: ${value} vs ${reference}`).toBeLessThanOrEqual(
        1e-12 * (1 + Math.abs(reference)),
      );
  });
}

/** One test per case: torch's values and gradient, or an error naming the operation where torch raises. */
export function describeLabelledTorchCases(title: string, fixtureName: string, cases: LabelledCases): void {
  const fixture = readTorchFixture<Record<string, Case>>(fixtureName);
  describe(title, () => {
    it('the fixture and the test list the same cases', () => {
      expect(Object.keys(cases).sort()).toEqual(Object.keys(fixture).sort());
    });

    for (const [label, [make, call, operation]] of Object.entries(cases)) {
      const expected = fixture[label]!;
      if ('error' in expected) {
        it(`${label} throws, naming ${operation} (torch: ${expected.error})`, () => {
          expect(() => call(make())).toThrow(new RegExp(`^${operation.replace('.', '\\.')}\\b`));
        });
        continue;
      }
      it(`${label}: values${expected.gradient ? ' and gradient' : ''} as torch's`, () => {
        const x = make();
        const outputs = outputsOf(call(x));
        expect(outputs.length).toBe(expected.outputs.length);
        outputs.forEach((output, position) => expectClose(output, expected.outputs[position]!, `output ${position}`));
        if (expected.gradient === null) return;
        const floating = outputs.filter((output) => output.requiresGrad);
        const total = floating.map((output) => output.sum()).reduce((sum, term) => sum.add(term));
        const [gradient] = grad(total, [x]);
        expectClose(gradient!, expected.gradient, 'gradient');
      });
    }
  });
}
