import { describe, expect, it } from 'vitest';
import { conformanceCases } from './conformance-cases.js';
import { inputValues, makeInput } from './conformance-inputs.js';
import { gradcheck, gradgradcheck } from './gradcheck.js';

// The CPU backend is the reference: every differentiable conformance case must pass finite-difference
// checks of its first (and, unless piecewise linear, second) derivatives in float64.
describe('CPU gradcheck over the conformance cases (float64)', () => {
  for (const entry of conformanceCases) {
    if (entry.forwardOnly) continue;
    it(`${entry.group}: ${entry.name}`, () => {
      const inputs = entry.inputs.map((spec, index) =>
        makeInput(spec, inputValues(spec, `${entry.name}#${index}`), 'float64', 'cpu', true),
      );
      expect(gradcheck(entry.run, inputs)).toBe(true);
      if (!entry.firstOrderOnly) expect(gradgradcheck(entry.run, inputs)).toBe(true);
    });
  }
});
