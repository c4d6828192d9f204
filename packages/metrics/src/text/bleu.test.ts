import { describe, expect, it } from 'vitest';
import fixture from '../__fixtures__/text.json';
import { expectClose } from '../__fixtures__/reference.js';
import type { SmoothingMethod } from './bleu-smoothing.js';
import { corpusBleu, CorpusBleu, sentenceBleu } from './bleu.js';

const weightSets: Record<string, number[]> = { default: [0.25, 0.25, 0.25, 0.25], bigram: [0.5, 0.5] };

describe('BLEU matches NLTK 3.8', () => {
  fixture.sentenceBleu.forEach((testCase, index) => {
    it(`sentence ${index}: smoothing methods 0-7`, () => {
      for (const [key, value] of Object.entries(testCase.bleu)) {
        if (key === 'autoReweigh') {
          expectClose(sentenceBleu(testCase.references, testCase.hypothesis, { autoReweigh: true }), value, 1e-12, 0, key);
          continue;
        }
        const [method, weights] = key.split('/') as [string, string];
        const options = { smoothing: Number(method) as SmoothingMethod, weights: weightSets[weights] };
        if (typeof value === 'object')
          expect(() => sentenceBleu(testCase.references, testCase.hypothesis, options), key).toThrow(/smoothing method 6/);
        else expectClose(sentenceBleu(testCase.references, testCase.hypothesis, options), value, 1e-12, 0, key);
      }
    });
  });

  it('corpus BLEU with every smoothing method, also streamed', async () => {
    const { references, hypotheses, bleu } = fixture.corpusBleu;
    for (const [method, value] of Object.entries(bleu)) {
      const smoothing = Number(method) as SmoothingMethod;
      expectClose(corpusBleu(references, hypotheses, { smoothing }), value, 1e-12, 0, `method ${method}`);
      const metric = new CorpusBleu({ smoothing });
      await metric.update(references.slice(0, 2), hypotheses.slice(0, 2));
      await metric.update(references.slice(2), hypotheses.slice(2));
      expectClose(metric.compute(), value, 1e-12, 0, `streamed method ${method}`);
    }
  });

  it('edge cases: empty hypothesis, perfect match, bad input', () => {
    // no unigram matches → 0 (NLTK returns 0 before smoothing)
    expect(sentenceBleu([['a', 'b']], [])).toBe(0);
    // identical sentences of ≥ 4 tokens: every p_n = 1, BP = 1
    expect(sentenceBleu([['a', 'b', 'c', 'd']], ['a', 'b', 'c', 'd'])).toBe(1);
    expect(() => corpusBleu([[['a']]], [['a'], ['b']])).toThrow(/^corpusBleu: 1 reference lists but 2 hypotheses/);
    expect(() => sentenceBleu([], ['a'])).toThrow(/^sentenceBleu: hypothesis 0 has no references/);
  });
});
