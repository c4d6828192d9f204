// @dl on WebGPU (issue #19): matmul GFLOP/s over square sizes, the tutorial CNN's second convolution
// forward and backward, and training steps — the tutorial MNIST CNN, the LSTM classifier W4b and the
// MLP GAN W5 — with dispatches and submits per step, host and CPU time per dispatch, the peak of GPU
// memory held by @dl, and the adapter's name.
//
//   npx --yes tsx --tsconfig tsconfig.sources.json gpu.mjs [--sizes=256,512,1024,2048,4096] [--quick] [--full] [--save] [--profile]
//
// --profile (adapters with timestamp-query: most GPUs, SwiftShader) adds the GPU time of each kernel in
// one training step of each workload, from timestamp queries (init({ profile: true }), kernelTimes()).
//
// Runs wherever `init()` finds an adapter. On a CPU implementation of WebGPU (llvmpipe, SwiftShader:
// ~0.3-2 GFLOP/s) it switches to --quick by itself: matmul sizes 64-256, batch 8, shorter sequences,
// so it finishes in minutes; --full forces the full sizes. There "CPU µs per dispatch" (the process's
// CPU time over a step, the adapter's threads included, divided by its dispatches) is the figure to
// read; on a real GPU, ms per step and GFLOP/s are. With the environment of the GPU tests on a machine
// without a GPU:
//   EGL_PLATFORM=surfaceless DL_WEBGPU_FLAGS=backend=opengles DL_WEBGPU_FEATURE_LEVEL=compatibility
//
// A step's time is measured to the end of the GPU's work (queue.onSubmittedWorkDone after a flush),
// medians over `repetitions`, after a warm-up call that also compiles the pipelines.

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Adam, BCELoss, CrossEntropyLoss, Linear, Module } from '@dl/nn';
import { MlpDiscriminator, MlpGenerator } from '@dl/gan';
import { LSTM } from '@dl/rnn';
import { conv2d, grad, manualSeed, noGrad, ones, rand, randint, randn, zeros } from '@dl/tensor';
import { init, kernelTimes, resetKernelTimes, resetPeakBytes, statistics, webgpuBackend } from '@dl/gpu';
import { makeCnn } from '../examples/mnist-cnn/model.mjs';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    quick: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    save: { type: 'boolean', default: false },
    repetitions: { type: 'string', default: '5' },
    profile: { type: 'boolean', default: false },
  },
});

const info = await init({ profile: values.profile });
const runtime = webgpuBackend().runtime;
const adapterName = [info.vendor, info.device, info.description].filter(Boolean).join(' / ');
const software = /llvmpipe|lavapipe|swiftshader/i.test(`${info.device} ${info.description} ${info.architecture}`);
const quick = values.quick || (software && !values.full);
const repetitions = Number(values.repetitions);
const sizes = values.sizes ? values.sizes.split(',').map(Number) : quick ? [64, 128, 256] : [256, 512, 1024, 2048, 4096];

/** Submits what is encoded and waits until the GPU has finished it. */
async function settle() {
  runtime.flush();
  await runtime.device.queue.onSubmittedWorkDone();
}

/**
 * Frees what a timed call made, after encoding its kernels: fusion defers a matmul or a convolution
 * until something reads or follows it, and skips a kernel whose every output was freed before then,
 * so disposing a result at once would time nothing.
 */
