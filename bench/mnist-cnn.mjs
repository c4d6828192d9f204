// One training step of the tutorial's MNIST CNN (conv 1→32, conv 32→64, max-pool, dropout,
// 9216→128→10, cross-entropy, Adam 1e-3) on a batch of 64: milliseconds per step, @dl against
// TensorFlow.js in the same run.
//
//   pnpm --filter @dl/bench mnist-cnn                   (runs: tsx mnist-cnn.mjs)
//   pnpm --filter @dl/bench mnist-cnn -- --tfjs-cpu     (adds tfjs-cpu: about 2 minutes per step)
//   pnpm --filter @dl/bench mnist-cnn -- --threads=2    (ours on two threads: setNumThreads(2))
//   pnpm --filter @dl/bench mnist-cnn -- --pytorch      (adds PyTorch measured now on one thread and on all
//                                                        cores: pytorch-reference.py, Debian's python3-torch)
//
// tfjs-wasm has no kernel for the convolution's weight gradient (Conv2DBackpropFilter), so its
// step fails; the script records the error. A step is forward, loss, backward, optimizer step
// and reading the loss back.

import * as tf from '@tensorflow/tfjs-core';
import './tfjs-gradients.mjs';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { Adam, CrossEntropyLoss } from '@dl/nn';
import { manualSeed, randint, rand, setNumThreads } from '@dl/tensor';
import { pytorchMilliseconds } from './pytorch-reference.mjs';
import { format, timeCalls, verdict } from './training-timing.mjs';
import { makeCnn } from '../examples/mnist-cnn/model.mjs';

const withTfjsCpu = process.argv.includes('--tfjs-cpu');
// our CPU backend on n threads (setNumThreads); PyTorch's one-thread row stays the reference
const threadsOption = process.argv.find((argument) => argument.startsWith('--threads='));
const threads = threadsOption ? Number(threadsOption.slice('--threads='.length)) : 1;
setNumThreads(threads);
const timing = { warmup: 3, repetitions: 15 };

manualSeed(0);
const images = rand([64, 1, 28, 28]);
const labels = randint(0, 10, [64]);

function oursStep() {
  const model = makeCnn();
  const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
  const lossFunction = new CrossEntropyLoss();
  const phases = { forward: [], backward: [], optimizer: [] };
  const step = () => {
    const start = performance.now();
    optimizer.zeroGrad();
    const loss = lossFunction.call(model.call(images), labels);
    const forwardDone = performance.now();
    loss.backward();
    const backwardDone = performance.now();
    optimizer.step();
    phases.optimizer.push(performance.now() - backwardDone);
    phases.backward.push(backwardDone - forwardDone);
    phases.forward.push(forwardDone - start);
    loss.itemSync();
    loss.dispose();
  };
  return { step, phases };
}

function tfjsStep() {
  const x = tf.tensor4d(images.dataSync(), [64, 28, 28, 1]); // NHWC
  const y = tf.oneHot(tf.tensor1d(labels.dataSync(), 'int32'), 10);
  const scaled = (shape, fanIn) => tf.variable(tf.randomUniform(shape, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn)));
  const variables = {
    k1: scaled([3, 3, 1, 32], 9),
    c1: scaled([32], 9),
    k2: scaled([3, 3, 32, 64], 288),
    c2: scaled([64], 288),
    w1: scaled([9216, 128], 9216),
    b1: scaled([128], 9216),
    w2: scaled([128, 10], 128),
    b2: scaled([10], 128),
  };
  const optimizer = tf.train.adam(1e-3);
  return () => {
    const loss = optimizer.minimize(
      () => {
        const v = variables;
        let h = tf.relu(tf.add(tf.conv2d(x, v.k1, 1, 'valid'), v.c1));
        h = tf.relu(tf.add(tf.conv2d(h, v.k2, 1, 'valid'), v.c2));
        h = tf.reshape(tf.dropout(tf.maxPool(h, 2, 2, 'valid'), 0.25), [64, 9216]);
        h = tf.dropout(tf.relu(tf.add(tf.matMul(h, v.w1), v.b1)), 0.5);
        return tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(h, v.w2), v.b2));
      },
      true,
      Object.values(variables),
    );
    loss.dataSync();
    loss.dispose();
  };
}

