/**
 * An n-gram precision as NLTK keeps it: an unreduced fraction of clipped matches over hypothesis
 * n-grams, or (after smoothing) a plain value.
 */
export interface NgramPrecision {
  numerator: number;
  denominator: number;
  value: number;
}

export interface SmoothingContext {
  /** Total hypothesis length of the corpus. */
  hypothesisLength: number;
  /** The last (references, hypothesis) pair of the corpus: NLTK passes it to the smoothing functions. */
  lastHypothesis: readonly string[];
  /** Modified precision of order n for the last pair. */
  lastModifiedPrecision(order: number): NgramPrecision;
  epsilon: number;
  alpha: number;
  k: number;
}

export type SmoothingMethod = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

const fraction = (numerator: number, denominator: number): NgramPrecision => ({ numerator, denominator, value: numerator / denominator });
const plain = (value: number): NgramPrecision => ({ numerator: NaN, denominator: NaN, value });
// Python's sys.float_info.min, the smallest normal double (not Number.MIN_VALUE, a subnormal).
const smallestNormal = 2.2250738585072014e-308;

/** NLTK 3.8's `SmoothingFunction().method0 … method7` (Chen and Cherry 2014), quirks included. */
export function smooth(method: SmoothingMethod, precisions: NgramPrecision[], context: SmoothingContext): NgramPrecision[] {
  switch (method) {
    case 0: // zero precisions become the smallest float, so BLEU is ~0 but log() is defined
      return precisions.map((p) => (p.numerator !== 0 ? p : plain(smallestNormal)));
    case 1: // add ε to zero counts: (0 + ε) / denominator
      return precisions.map((p) => (p.numerator === 0 ? plain(context.epsilon / p.denominator) : p));
    case 2: // add one to numerator and denominator of every order above unigrams (Lin and Och 2004)
      return precisions.map((p, index) => (index === 0 ? p : fraction(p.numerator + 1, p.denominator + 1)));
    case 3: // NIST geometric sequence: the k-th zero precision becomes 1 / (2^k · denominator)
      return nistGeometric(precisions, () => 1);
    case 4: // like 3, with 1 / (2^k · K / ln(hypothesis length)) on the numerator
      return method4(precisions, context);
    case 5: // p_n ← (m_{n−1} + p_n + p_{n+1}) / 3, m_{−1} = p_1 + 1, m_n the new p_n
      return method5(precisions, context);
    case 6: // p_n ← (m_n + α π_n) / (l_n + α), π_n = p_{n−1}² / p_{n−2} (Gao and He 2013)
      return method6(precisions, context);
    case 7:
      return method5(method4(precisions, context), context);
  }
}

function nistGeometric(precisions: NgramPrecision[], numerator: () => number): NgramPrecision[] {
  let power = 1;
  return precisions.map((p) => (p.numerator === 0 ? plain(numerator() / (2 ** power++ * p.denominator)) : p));
}

function method4(precisions: NgramPrecision[], context: SmoothingContext): NgramPrecision[] {
  const length = context.hypothesisLength;
  let power = 1;
  return precisions.map((p) => {
    if (!(p.numerator === 0 && length > 1)) return p;
    return plain(1 / ((2 ** power++ * context.k) / Math.log(length)) / p.denominator);
  });
}

function method5(precisions: NgramPrecision[], context: SmoothingContext): NgramPrecision[] {
  // The order n+1 of the last order is NLTK's 5-gram precision of the last pair, whatever the weights.
  const next = [...precisions, context.lastModifiedPrecision(5)];
  let previous = precisions[0]!.value + 1;
  return precisions.map((p, index) => (previous = (previous + p.value + next[index + 1]!.value) / 3)).map(plain);
}

function method6(precisions: NgramPrecision[], context: SmoothingContext): NgramPrecision[] {
  if (!(precisions[2] && precisions[2].value !== 0))
    throw new Error('sentenceBleu: smoothing method 6 requires a non-zero trigram precision');
  const result = [...precisions];
  for (let index = 2; index < result.length; index++) {
    const twoBack = result[index - 2]!.value;
    const interpolated = twoBack === 0 ? 0 : result[index - 1]!.value ** 2 / twoBack;
    const hypothesisNgrams = Math.max(0, context.lastHypothesis.length - index);
    result[index] = plain((precisions[index]!.numerator + context.alpha * interpolated) / (hypothesisNgrams + context.alpha));
  }
  return result;
}
