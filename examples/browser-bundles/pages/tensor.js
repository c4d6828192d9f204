// @dl/tensor alone: training on the CPU, and emptyCache(), whose Node path (v8/vm) a page never takes
import { emptyCache, memory } from '@dl/tensor';
import { trainLinearRegression } from './linear-regression.js';
import { report } from './report.js';

report(async () => {
  const cpu = await trainLinearRegression('cpu');
  emptyCache();
  return { cpu, devices: Object.keys(memory()) };
});
