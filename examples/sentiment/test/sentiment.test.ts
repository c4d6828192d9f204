import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module with JSDoc types
import { train } from '../train.mjs';

describe('examples/sentiment', () => {
  it('learns spam from ham on a subset with packed bidirectional LSTM', async () => {
    const result = await train({ epochs: 2, limit: 300, maxTokens: 24, hiddenSize: 16, embeddingSize: 16, learningRate: 0.01 });
    expect(result.losses[1].loss).toBeLessThan(result.losses[0].loss);
    expect(result.accuracy).toBeGreaterThan(0.6);
    expect(result.f1).toBeGreaterThan(0);
  });

  it('starts the embedding from pretrained vectors in GloVe format', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'vectors-'));
    const path = join(directory, 'tiny-glove.txt');
    writeFileSync(path, ['the 0.1 0.2 0.3 0.4', 'to 1 0 0 1', 'a 0.5 0.5 -0.5 0', 'unrelatedword 9 9 9 9'].join('\n'));
    const result = await train({ epochs: 1, limit: 120, maxTokens: 12, hiddenSize: 8, vectors: path, freeze: true });
    expect(result.pretrainedWords).toBe(3);
    expect(result.accuracy).toBeGreaterThanOrEqual(0);
  });
});
