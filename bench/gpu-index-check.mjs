// What the webgpu out-of-range index check costs per step: an embedding + cross-entropy step
// (with SMALL=1, a smaller one for software adapters) (gather of 64×32 token rows from a 10,000×64 table, mean over tokens, a linear layer to 100
// classes, cross-entropy, backward, reading the loss back), alternating blocks with the check on and
// off in one process (runtime.indexErrors.enabled), so both see the same machine state.
//
//   npx --yes tsx --tsconfig tsconfig.sources.json gpu-index-check.mjs
//   (with the environment of the GPU tests on a machine without a GPU:
//    EGL_PLATFORM=surfaceless DL_WEBGPU_FLAGS=backend=opengles DL_WEBGPU_FEATURE_LEVEL=compatibility)

import { manualSeed, randint, randn, tensor } from '@dl/tensor';
import { functional as F } from '@dl/nn';
import { init, webgpuBackend } from '@dl/gpu';

const info = await init();
const runtime = webgpuBackend().runtime;
console.log('device:', JSON.stringify(info));
manualSeed(0);
const [batch, tokens, vocabulary, width, classes] = process.env.SMALL ? [8, 8, 1000, 16, 10] : [64, 32, 10_000, 64, 100];
const [rounds, steps] = process.env.SMALL ? [4, 5] : [8, 20];
const table = randn([vocabulary, width], { device: 'webgpu' }).mul(0.1).requiresGrad_();
const weight = randn([classes, width], { device: 'webgpu' }).mul(0.1).requiresGrad_();
const input = randint(0, vocabulary, [batch, tokens]).to('webgpu');
const target = randint(0, classes, [batch]).to('webgpu');
const tensorOf = (values) => tensor(values, { dtype: 'int32', device: 'webgpu' });

async function step() {
  const features = F.embedding(input, table).mean(1);
  const loss = F.crossEntropy(features.matmul(weight.t()), target);
  loss.backward();
  table.grad = null;
  weight.grad = null;
  return loss.item();
}

// first, the check itself on this adapter: a bad index must fail the next read
try {
  await F.embedding(tensorOf([vocabulary + 5]), table).data();
  console.log('check: MISSING (an out-of-range index read back without error)');
} catch (error) {
  console.log(`check: raised: ${error.message.slice(0, 200)}`);
}

async function block(enabled, steps) {
  runtime.indexErrors.enabled = enabled;
  const start = performance.now();
  for (let i = 0; i < steps; i++) await step();
  return (performance.now() - start) / steps;
}

for (let i = 0; i < 3; i++) await step(); // warm-up: pipelines compiled, pools filled
console.log('warmed up');
const on = [];
const off = [];
for (let round = 0; round < rounds; round++) {
  on.push(await block(true, steps));
  off.push(await block(false, steps));
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
console.log(
  `ms per step, median of ${rounds} blocks of ${steps}: check on ${median(on).toFixed(3)}, off ${median(off).toFixed(3)}, ` +
    `difference ${(median(on) - median(off)).toFixed(3)} ms (${((median(on) / median(off) - 1) * 100).toFixed(1)} %)`,
);
process.exit(0);
