// ONNX export and serving speed:
//   1. exporting ResNet-18 (11.7 M parameters, a 1×3×224×224 example) with @dl/onnx;
//   2. inference of the tutorial's MNIST CNN on a batch of 1,000 images: the exported model in
//      onnxruntime-node (CPU, one intra-op and one inter-op thread) against @dl's own eval-mode
//      forward (one thread: @dl's CPU backend runs on the calling thread), in the same run.
//
//   pnpm --filter @dl/bench onnx        (runs: tsx onnx-export.mjs; build first: pnpm build)
//
// Medians of the timed repetitions after warm-up; the outputs of the two are compared too.
import { resnet18 } from '@dl/nn';
import { exportOnnx } from '@dl/onnx';
import { manualSeed, noGrad, rand, zeros } from '@dl/tensor';
import * as ort from 'onnxruntime-node';
import { makeCnn } from '../examples/mnist-cnn/model.mjs';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timeCalls(fn, { warmup, repetitions }) {
  for (let index = 0; index < warmup; index++) await fn();
  const times = [];
  for (let index = 0; index < repetitions; index++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return { median: median(times), minimum: Math.min(...times), maximum: Math.max(...times) };
}

const format = ({ median: middle, minimum, maximum }) => `${middle.toFixed(1)} ms (min ${minimum.toFixed(1)}, max ${maximum.toFixed(1)})`;

manualSeed(0);
const resnet = resnet18();
const example = zeros([1, 3, 224, 224]);
let resnetBytes = 0;
const exportTime = await timeCalls(() => void (resnetBytes = exportOnnx(resnet, [example]).length), { warmup: 1, repetitions: 5 });
console.log(`export ResNet-18 (${(resnetBytes / 2 ** 20).toFixed(1)} MiB): ${format(exportTime)}  [target: under 2 s]`);

// the tutorial's CNN (examples/mnist-cnn/model.mjs)
const cnn = makeCnn().eval();
const images = rand([1000, 1, 28, 28]);
const bytes = exportOnnx(cnn, [zeros([1, 1, 28, 28])], {
  inputNames: ['images'],
  outputNames: ['logits'],
  dynamicAxes: { images: { 0: 'batch' }, logits: { 0: 'batch' } },
});
const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential' });
const feed = { images: new ort.Tensor('float32', images.dataSync(), [1000, 1, 28, 28]) };
const timing = { warmup: 2, repetitions: 7 };
let ours;
let theirs;
const oursTime = await timeCalls(() => void (ours = noGrad(() => cnn.call(images).dataSync())), timing);
const ortTime = await timeCalls(async () => void (theirs = (await session.run(feed)).logits.data), timing);
let difference = 0;
for (let index = 0; index < ours.length; index++) difference = Math.max(difference, Math.abs(ours[index] - theirs[index]));
console.log(`MNIST CNN forward, batch 1,000, one thread each (max |difference| of the logits ${difference.toExponential(1)}):`);
console.log(`  @dl forward         ${format(oursTime)}`);
console.log(`  onnxruntime-node    ${format(ortTime)}`);
console.log(`  ratio @dl / ORT     ${(oursTime.median / ortTime.median).toFixed(2)}`);
await session.release();
