// The tutorial's MNIST CNN for the inference benchmarks (cnn-inference.mjs, onnx-export.mjs): the model
// in eval mode with seeded weights, a batch of random images, the model exported by @dl/onnx with a
// dynamic batch axis, and ONNX Runtime sessions over it.
import { exportOnnx } from '@dl/onnx';
import { manualSeed, rand, zeros } from '@dl/tensor';
import * as ort from 'onnxruntime-node';
import { makeCnn } from '../examples/mnist-cnn/model.mjs';

/** The CNN (seed 0), `batch` random images, the exported ONNX bytes and ONNX Runtime's feed of the images. */
export function exportedCnn(batch) {
  manualSeed(0);
  const cnn = makeCnn().eval();
  const images = rand([batch, 1, 28, 28]);
  const bytes = exportOnnx(cnn, [zeros([1, 1, 28, 28])], {
    inputNames: ['images'],
    outputNames: ['logits'],
    dynamicAxes: { images: { 0: 'batch' }, logits: { 0: 'batch' } },
  });
  const feed = { images: new ort.Tensor('float32', images.dataSync(), [batch, 1, 28, 28]) };
  return { cnn, images, bytes, feed };
}

/** An ONNX Runtime session on one thread (one intra-op and one inter-op thread, sequential). */
export function oneThreadSession(bytes) {
  return ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential' });
}

/** max |a[i] − b[i]|, to check that @dl's logits and ONNX Runtime's agree. */
export function largestDifference(a, b) {
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference = Math.max(difference, Math.abs(a[index] - b[index]));
  return difference;
}
