import { add, cosh, div, mul, neg, sinh, sqrt, sub } from '../ops/elementwise.js';
import type { RuleTable } from './primitives.js';

type MathPrimitive = 'tan' | 'asin' | 'acos' | 'atan' | 'sinh' | 'cosh' | 'asinh' | 'acosh' | 'atanh' | 'log2' | 'log10' | 'exp2' | 'atan2';

// The derivatives of the math functions beyond exp, log and sin/cos, as torch's derivatives.yaml
// writes them, in differentiable ops (so second derivatives follow).
export const mathRules: Pick<RuleTable, MathPrimitive> = {
  // d tan x = (1 + tan²x) dx
  tan: { saves: ['output'], backward: (g, { output }) => [mul(g, add(mul(output!, output!), 1))] },
  // d asin x = dx / √(1 − x²); d acos x = −dx / √(1 − x²)
  asin: { saves: [0], backward: (g, { inputs: [x] }) => [div(g, sqrt(sub(1, mul(x!, x!))))] },
  acos: { saves: [0], backward: (g, { inputs: [x] }) => [neg(div(g, sqrt(sub(1, mul(x!, x!)))))] },
  // d atan x = dx / (1 + x²)
  atan: { saves: [0], backward: (g, { inputs: [x] }) => [div(g, add(mul(x!, x!), 1))] },
  // d sinh x = cosh x dx; d cosh x = sinh x dx
  sinh: { saves: [0], backward: (g, { inputs: [x] }) => [mul(g, cosh(x!))] },
  cosh: { saves: [0], backward: (g, { inputs: [x] }) => [mul(g, sinh(x!))] },
  // d asinh x = dx / √(x² + 1); d acosh x = dx / √(x² − 1); d atanh x = dx / (1 − x²)
  asinh: { saves: [0], backward: (g, { inputs: [x] }) => [div(g, sqrt(add(mul(x!, x!), 1)))] },
  acosh: { saves: [0], backward: (g, { inputs: [x] }) => [div(g, sqrt(sub(mul(x!, x!), 1)))] },
  atanh: { saves: [0], backward: (g, { inputs: [x] }) => [div(g, sub(1, mul(x!, x!)))] },
  // d log_b x = dx / (x ln b)
  log2: { saves: [0], backward: (g, { inputs: [x] }) => [div(g, mul(x!, Math.LN2))] },
  log10: { saves: [0], backward: (g, { inputs: [x] }) => [div(g, mul(x!, Math.LN10))] },
  // d 2ˣ = 2ˣ ln 2 dx
  exp2: { saves: ['output'], backward: (g, { output }) => [mul(g, mul(output!, Math.LN2))] },
  // atan2(a, b), the angle of (b, a): da·b/(a² + b²) − db·a/(a² + b²)
  atan2: {
    saves: [0, 1],
    backward: (g, { inputs: [a, b], needsGradient }) => {
      const squared = add(mul(a!, a!), mul(b!, b!));
      return [needsGradient[0] ? div(mul(g, b!), squared) : null, needsGradient[1] ? neg(div(mul(g, a!), squared)) : null];
    },
  },
};