function disposeComputed(...tensors) {
  runtime.materialiseDeferred();
  for (const tensor of tensors) tensor.dispose();
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

/**
 * Times `run` (which may return a promise) `repetitions` times after one warm-up: median wall ms to
 * the end of the GPU's work, host ms (until `run` returns: encoding, plus whatever the queue runs
 * synchronously at a submit, which on llvmpipe is the kernels themselves), process CPU ms,
 * dispatches and submits per call, and the peak bytes on the device during the calls.
 */
async function measure(run) {
  // the first call compiles the pipelines it meets (synchronously at a dispatch, or ahead of use
  // with createComputePipelineAsync where a kernel prepares its successors): its time and count
  const beforeFirst = statistics();
  const firstStart = performance.now();
  await run();
  await settle();
  const firstMs = performance.now() - firstStart;
  const afterFirst = statistics();
  const firstCompiles = afterFirst.compiles - beforeFirst.compiles + (afterFirst.asyncCompiles - beforeFirst.asyncCompiles);
  resetPeakBytes();
  const walls = [];
  const hosts = [];
  const cpus = [];
  const first = statistics();
  for (let repetition = 0; repetition < repetitions; repetition++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const pending = run();
    hosts.push(performance.now() - start);
    await pending;
    await settle();
    walls.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  const last = statistics();
  return {
    wallMs: median(walls),
    hostMs: median(hosts),
    cpuMs: median(cpus),
    dispatches: (last.dispatches - first.dispatches) / repetitions,
    submits: (last.submits - first.submits) / repetitions,
    peakBytes: last.peakBytesOnDevice,
    firstMs,
    firstCompiles,
  };
}

const results = { adapter: adapterName, featureLevel: info.featureLevel, software, quick, matmul: [], convolution: {}, steps: {} };
const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
const fixed = (value, digits = 2) => value.toFixed(digits);
console.log(`adapter: ${adapterName} (${info.featureLevel}${software ? ', a CPU implementation: --quick sizes' : ''})`);

// matmul GFLOP/s: C = A · B, n × n, 2n³ flops; float32, then float16 storage (float32 accumulation)
for (const dtype of ['float32', 'float16']) {
  for (const n of sizes) {
    manualSeed(n);
    const a = randn([n, n], { device: 'webgpu' }).to(dtype);
    const b = randn([n, n], { device: 'webgpu' }).to(dtype);
    const timing = await measure(() => disposeComputed(a.matmul(b)));
    const gflops = (2 * n ** 3) / (timing.wallMs * 1e6);
    results.matmul.push({ dtype, n, ms: timing.wallMs, gflops });
    console.log(`matmul ${dtype} ${n}×${n}: ${fixed(timing.wallMs, 3)} ms, ${fixed(gflops)} GFLOP/s`);
    a.dispose();
    b.dispose();
  }
}

// the tutorial's second convolution, 32 → 64 channels, 3×3 on 26×26: forward (bias included) and
// backward (input and weight gradients, bias gradient)
{
  const batch = quick ? 8 : 64;
  manualSeed(1);
  const x = randn([batch, 32, 26, 26], { device: 'webgpu' }).requiresGrad_();
  const weight = randn([64, 32, 3, 3], { device: 'webgpu' }).mul(0.05).requiresGrad_();
  const bias = zeros([64], { device: 'webgpu' }).requiresGrad_();
  const flops = 2 * batch * 64 * 24 * 24 * 32 * 9;
  const forward = await measure(() => noGrad(() => disposeComputed(conv2d(x, weight, bias))));
  const output = conv2d(x, weight, bias);
  const cotangent = randn(output.shape, { device: 'webgpu' });
  const backward = await measure(() => {
    disposeComputed(...grad(output, [x, weight, bias], { gradOutputs: [cotangent], retainGraph: true }));
  });
  results.convolution = {
    shape: `[${batch}, 32, 26, 26] ⋆ [64, 32, 3, 3]`,
    forwardMs: forward.wallMs,
    forwardGflops: flops / (forward.wallMs * 1e6),
    backwardMs: backward.wallMs,
    backwardGflops: (2 * flops) / (backward.wallMs * 1e6),
    forwardDispatches: forward.dispatches,
    backwardDispatches: backward.dispatches,
  };
  const c = results.convolution;
  console.log(
    `conv2d ${c.shape}: forward ${fixed(c.forwardMs)} ms (${fixed(c.forwardGflops)} GFLOP/s, ${c.forwardDispatches} dispatch), ` +
      `backward ${fixed(c.backwardMs)} ms (${fixed(c.backwardGflops)} GFLOP/s, ${c.backwardDispatches} dispatches)`,
  );
}

/** The tutorial's MNIST CNN: one training step (forward, cross-entropy, backward, Adam, loss read back). */
function cnnStep() {
  const batch = quick ? 8 : 64;
  manualSeed(0);
  const model = makeCnn().to('webgpu');
  const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
  const lossFunction = new CrossEntropyLoss();
  const images = rand([batch, 1, 28, 28]).to('webgpu');
  const labels = randint(0, 10, [batch]).to('webgpu');
  return {
    shape: `batch ${batch}`,
    step: async () => {
      optimizer.zeroGrad();
      const loss = lossFunction.call(model.call(images), labels);
      loss.backward();
      optimizer.step();
      await loss.item();
    },
  };
}

class SequenceClassifier extends Module {
  constructor(inputSize, hiddenSize) {
    super();
    this.lstm = new LSTM(inputSize, hiddenSize, { batchFirst: true });
    this.fc = new Linear(hiddenSize, 2);
  }
  forward(x) {
    const [output] = this.lstm.call(x);
    return this.fc.call(output.select(1, output.shape[1] - 1));
  }
}

/** W4b: LSTM(128, 256) → Linear(256, 2) on the last step, batch 32 × 64 steps, Adam(0.01). */
function lstmStep() {
  const [batch, steps] = quick ? [8, 16] : [32, 64];
  manualSeed(0);
  const model = new SequenceClassifier(128, 256).to('webgpu');
  const optimizer = new Adam(model.parameters(), { lr: 0.01 });
  const lossFunction = new CrossEntropyLoss();
  const x = randn([batch, steps, 128]).to('webgpu');
  const y = randint(0, 2, [batch]).to('webgpu');
  return {
    shape: `batch ${batch} × ${steps} steps`,
    step: async () => {
      optimizer.zeroGrad();
      const loss = lossFunction.call(model.call(x), y);
      loss.backward();
      optimizer.step();
      await loss.item();
    },
  };
}

/** W5: the tutorial's MLP GAN iteration (a D step on real and fake, then a G step through D). */
function ganStep() {
  const batch = quick ? 16 : 64;
  manualSeed(0);
  const generator = new MlpGenerator().to('webgpu');
  const discriminator = new MlpDiscriminator({ sigmoid: true }).to('webgpu');
  const optimizerG = new Adam(generator.parameters(), { lr: 2e-4, betas: [0.5, 0.999] });
  const optimizerD = new Adam(discriminator.parameters(), { lr: 2e-4, betas: [0.5, 0.999] });
  const bce = new BCELoss();
  const real = rand([batch, 784]).mul(2).sub(1).to('webgpu');
  const [real1, fake0] = [ones([batch], { device: 'webgpu' }), zeros([batch], { device: 'webgpu' })];
  return {
    shape: `batch ${batch}`,
    step: async () => {
      optimizerD.zeroGrad();
      const fake = noGrad(() => generator.call(randn([batch, 100], { device: 'webgpu' })));
      const lossD = bce.call(discriminator.call(real), real1).add(bce.call(discriminator.call(fake), fake0));
      lossD.backward();
      optimizerD.step();
      optimizerG.zeroGrad();
      const lossG = bce.call(discriminator.call(generator.call(randn([batch, 100], { device: 'webgpu' }))), real1);
      lossG.backward();
      optimizerG.step();
      await Promise.all([lossD.item(), lossG.item()]);
    },
  };
}

for (const [name, build] of [
  ['CNN step', cnnStep],
  ['LSTM W4b step', lstmStep],
  ['GAN W5 iteration', ganStep],
]) {
  const { shape, step } = build();
  const timing = await measure(step);
  const entry = {
    shape,
    ms: timing.wallMs,
    dispatches: timing.dispatches,
    submits: timing.submits,
    hostMicrosecondsPerDispatch: (timing.hostMs * 1000) / timing.dispatches,
    cpuMicrosecondsPerDispatch: (timing.cpuMs * 1000) / timing.dispatches,
    peakMiB: Number(mib(timing.peakBytes)),
    firstStepMs: timing.firstMs,
    firstStepCompiles: timing.firstCompiles,
  };
  if (values.profile) {
    // one more step, timed kernel by kernel on the GPU
    resetKernelTimes();
    await step();
    entry.kernelTimes = await kernelTimes();
  }
  results.steps[name] = entry;
  console.log(
    `${name} (${shape}): ${fixed(entry.ms, 1)} ms, ${entry.dispatches} dispatches and ${entry.submits} submits per step, ` +
      `host ${fixed(entry.hostMicrosecondsPerDispatch, 1)} µs and CPU ${fixed(entry.cpuMicrosecondsPerDispatch, 1)} µs per dispatch, ` +
      `peak GPU memory ${entry.peakMiB} MiB; first step ${fixed(entry.firstStepMs, 1)} ms with ${entry.firstStepCompiles} pipeline compiles`,
  );
  for (const { kernel, dispatches, milliseconds } of entry.kernelTimes ?? [])
    console.log(`  ${fixed(milliseconds, 3).padStart(9)} ms GPU  ${String(dispatches).padStart(4)} × ${kernel}`);
}

if (values.save) {
  const slug = (info.device || info.description || 'adapter').toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const file = new URL(`./results/gpu-${slug}.json`, import.meta.url);
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), ...results }, null, 2)}\n`);
  console.log(`saved ${file.pathname}`);
}
