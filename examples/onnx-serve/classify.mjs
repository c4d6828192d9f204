import { loadMnist } from '@dl/datasets';
import { noGrad } from '@dl/tensor';
import * as ort from 'onnxruntime-node';

// the normalisation the model was trained with (PyTorch's MNIST example): (x − 0.1307) / 0.3081
const mean = 0.1307;
const deviation = 0.3081;

/**
 * Classifies the MNIST test digits bundled with @dl/datasets with an exported model in ONNX Runtime
 * (CPU), in batches of 500; the model takes normalised images [batch, 1, 28, 28] named `images` and
 * returns logits [batch, 10] named `logits` (what `node examples/mnist-cnn/main.mjs --export` writes).
 * @param {string | Uint8Array} model a path or the model's bytes
 * @param {{ limit?: number, threads?: number }} [options] `limit`: classify only the first digits
 * @returns {Promise<{ accuracy: number, count: number, predictions: Int32Array }>}
 */
export async function classifyTestDigits(model, options = {}) {
  const { limit = Infinity, threads = 1 } = options;
  const session = await ort.InferenceSession.create(model, { intraOpNumThreads: threads, interOpNumThreads: 1 });
  const testSet = await loadMnist({ train: false });
  const count = Math.min(testSet.labels.shape[0], limit);
  const labels = testSet.labels.narrow(0, 0, count).dataSync();
  const predictions = new Int32Array(count);
  let correct = 0;
  for (let start = 0; start < count; start += 500) {
    const length = Math.min(500, count - start);
    const pixels = noGrad(() => testSet.images.narrow(0, start, length).sub(mean).div(deviation).contiguous().dataSync());
    const { logits } = await session.run({ images: new ort.Tensor('float32', pixels, [length, 1, 28, 28]) });
    const scores = /** @type {Float32Array} */ (logits.data);
    for (let row = 0; row < length; row++) {
      // argmax, the first of ties (as @dl's argmax)
      let best = 0;
      for (let column = 1; column < 10; column++) if (scores[row * 10 + column] > scores[row * 10 + best]) best = column;
      predictions[start + row] = best;
      if (best === labels[start + row]) correct += 1;
    }
  }
  await session.release();
  return { accuracy: correct / count, count, predictions };
}
