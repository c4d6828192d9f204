// Inference of the tutorial's MNIST CNN on one batch of 1,000 images (eval mode, no graph), @dl's CPU
// backend against PyTorch and ONNX Runtime (running the model exported by @dl/onnx) in the same run:
// PyTorch on one thread (torch.set_num_threads(1) and OPENBLAS_NUM_THREADS=1) and on its default
// threads, ONNX Runtime with intraOpNumThreads 1 and with its default (every core). The
// implementations alternate, `rounds` times, and each round prints its ratios to PyTorch on one
// thread, the figure issue #18's target is stated in.
//
//   pnpm --filter @dl/bench cnn-inference [-- --rounds=3]     (build first: pnpm build)
import { getNumThreads, noGrad, setNumThreads } from '@dl/tensor';
import * as ort from 'onnxruntime-node';
import { exportedCnn, largestDifference, oneThreadSession } from './exported-cnn.mjs';
import { pytorchMilliseconds } from './pytorch-reference.mjs';
import { format, median, timeCalls } from './training-timing.mjs';

const roundsOption = process.argv.find((argument) => argument.startsWith('--rounds='));
const rounds = roundsOption ? Number(roundsOption.slice('--rounds='.length)) : 3;
const batch = 1000;
const timing = { warmup: 2, repetitions: 7 };

const { cnn, images, bytes, feed } = exportedCnn(batch);
const sessions = {
  'onnxruntime-node, 1 thread': await oneThreadSession(bytes),
  'onnxruntime-node, all cores': await ort.InferenceSession.create(bytes),
};

let ours;
// @dl on one thread, and on its default of one thread per core (setNumThreads)
const cores = getNumThreads();
const oursOnAllCores = `@dl (cpu, ${cores} thread${cores === 1 ? '' : 's'}, the default)`;
const columns = ['@dl (cpu, 1 thread)', oursOnAllCores, ...Object.keys(sessions), 'PyTorch, 1 thread', 'PyTorch, all cores'];
const measured = Object.fromEntries(columns.map((name) => [name, []]));
const oursCall = () => void (ours = noGrad(() => cnn.call(images).dataSync()));
for (let round = 1; round <= rounds; round++) {
  setNumThreads(1);
  measured['@dl (cpu, 1 thread)'].push((await timeCalls(oursCall, timing)).wallMs);
  setNumThreads(cores);
  measured[oursOnAllCores].push((await timeCalls(oursCall, timing)).wallMs);
  for (const [name, session] of Object.entries(sessions)) {
    measured[name].push((await timeCalls(async () => void (await session.run(feed)).logits.data, timing)).wallMs);
  }
  measured['PyTorch, 1 thread'].push(pytorchMilliseconds('cnn-inference').ms);
  measured['PyTorch, all cores'].push(pytorchMilliseconds('cnn-inference', { allCores: true }).ms);
  const reference = measured['PyTorch, 1 thread'][round - 1];
  console.log(
    `round ${round}: ${columns.map((name) => `${name} ${format(measured[name][round - 1], 0)} ms (${format(measured[name][round - 1] / reference)}×)`).join(', ')}`,
  );
}

const difference = largestDifference(ours, (await sessions['onnxruntime-node, 1 thread'].run(feed)).logits.data);
console.log(
  `\nMNIST CNN inference, batch ${batch}, ms (median over ${rounds} rounds, each a median of ${timing.repetitions}); largest |logit difference| @dl vs ONNX Runtime ${difference.toExponential(1)}\n`,
);
console.log('| implementation | ms | against PyTorch on 1 thread |');
console.log('|---|---|---|');
const pytorchOneThread = median(measured['PyTorch, 1 thread']);
for (const name of columns)
  console.log(`| ${name} | ${format(median(measured[name]), 0)} | ${format(median(measured[name]) / pytorchOneThread)}× |`);
for (const session of Object.values(sessions)) await session.release();
