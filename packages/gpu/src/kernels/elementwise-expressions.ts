import type { BinaryOp, UnaryOp } from '@dl/tensor';
import { castValue, truthy, type Typed } from './wgsl-types.js';

const floatFunctions: Partial<Record<UnaryOp, (x: string) => string>> = {
  exp: (x) => `exp(${x})`,
  log: (x) => `naturalLog(${x})`,
  sqrt: (x) => `sqrt(${x})`,
  sin: (x) => `sineCosine(${x}).x`,
  cos: (x) => `sineCosine(${x}).y`,
  tanh: (x) => `hyperbolicTangent(${x})`,
  erf: (x) => `errorFunction(${x})`,
  log1p: (x) => `logOnePlus(${x})`,
  expm1: (x) => `expMinusOne(${x})`,
  tan: (x) => `tangent(${x})`,
  asin: (x) => `arcSine(${x})`,
  acos: (x) => `arcCosine(${x})`,
  atan: (x) => `arcTangent(${x})`,
  sinh: (x) => `hyperbolicSine(${x})`,
  cosh: (x) => `hyperbolicCosine(${x})`,
  asinh: (x) => `areaSine(${x})`,
  acosh: (x) => `areaCosine(${x})`,
  atanh: (x) => `areaTangent(${x})`,
  log2: (x) => `(naturalLog(${x}) * 1.4426950408889634)`,
  log10: (x) => `(naturalLog(${x}) * 0.43429448190325183)`,
  // exp2 is accurate to 3 + 2|x| ULP in WGSL, as exp, which the exp kernel uses too
  exp2: (x) => `exp2(${x})`,
};

/** WGSL for `op(x)`, computed in x's type (the float functions in f32), as the CPU kernel does. */
export function unaryExpression(op: UnaryOp | 'copy', x: Typed): Typed {
  const { code, type } = x;
  const floatFunction = floatFunctions[op as UnaryOp];
  if (floatFunction) return { code: floatFunction(castValue(x, 'f32')), type: 'f32' };
  switch (op) {
    case 'copy':
      return x;
    case 'not':
      return { code: `!${truthy(x)}`, type: 'bool' };
    case 'neg':
      return { code: type === 'u32' ? code : `-${code}`, type };
    case 'abs':
      return { code: type === 'u32' ? code : `abs(${code})`, type };
    case 'sign':
      if (type === 'f32') return { code: `signOf(${code})`, type };
      if (type === 'i32') return { code: `select(select(0, -1, ${code} < 0), 1, ${code} > 0)`, type };
      return x;
    case 'relu':
      // NaN stays NaN (the isNan test is on the bits, which no driver folds away); −0 becomes 0
      if (type === 'f32') return { code: `select(${code}, 0.0, ${code} <= 0.0 && !isNan(${code}))`, type };
      return type === 'i32' ? { code: `max(${code}, 0)`, type } : x;
    case 'bitwiseNot':
      return { code: `(~${castValue(x, 'i32')})`, type: 'i32' };
    case 'floor':
    case 'ceil':
    case 'round':
      // WGSL's round() rounds half to even, as torch.round; integers are their own floor
      return type === 'f32' ? { code: `${op}(${code})`, type } : x;
  }
  throw new Error(`webgpu unary: unknown op '${op}'`);
}

const comparisons: Partial<Record<BinaryOp, string>> = { eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=' };
const arithmetic: Partial<Record<BinaryOp, string>> = { add: '+', sub: '-', mul: '*', div: '/' };

/** WGSL for `a op b` with a and b of one type; comparisons give a WGSL bool. */
export function binaryExpression(op: BinaryOp, a: Typed, b: Typed): Typed {
  if (a.type !== b.type) throw new Error(`webgpu binary ${op}: operands differ in type (${a.type} and ${b.type})`);
  const type = a.type;
  const symbol = arithmetic[op];
  if (symbol) return { code: `(${a.code} ${symbol} ${b.code})`, type };
  const comparison = comparisons[op];
  if (comparison) {
    const plain = `(${a.code} ${comparison} ${b.code})`;
    if (type !== 'f32') return { code: plain, type: 'bool' };
    // IEEE: every comparison with NaN is false except !=; checked on the bits, which no driver folds away
    const eitherNan = `(isNan(${a.code}) || isNan(${b.code}))`;
    return { code: op === 'ne' ? `(${eitherNan} || ${plain})` : `(!${eitherNan} && ${plain})`, type: 'bool' };
  }
  switch (op) {
    case 'pow':
      if (type === 'f32') return { code: `power(${a.code}, ${b.code})`, type };
      return { code: `integerPower(${castValue(a, 'i32')}, ${castValue(b, 'i32')})`, type: 'i32' };
    case 'maximum':
    case 'minimum': {
      const better = op === 'maximum' ? '>' : '<';
      // NaN propagates, as torch.maximum
      const nan = type === 'f32' ? ` || isNan(${a.code})` : '';
      return { code: `select(${b.code}, ${a.code}, ${a.code} ${better} ${b.code}${nan})`, type };
    }
    case 'atan2':
      return { code: `arcTangent2(${castValue(a, 'f32')}, ${castValue(b, 'f32')})`, type: 'f32' };
    case 'bitwiseAnd':
    case 'bitwiseOr':
    case 'bitwiseXor': {
      const symbol = op === 'bitwiseAnd' ? '&' : op === 'bitwiseOr' ? '|' : '^';
      return { code: `(${castValue(a, 'i32')} ${symbol} ${castValue(b, 'i32')})`, type: 'i32' };
    }
    case 'leftShift':
    case 'rightShift':
      // the count modulo 32, as the CPU (torch 1.13's x86 shifts); >> of an i32 keeps the sign
      return { code: `(${castValue(a, 'i32')} ${op === 'leftShift' ? '<<' : '>>'} (u32(${castValue(b, 'i32')}) & 31u))`, type: 'i32' };
    case 'and':
      return { code: `(${truthy(a)} && ${truthy(b)})`, type: 'bool' };
    case 'or':
      return { code: `(${truthy(a)} || ${truthy(b)})`, type: 'bool' };
  }
  throw new Error(`webgpu binary: unknown op '${op}'`);
}
