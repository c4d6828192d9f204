// The tutorial's moons MLP (Linear(2, 16)-ReLU-Linear(16, 2), cross-entropy, Adam lr 0.01, one
// full-batch epoch on 800 standardised points): milliseconds per epoch, @dl against TensorFlow.js
// (tfjs-backend-cpu and tfjs-backend-wasm, one thread) in the same run.
//
//   pnpm --filter @dl/bench moons-mlp                           (runs: tsx moons-mlp.mjs)
//   pnpm --filter @dl/bench moons-mlp -- --steady-epochs=5000   (a longer warm-up for the second figure)
//   pnpm --filter @dl/bench moons-mlp -- --pytorch              (adds PyTorch measured now on one thread and
//                                                                on all cores: pytorch-reference.py)
//
// Each epoch is forward, loss, backward and the optimizer step, and reads the loss back (as a
// training loop that logs would). Every implementation is timed twice, with the same protocol:
//   - after a short warm-up: blocks of 20 epochs after 40 warm-up epochs, the median block / 20;
//   - in steady state: the same, after the model has trained `--steady-epochs` epochs in all (default
//     3000). V8 keeps optimising (and re-optimising) the hot functions for thousands of epochs, so
//     the first figure includes compilation; the second is what a training run of any length sees.
// @dl is imported from its built packages (run `pnpm build` first), or from the sources with
// `tsx --tsconfig tsconfig.sources.json moons-mlp.mjs`.

import * as tf from '@tensorflow/tfjs-core';
import './tfjs-gradients.mjs';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { setNumThreads } from '@dl/tensor';
import { moonsEpoch, xTrain, yTrain } from './moons-model.mjs';
import { pytorchMilliseconds } from './pytorch-reference.mjs';
import { format, timeCalls, verdict } from './training-timing.mjs';

// one thread, as the PyTorch figures it is compared with (@dl's default is one per core)
setNumThreads(1);

const block = 20;
const timing = { warmup: 2, repetitions: 10 };
const steadyOption = process.argv.find((argument) => argument.startsWith('--steady-epochs='));
const steadyEpochs = steadyOption ? Number(steadyOption.split('=')[1]) : 3000;
if (!Number.isInteger(steadyEpochs) || steadyEpochs < 0) throw new Error(`--steady-epochs must be a whole number (got ${steadyOption})`);

function oursEpochs() {
  const epoch = moonsEpoch();
  return () => {
    for (let index = 0; index < block; index++) epoch();
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

/**
 * Times one implementation's epochs twice (see the header): `epochs` runs a block of 20 epochs on one
 * model, which keeps training from the first measurement into the second.
 */
async function timeShortAndSteady(epochs) {
  const short = await timeCalls(epochs, timing);
  const trained = (timing.warmup + timing.repetitions) * block;
  for (let done = trained; done < steadyEpochs; done += block) epochs();
  const steady = await timeCalls(epochs, { warmup: 0, repetitions: timing.repetitions });
  return { short, steady };
}

tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false); // one thread, as @dl and PyTorch's figure
const results = {};
results.ours = await timeShortAndSteady(oursEpochs());
await useBackend('wasm');
results['tfjs-wasm'] = await timeShortAndSteady(tfjsEpochs());
await useBackend('cpu');
results['tfjs-cpu'] = await timeShortAndSteady(tfjsEpochs());

// PyTorch's steady state (its script warms up 200 epochs); without --pytorch, the figure the issue quotes
const pytorch = process.argv.includes('--pytorch')
  ? { ...pytorchMilliseconds('moons'), note: 'measured in this run' }
  : { ms: 0.33, label: 'PyTorch 1.13, 1 thread', note: 'quoted by the issue; pass --pytorch to measure it now' };
// beside it, PyTorch on its default threads
const pytorchAllCores = process.argv.includes('--pytorch') ? pytorchMilliseconds('moons', { allCores: true }) : null;
const perEpoch = (entry) => ({ wall: entry.wallMs / block, cpu: entry.cpuMs / block });
console.log(
  `\nmoons MLP, ms per full-batch epoch (median of ${timing.repetitions} blocks of ${block}) — Node ${process.version}, tfjs ${tf.version_core}\n`,
);
for (const [phase, title] of [
  ['short', `after ${timing.warmup * block} warm-up epochs`],
  ['steady', `steady state, after ${steadyEpochs} epochs`],
]) {
  const ours = perEpoch(results.ours[phase]);
  console.log(`${title}:\n`);
  console.log('| implementation | wall ms / epoch | CPU ms / epoch | @dl / it (CPU) |');
  console.log('|---|---|---|---|');
  for (const [name, entry] of Object.entries(results)) {
    const { wall, cpu } = perEpoch(entry[phase]);
    console.log(`| ${name} | ${format(wall, 3)} | ${format(cpu, 3)} | ${format(ours.cpu / cpu)}× |`);
  }
  console.log(`| ${pytorch.label} (${pytorch.note}) | ${format(pytorch.ms, 3)} | | ${format(ours.cpu / pytorch.ms)}× |`);
  if (pytorchAllCores)
    console.log(
      `| ${pytorchAllCores.label} (measured in this run) | ${format(pytorchAllCores.ms, 3)} | | ${format(ours.cpu / pytorchAllCores.ms)}× |`,
    );
  console.log(
    `\ntarget ≤ 0.66 ms per epoch, ${title}: wall ${format(ours.wall, 3)} ms ${verdict(ours.wall <= 0.66)}, CPU ${format(ours.cpu, 3)} ms ${verdict(ours.cpu <= 0.66)}`,
  );
  if (pytorch.note === 'measured in this run')
    console.log(
      `within 2× of PyTorch measured in this run (${format(pytorch.ms, 3)} ms): ${format(ours.wall / pytorch.ms)}× ${verdict(ours.wall <= 2 * pytorch.ms)}`,
    );
  console.log('');
}
