// ONNX export and serving speed:
//   1. exporting ResNet-18 (11.7 M parameters, a 1×3×224×224 example) with @dl/onnx;
//   2. inference of the tutorial's MNIST CNN on a batch of 1,000 images: the exported model in
//      onnxruntime-node (CPU, one intra-op and one inter-op thread) against @dl's own eval-mode
//      forward (one thread: @dl's CPU backend runs on the calling thread), in the same run.
//
//   pnpm --filter @dl/bench onnx        (runs: tsx onnx-export.mjs; build first: pnpm build)
//
// Medians of the timed repetitions after warm-up (wall clock); the outputs of the two are compared too.
import { resnet18 } from '@dl/nn';
import { exportOnnx } from '@dl/onnx';
import { manualSeed, noGrad, setNumThreads, zeros } from '@dl/tensor';
import { exportedCnn, largestDifference, oneThreadSession } from './exported-cnn.mjs';
import { format, timeCalls } from './training-timing.mjs';

// one thread, as the PyTorch (and ONNX Runtime) figures it is compared with (@dl's default is one per core)
setNumThreads(1);

manualSeed(0);
const resnet = resnet18();
const example = zeros([1, 3, 224, 224]);
let resnetBytes = 0;
const exportTime = await timeCalls(() => void (resnetBytes = exportOnnx(resnet, [example]).length), { warmup: 1, repetitions: 5 });
console.log(`export ResNet-18 (${(resnetBytes / 2 ** 20).toFixed(1)} MiB): ${format(exportTime.wallMs, 1)} ms  [target: under 2 s]`);

// the tutorial's CNN (examples/mnist-cnn/model.mjs); cnn-inference.mjs adds PyTorch and all-core rows
const { cnn, images, bytes, feed } = exportedCnn(1000);
const session = await oneThreadSession(bytes);
const timing = { warmup: 2, repetitions: 7 };
let ours;
let theirs;
const oursTime = await timeCalls(() => void (ours = noGrad(() => cnn.call(images).dataSync())), timing);
const ortTime = await timeCalls(async () => void (theirs = (await session.run(feed)).logits.data), timing);
console.log(
  `MNIST CNN forward, batch 1,000, one thread each (max |difference| of the logits ${largestDifference(ours, theirs).toExponential(1)}):`,
);
console.log(`  @dl forward         ${format(oursTime.wallMs, 1)} ms`);
console.log(`  onnxruntime-node    ${format(ortTime.wallMs, 1)} ms`);
console.log(`  ratio @dl / ORT     ${(oursTime.wallMs / ortTime.wallMs).toFixed(2)}`);
await session.release();
