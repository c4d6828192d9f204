// @dl/metrics: a few scores of tensors (scikit-learn's argument order: targets, then predictions)
import { accuracy, confusionMatrix, f1Score } from '@dl/metrics';
import { tensor } from '@dl/tensor';
import { report } from './report.js';

report(async () => {
  const targets = tensor([0, 1, 2, 2, 1, 0], { dtype: 'int32' });
  const predictions = tensor([0, 1, 1, 2, 2, 0], { dtype: 'int32' });
  return {
    accuracy: await accuracy(targets, predictions),
    f1: await f1Score(targets, predictions, { average: 'macro' }),
    confusion: await confusionMatrix(targets, predictions),
  };
});
