/**
 * @dl/onnx: export `@dl` modules to ONNX (traced in eval mode), and a structural checker for the result.
 */
export { exportOnnx, saveOnnx } from './export-onnx.js';
export type { ExportOnnxOptions } from './export-options.js';
export { checkOnnxModel, type OnnxModelSummary } from './check/check-model.js';
