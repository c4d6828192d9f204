// @dl/onnx: the tutorial's MLP exported to ONNX bytes in the page, read back by the package's checker
import { Dropout, Linear, ReLU, Sequential } from '@dl/nn';
import { checkOnnxModel, exportOnnx, saveOnnx } from '@dl/onnx';
import { manualSeed, randn } from '@dl/tensor';
import { rejection, report } from './report.js';

report(async () => {
  manualSeed(4);
  const model = new Sequential(new Linear(4, 16), new ReLU(), new Dropout(0.2), new Linear(16, 3));
  const example = randn([2, 4]);
  const bytes = exportOnnx(model, [example], { dynamicAxes: { input: { 0: 'batch' }, output: { 0: 'batch' } } });
  const summary = checkOnnxModel(bytes);
  return {
    byteLength: bytes.byteLength,
    // the same model exported twice gives the same bytes
    deterministic: exportOnnx(model, [example], { dynamicAxes: { input: { 0: 'batch' }, output: { 0: 'batch' } } }).every(
      (byte, index) => byte === bytes[index],
    ),
    irVersion: summary.irVersion,
    opsets: summary.opsets,
    operators: summary.operators,
    initializers: summary.initializers.sort(),
    inputs: summary.inputs,
    outputs: summary.outputs,
    saveError: await rejection(saveOnnx('model.onnx', model, [example])),
  };
});
