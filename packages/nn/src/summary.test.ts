import { describe, expect, it } from 'vitest';
import { summary } from './summary.js';
import { LeNet5 } from './zoo/lenet5.js';
import { BatchNorm2d } from './layers/batch-norm2d.js';
import { Conv2d } from './layers/conv2d.js';
import { Sequential } from './containers/sequential.js';

describe('summary', () => {
  it('lists leaf layers with output shapes and parameter counts, and the totals', () => {
    const model = new LeNet5();
    model.fc3.requiresGrad_(false);
    const result = summary(model, [1, 1, 28, 28], { print: false });
    expect(result.rows.map((row) => [row.name, row.type, row.outputShape, row.parameters])).toEqual([
      ['conv1', 'Conv2d', [1, 6, 28, 28], 156],
      ['pool1', 'AvgPool2d', [1, 6, 14, 14], 0],
      ['conv2', 'Conv2d', [1, 16, 10, 10], 2416],
      ['pool2', 'AvgPool2d', [1, 16, 5, 5], 0],
      ['fc1', 'Linear', [1, 120], 48120],
      ['fc2', 'Linear', [1, 84], 10164],
      ['fc3', 'Linear', [1, 10], 850],
    ]);
    expect(result.totalParameters).toBe(61_706);
    expect(result.trainableParameters).toBe(61_706 - 850);
    expect(result.text).toContain('Total params: 61,706');
    expect(result.text).toContain('conv2 (Conv2d)');
    expect(model.training).toBe(true); // restored
  });

  it('leaves batch-norm statistics alone (eval mode)', () => {
    const model = new Sequential(new Conv2d(1, 2, 3), new BatchNorm2d(2));
    summary(model, [2, 1, 5, 5], { print: false });
    expect(model.stateDict()['1.num_batches_tracked']!.itemSync()).toBe(0);
  });
});
