// GAN training workloads at batch 64, milliseconds per call, @dl against PyTorch on one thread,
// measured in the same run and alternated (ours, PyTorch, ours, PyTorch, …) because this machine's
// speed drifts by ±25 % from one minute to the next:
//   W5      the tutorial's MLP GAN iteration: G 100→256→512→784 (Tanh), D 784→512→256→1 (LeakyReLU
//           0.2, Sigmoid), BCELoss, Adam(2e-4, β = (0.5, 0.999)); a D step on real and on fake (G under
//           noGrad), then a G step through D; both losses read back.
//   dcgan   one DCGAN iteration on 28×28 (f = 64; D step then G step on the same fakes; BCE from logits).
//   wgan-gp one critic step of the MLP critic with the gradient penalty (λ = 10, second derivatives).
//
//   pnpm --filter @dl/bench gan [-- --rounds 3 --repetitions 20 --only w5]
// Imports the BUILT @dl packages (`npx --yes pnpm@10 turbo run build --filter=@dl/gan...` first).

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Adam, BCELoss, BCEWithLogitsLoss } from '@dl/nn';
import {
  DcganDiscriminator,
  DcganGenerator,
  dcganWeightsInit,
  gradientPenalty,
  MlpDiscriminator,
  MlpGenerator,
  wassersteinCriticLoss,
} from '@dl/gan';
import { manualSeed, noGrad, ones, rand, randn, setNumThreads, zeros } from '@dl/tensor';
import { format, median, timeCalls } from './training-timing.mjs';

// one thread, as the PyTorch figures it is compared with (@dl's default is one per core)
setNumThreads(1);

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, repetitions: { type: 'string', default: '20' }, only: { type: 'string' } },
});
const rounds = Number(values.rounds);
const repetitions = Number(values.repetitions);
const batch = 64;
manualSeed(0);

function w5() {
  const generator = new MlpGenerator();
  const discriminator = new MlpDiscriminator({ sigmoid: true });
  const optimizerG = new Adam(generator.parameters(), { lr: 2e-4, betas: [0.5, 0.999] });
  const optimizerD = new Adam(discriminator.parameters(), { lr: 2e-4, betas: [0.5, 0.999] });
  const bce = new BCELoss();
  const real = noGrad(() => rand([batch, 784]).mul(2).sub(1));
  const [real1, fake0] = [ones([batch]), zeros([batch])];
  return () => {
    optimizerD.zeroGrad();
    const fake = noGrad(() => generator.call(randn([batch, 100])));
    const lossD = bce.call(discriminator.call(real), real1).add(bce.call(discriminator.call(fake), fake0));
    lossD.backward();
    optimizerD.step();
    optimizerG.zeroGrad();
    const lossG = bce.call(discriminator.call(generator.call(randn([batch, 100]))), real1);
    lossG.backward();
    optimizerG.step();
    return [lossD.itemSync(), lossG.itemSync()];
  };
}

function dcgan() {
  const generator = new DcganGenerator({ features: 64 }).apply(dcganWeightsInit);
  const discriminator = new DcganDiscriminator({ features: 64 }).apply(dcganWeightsInit);
  const optimizerG = new Adam(generator.parameters(), { lr: 2e-4, betas: [0.5, 0.999] });
  const optimizerD = new Adam(discriminator.parameters(), { lr: 2e-4, betas: [0.5, 0.999] });
  const bce = new BCEWithLogitsLoss();
  const real = noGrad(() => rand([batch, 1, 28, 28]).mul(2).sub(1));
  const [real1, fake0] = [ones([batch]), zeros([batch])];
  return () => {
    optimizerD.zeroGrad();
    const fake = generator.call(randn([batch, 100]));
    const lossD = bce.call(discriminator.call(real), real1).add(bce.call(discriminator.call(fake.detach()), fake0));
    lossD.backward();
    optimizerD.step();
    optimizerG.zeroGrad();
    const lossG = bce.call(discriminator.call(fake), real1);
    lossG.backward();
    optimizerG.step();
    return [lossD.itemSync(), lossG.itemSync()];
  };
}

function wganGp() {
  const generator = new MlpGenerator();
  const critic = new MlpDiscriminator();
  const optimizer = new Adam(critic.parameters(), { lr: 1e-4, betas: [0.5, 0.9] });
  const real = noGrad(() => rand([batch, 784]).mul(2).sub(1));
  return () => {
    optimizer.zeroGrad();
    const fake = noGrad(() => generator.call(randn([batch, 100])));
    const loss = wassersteinCriticLoss(critic.call(real), critic.call(fake)).add(gradientPenalty(critic, real, fake, { lambda: 10 }));
    loss.backward();
    optimizer.step();
    return loss.itemSync();
  };
}

const script = fileURLToPath(new URL('./gan-reference.py', import.meta.url));
function pytorchMs(workload) {
  const output = execFileSync('/usr/bin/python3', [script, workload, String(repetitions)], {
    encoding: 'utf8',
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1' },
  });
  const match = /([\d.]+) ms/.exec(output);
  if (!match) throw new Error(`gan-reference.py printed no timing: ${output}`);
  return Number(match[1]);
}

const workloads = { w5, dcgan, 'wgan-gp': wganGp };
const selected = values.only ? [values.only] : Object.keys(workloads);
console.log(`GAN workloads, batch 64, ms per call (median of ${repetitions}), ${rounds} alternating rounds — Node ${process.version}\n`);
console.log('| workload | @dl wall ms per round | @dl CPU ms | PyTorch 1 thread ms per round | ratio per round (wall) | median ratio |');
console.log('|---|---|---|---|---|---|');
for (const name of selected) {
  const ours = [];
  const cpu = [];
  const theirs = [];
  const step = workloads[name]();
  for (let round = 0; round < rounds; round++) {
    const timing = await timeCalls(step, { warmup: round === 0 ? 5 : 2, repetitions });
    ours.push(timing.wallMs);
    cpu.push(timing.cpuMs);
    theirs.push(pytorchMs(name));
  }
  const ratios = ours.map((value, index) => value / theirs[index]);
  console.log(
    `| ${name} | ${ours.map((value) => format(value, 1)).join(', ')} | ${cpu.map((value) => format(value, 1)).join(', ')} | ${theirs.map((value) => format(value, 1)).join(', ')} | ${ratios.map((value) => `${format(value)}×`).join(', ')} | ${format(median(ratios))}× |`,
  );
}
