// Every metric checks its options with @dl/tensor's checkOptions (issue #14): a PyTorch or
// scikit-learn spelling gets "did you mean", anything unknown names the accepted options.
import { describe, expect, it } from 'vitest';
import { tensor } from '@dl/tensor';
import {
  Accuracy,
  ConfusionMatrix,
  KernelInceptionDistance,
  MeanAveragePrecision,
  accuracy,
  confusionMatrix,
  f1Score,
  logLoss,
  perplexity,
} from '../src/index.js';

const target = tensor([0, 1, 1], { dtype: 'int32' });
const prediction = tensor([0, 1, 0], { dtype: 'int32' });

describe('metric options are checked', () => {
  it('functions suggest the camelCase key', async () => {
    await expect(accuracy(target, prediction, { top_k: 2 } as never)).rejects.toThrow(
      'accuracy: unknown option `top_k` (did you mean `topK`?)',
    );
    await expect(confusionMatrix(target, prediction, { num_classes: 2 } as never)).rejects.toThrow('did you mean `numClasses`?');
    await expect(f1Score(target, prediction, { zero_division: 0 } as never)).rejects.toThrow('did you mean `zeroDivision`?');
    await expect(
      logLoss(
        target,
        tensor([
          [0.9, 0.1],
          [0.2, 0.8],
          [0.6, 0.4],
        ]),
        { epsilon: 1e-7 } as never,
      ),
    ).rejects.toThrow('logLoss: unknown option `epsilon` (did you mean `eps`?)');
    await expect(
      perplexity(
        target,
        tensor([
          [1, 2],
          [0, 1],
          [3, 1],
        ]),
        { ignore_index: 0 } as never,
      ),
    ).rejects.toThrow('did you mean `ignoreIndex`?');
  });
  it('streaming classes check at construction', () => {
    expect(() => new Accuracy({ k: 2 } as never)).toThrow('Accuracy: unknown option `k`. Accepted options: topK');
    expect(() => new ConfusionMatrix({ normalise: 'true' } as never)).toThrow(
      'ConfusionMatrix: unknown option `normalise`. Accepted options: numClasses, labels, normalize',
    );
    expect(() => new KernelInceptionDistance({ subset_size: 10 } as never)).toThrow('did you mean `subsetSize`?');
    expect(() => new MeanAveragePrecision({ iou_threshold: 0.5 } as never)).toThrow('did you mean `iouThreshold`?');
  });
});
