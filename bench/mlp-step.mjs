// One training step of a small MLP written with @dl/tensor alone (784 → 128 → 10, ReLU, softmax
// cross-entropy, plain SGD; batch 64): milliseconds per step, @dl against TensorFlow.js (tfjs-cpu,
// tfjs-wasm, one thread) in the same run. A step is forward, loss, backward, update, and reading the
// loss back.
//
//   pnpm --filter @dl/bench mlp-step

import * as tf from '@tensorflow/tfjs-core';
import './tfjs-gradients.mjs';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { manualSeed, noGrad, rand, randint, randn, setNumThreads } from '@dl/tensor';
import { format, timeCalls } from './training-timing.mjs';

// one thread, as the PyTorch figures it is compared with (@dl's default is one per core)
setNumThreads(1);

const [batch, inputs, hidden, classes] = [64, 784, 128, 10];
const learningRate = 0.05;
const timing = { warmup: 5, repetitions: 30 };

manualSeed(0);
const images = rand([batch, inputs]);
const labels = randint(0, classes, [batch]);

function oursStep() {
  const w1 = randn([inputs, hidden]).mul(0.05).requiresGrad_();
  const b1 = randn([hidden]).mul(0.01).requiresGrad_();
  const w2 = randn([hidden, classes]).mul(0.1).requiresGrad_();
  const b2 = randn([classes]).mul(0.01).requiresGrad_();
  const parameters = [w1, b1, w2, b2];
  const targets = labels.unsqueeze(1);
  return () => {
    const logits = images.matmul(w1).add(b1).relu().matmul(w2).add(b2);
    const loss = logits.logSoftmax(1).gather(1, targets).mean().neg();
    for (const parameter of parameters) parameter.grad = null;
    loss.backward();
    noGrad(() => {
      for (const parameter of parameters) parameter.sub_(parameter.grad.mul(learningRate));
    });
    return loss.itemSync();
  };
}

function tfjsStep() {
  const x = tf.tensor2d(images.dataSync(), [batch, inputs]);
  const y = tf.oneHot(tf.tensor1d(labels.dataSync(), 'int32'), classes);
  const w1 = tf.variable(tf.randomNormal([inputs, hidden], 0, 0.05));
  const b1 = tf.variable(tf.zeros([hidden]));
  const w2 = tf.variable(tf.randomNormal([hidden, classes], 0, 0.1));
  const b2 = tf.variable(tf.zeros([classes]));
  const optimizer = tf.train.sgd(learningRate);
  return () => {
    const loss = optimizer.minimize(
      () => tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2)),
      true,
      [w1, b1, w2, b2],
    );
    const value = loss.dataSync()[0];
    loss.dispose();
    return value;
  };
}

async function useBackend(name) {
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend ${name} failed to initialize`);
  await tf.ready();
}

tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false); // one thread, like @dl
const results = { ours: await timeCalls(oursStep(), timing) };
await useBackend('wasm');
results['tfjs-wasm'] = await timeCalls(tfjsStep(), timing);
await useBackend('cpu');
results['tfjs-cpu'] = await timeCalls(tfjsStep(), timing);

console.log(
  `\nMLP ${inputs}-${hidden}-${classes} training step, batch ${batch}, ms per step (median of ${timing.repetitions}) — Node ${process.version}, tfjs ${tf.version_core}\n`,
);
console.log('| implementation | wall ms / step | CPU ms / step | others / @dl (CPU) |');
console.log('|---|---|---|---|');
for (const [name, entry] of Object.entries(results))
  console.log(`| ${name} | ${format(entry.wallMs)} | ${format(entry.cpuMs)} | ${format(entry.cpuMs / results.ours.cpuMs)}× |`);
