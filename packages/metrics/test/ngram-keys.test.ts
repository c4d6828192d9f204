// N-grams of tokens that hold U+0000: their keys joined tokens with U+0000, so ['a\0b', 'c'] and
// ['a', 'b\0c'] were one bigram. The expectations are closed forms (NLTK and rouge_score compare
// tuples of tokens, which never collide).
import { describe, expect, it } from 'vitest';
import { corpusBleu, rouge, sentenceBleu } from '../src/index.js';

describe('n-grams are told apart whatever their tokens hold', () => {
  it('rouge-2 finds no shared bigram in [a\\0b, c] and [a, b\\0c]', () => {
    // No bigram in common: P = R = F = 0. ROUGE-1 shares no unigram either.
    const scores = rouge(['a\0b', 'c'], ['a', 'b\0c']);
    expect(scores.rouge2).toEqual({ precision: 0, recall: 0, fMeasure: 0 });
    expect(scores.rouge1).toEqual({ precision: 0, recall: 0, fMeasure: 0 });
  });

  it('and still matches equal tokens that hold U+0000', () => {
    const scores = rouge(['a\0b', 'c', 'd'], ['a\0b', 'c', 'e']);
    // Bigrams: target {(a\0b, c), (c, d)}, prediction {(a\0b, c), (c, e)}: overlap 1 of 2 each way.
    expect(scores.rouge2).toEqual({ precision: 0.5, recall: 0.5, fMeasure: 0.5 });
  });

  it('sentenceBleu and corpusBleu count no false bigram match', () => {
    // Unigrams: x shared, p₁ = 1/3; bigrams (a, b\0c), (b\0c, x) against (a\0b, c), (c, x): p₂ = 0,
    // which NLTK 3.8's method0 replaces by sys.float_info.min, so BLEU = √(1/3 · 2.2250738585072014e−308)
    // ≈ 8.6e−155 (it was √(1/3 · 1/2) ≈ 0.408).
    const references = [['a\0b', 'c', 'x']];
    const hypothesis = ['a', 'b\0c', 'x'];
    const unsmoothed = Math.sqrt((1 / 3) * 2.2250738585072014e-308);
    expect(sentenceBleu(references, hypothesis, { weights: [0.5, 0.5] }) / unsmoothed).toBeCloseTo(1, 12);
    expect(corpusBleu([references], [hypothesis], { weights: [0.5, 0.5] }) / unsmoothed).toBeCloseTo(1, 12);
    // With smoothing 1 (ε = 0.1 added to a zero numerator): BLEU = √(1/3 · 0.1/2).
    expect(sentenceBleu(references, hypothesis, { weights: [0.5, 0.5], smoothing: 1 })).toBeCloseTo(Math.sqrt((1 / 3) * (0.1 / 2)), 14);
  });
});
