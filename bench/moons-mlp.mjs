// The tutorial's moons MLP (Linear(2, 16)-ReLU-Linear(16, 2), cross-entropy, Adam lr 0.01, one
// full-batch epoch on 800 standardised points): milliseconds per epoch, @dl against TensorFlow.js
// (tfjs-backend-cpu and tfjs-backend-wasm, one thread) in the same run.
//
//   pnpm --filter @dl/bench moons-mlp        (runs: tsx moons-mlp.mjs)
//
// Each epoch is forward, loss, backward and the optimizer step, and reads the loss back (as a
// training loop that logs would). Timed as blocks of 20 epochs after 40 warm-up epochs; the median
// block / 20 is reported. @dl is imported from its built packages (run `pnpm build` first).

import * as tf from '@tensorflow/tfjs-core';
import './tfjs-gradients.mjs';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { makeMoons, StandardScaler, trainTestSplit } from '@dl/data';
import { Adam, CrossEntropyLoss, Linear, ReLU, Sequential } from '@dl/nn';
import { manualSeed } from '@dl/tensor';
import { format, timeCalls } from './training-timing.mjs';

const block = 20;
const timing = { warmup: 2, repetitions: 10 };

manualSeed(0);
const { x, y } = makeMoons({ nSamples: 1000, noise: 0.2, randomState: 42 });
const [xTrainRaw, , yTrain] = trainTestSplit([x, y], { testSize: 0.2, randomState: 42 });
const xTrain = new StandardScaler().fit(xTrainRaw).transform(xTrainRaw);

function oursEpochs() {
  const model = new Sequential(new Linear(2, 16), new ReLU(), new Linear(16, 2));
  const optimizer = new Adam(model.parameters(), { lr: 0.01 });
  const lossFunction = new CrossEntropyLoss();
  return () => {
    for (let epoch = 0; epoch < block; epoch++) {
      optimizer.zeroGrad();
      const loss = lossFunction.call(model.call(xTrain), yTrain);
      loss.backward();
      optimizer.step();
      loss.itemSync();
      loss.dispose();
    }
  };
}

function tfjsEpochs() {
  const inputs = tf.tensor2d(xTrain.dataSync(), [800, 2]);
  const targets = tf.oneHot(tf.tensor1d(yTrain.dataSync(), 'int32'), 2);
  const w1 = tf.variable(tf.randomNormal([2, 16], 0, 0.5));
  const b1 = tf.variable(tf.zeros([16]));
  const w2 = tf.variable(tf.randomNormal([16, 2], 0, 0.25));
  const b2 = tf.variable(tf.zeros([2]));
  const optimizer = tf.train.adam(0.01);
  return () => {
    for (let epoch = 0; epoch < block; epoch++) {
      const loss = optimizer.minimize(
        () => tf.losses.softmaxCrossEntropy(targets, tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(inputs, w1), b1)), w2), b2)),
        true,
        [w1, b1, w2, b2],
      );
      loss.dataSync();
      loss.dispose();
    }
  };
}

async function useBackend(name) {
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend ${name} failed to initialize`);
  await tf.ready();
}

tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false); // one thread, as @dl and PyTorch's figure
const results = {};
results.ours = await timeCalls(oursEpochs(), timing);
await useBackend('wasm');
results['tfjs-wasm'] = await timeCalls(tfjsEpochs(), timing);
await useBackend('cpu');
results['tfjs-cpu'] = await timeCalls(tfjsEpochs(), timing);

const perEpoch = (entry) => ({ wall: entry.wallMs / block, cpu: entry.cpuMs / block });
const ours = perEpoch(results.ours);
console.log(`\nmoons MLP, ms per full-batch epoch (median of ${timing.repetitions} blocks of ${block}) — Node ${process.version}, tfjs ${tf.version_core}\n`);
console.log('| implementation | wall ms / epoch | CPU ms / epoch | @dl / it (CPU) |');
console.log('|---|---|---|---|');
for (const [name, entry] of Object.entries(results)) {
  const { wall, cpu } = perEpoch(entry);
  console.log(`| ${name} | ${format(wall, 3)} | ${format(cpu, 3)} | ${format(ours.cpu / cpu)}× |`);
}
console.log('| PyTorch 1.13, 1 thread (measured separately) | 0.33 | | |');
console.log(`\ntarget ≤ 0.66 ms per epoch: ${ours.cpu <= 0.66 ? 'met' : 'not met'} (CPU ${format(ours.cpu, 3)} ms)`);
