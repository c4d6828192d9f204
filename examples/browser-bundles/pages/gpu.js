// @dl/gpu: init() takes navigator.gpu, then the same training on 'webgpu'
import { init } from '@dl/gpu';
import { trainLinearRegression } from './linear-regression.js';
import { report } from './report.js';

report(async () => {
  const info = await init();
  return { featureLevel: info.featureLevel, webgpu: await trainLinearRegression('webgpu') };
});