async function useBackend(name) {
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend ${name} failed to initialize`);
  await tf.ready();
}

const rows = [];
const ours = oursStep();
const oursTime = await timeCalls(ours.step, timing);
rows.push([`@dl (cpu, ${threads} thread${threads === 1 ? '' : 's'})`, oursTime.wallMs, oursTime.cpuMs, '']);
const medianOf = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const phaseNote = `forward ${format(medianOf(ours.phases.forward), 0)} / backward ${format(medianOf(ours.phases.backward), 0)} / Adam ${format(medianOf(ours.phases.optimizer), 0)} ms wall`;

tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
await useBackend('wasm');
try {
  const result = await timeCalls(tfjsStep(), timing);
  rows.push(['tfjs-wasm', result.wallMs, result.cpuMs, '']);
} catch (error) {
  rows.push(['tfjs-wasm', NaN, NaN, `fails: ${String(error.message ?? error).split('\n')[0]}`]);
}
if (withTfjsCpu) {
  await useBackend('cpu');
  const result = await timeCalls(tfjsStep(), { warmup: 0, repetitions: 1 });
  rows.push(['tfjs-cpu', result.wallMs, result.cpuMs, '']);
} else rows.push(['tfjs-cpu', NaN, NaN, 'skipped (pass --tfjs-cpu; measured before: ~115 s per step)']);

console.log(
  `\nMNIST CNN training step, batch 64, ms per step (median of ${timing.repetitions}) — Node ${process.version}, tfjs ${tf.version_core}\n`,
);
console.log('| implementation | wall ms / step | CPU ms / step | note |');
console.log('|---|---|---|---|');
for (const [name, wall, cpu, note] of rows)
  console.log(`| ${name} | ${format(wall, 0)} | ${format(cpu, 0)} | ${note || (name.startsWith('@dl') ? phaseNote : '')} |`);
// PyTorch is measured only when asked (it takes a minute): a figure quoted from elsewhere would mislead,
// since this machine's speed drifts and the figure the issue quoted (81 ms) let OpenBLAS use both cores
const pytorch = process.argv.includes('--pytorch')
  ? { ...pytorchMilliseconds('cnn'), note: 'measured in this run' }
  : { ms: NaN, label: 'PyTorch 1.13, 1 thread', note: 'not measured: pass --pytorch' };
console.log(
  `| ${pytorch.label} | ${format(pytorch.ms, 0)} | | ${pytorch.note}; @dl / PyTorch (wall) ${format(oursTime.wallMs / pytorch.ms)}× |`,
);
// beside it, PyTorch on its default threads (OpenBLAS and torch's own pool on every core)
if (process.argv.includes('--pytorch')) {
  const allCores = pytorchMilliseconds('cnn', { allCores: true });
  console.log(
    `| ${allCores.label} | ${format(allCores.ms, 0)} | | measured in this run; @dl / it (wall) ${format(oursTime.wallMs / allCores.ms)}× |`,
  );
}
// The target, ≤ 160 ms, is "within 2× of PyTorch" as measured on this machine when it was
// written (81 ms); this shared machine's speed drifts by ±25 % over minutes, so the ratio to PyTorch
// measured in the same run (--pytorch) is the steadier figure.
console.log(
  `\ntarget ≤ 160 ms per step: wall ${format(oursTime.wallMs, 0)} ms ${verdict(oursTime.wallMs <= 160)}, CPU ${format(oursTime.cpuMs, 0)} ms ${verdict(oursTime.cpuMs <= 160)}`,
);
if (pytorch.note === 'measured in this run')
  console.log(
    `within 2× of PyTorch measured in this run (${format(pytorch.ms, 0)} ms): ${format(oursTime.wallMs / pytorch.ms)}× ${verdict(oursTime.wallMs <= 2 * pytorch.ms)}`,
  );
