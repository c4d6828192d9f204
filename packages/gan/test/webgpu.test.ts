import { init } from '@dl/gpu';
import { LeakyReLU, Linear, Sequential, Tanh } from '@dl/nn';
import { manualSeed, randn, tensor, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { bceDiscriminatorLoss, nonSaturatingGeneratorLoss } from '../src/losses/bce-losses.js';
import { wassersteinCriticLoss } from '../src/losses/wasserstein-losses.js';
import { MlpDiscriminator } from '../src/models/mlp-discriminator.js';
import { ConditionalMlpGenerator } from '../src/models/conditional-mlp-generator.js';
import { DcganDiscriminator } from '../src/models/dcgan-discriminator.js';
import { DcganGenerator } from '../src/models/dcgan-generator.js';
import { dcganWeightsInit } from '../src/models/dcgan-weights-init.js';
import { ProjectionDiscriminator } from '../src/models/projection-discriminator.js';
import { MlpGenerator } from '../src/models/mlp-generator.js';
import { gradientPenalty } from '../src/penalties/gradient-penalty.js';
import { spectralNorm } from '../src/spectral-norm/spectral-norm.js';
import { GanTrainer } from '../src/training/gan-trainer.js';
import { sampleGridPng } from '../src/training/sample-grid.js';
import { fromFixture, readFixture, stateFromFixture, type FixtureTensor } from './helpers/fixtures.js';

/** The device once per file; without an adapter the file skips (fails with DL_REQUIRE_WEBGPU=1, as CI). */
async function setupWebGPU() {
  try {
    return await init();
  } catch (error) {
    if (process.env.DL_REQUIRE_WEBGPU === '1') throw error;
    console.warn(`[@dl/gan tests] skipping WebGPU tests: ${(error as Error).message}`);
    return null;
  }
}
const info = await setupWebGPU();

async function values(value: Tensor | null): Promise<number[]> {
  return [...(await value!.data())];
}
function expectNear(actual: number[], expected: number[], label: string, tolerance = 1e-3): void {
  expect(actual.length, label).toBe(expected.length);
  actual.forEach((value, index) => {
    if (!(Math.abs(value - expected[index]!) <= tolerance * (1 + Math.abs(expected[index]!))))
      expect.fail(`${label}[${index}]: ${value} vs ${expected[index]}`);
  });
}

describe.skipIf(!info)(`@dl/gan on webgpu (${info?.description || 'no adapter'})`, () => {
  it('losses from logits at ±750: finite values and gradients, as on the CPU', async () => {
    const logits = [-750, -3, 0, 2.5, 750];
    const run = async (device: string) => {
      const real = tensor(logits, { device, requiresGrad: true });
      const fake = tensor([...logits].reverse(), { device, requiresGrad: true });
      const loss = bceDiscriminatorLoss(real, fake, { realLabel: 0.9 }).add(nonSaturatingGeneratorLoss(fake));
      loss.backward();
      return [await loss.item(), ...(await values(real.grad)), ...(await values(fake.grad))];
    };
    const gpu = await run('webgpu');
    for (const value of gpu) expect(Number.isFinite(value)).toBe(true);
    expectNear(gpu, await run('cpu'), 'loss and gradients');
  });

  it('gradient penalty with second derivatives: d(critic loss + λ·GP)/dθ matches PyTorch', async () => {
    interface PenaltyCase {
      weights: Record<string, FixtureTensor>;
      real: FixtureTensor;
      fake: FixtureTensor;
      eps: FixtureTensor;
      lambda: number;
      total: number;
      totalGrads: Record<string, FixtureTensor>;
    }
    const data = readFixture<{ mlp: PenaltyCase }>('gan_penalties.json').mlp;
    const critic = new Sequential(new Linear(6, 8), new Tanh(), new Linear(8, 8), new LeakyReLU(0.2), new Linear(8, 1));
    critic.loadStateDict(stateFromFixture(data.weights, 'float32'));
    critic.to('webgpu');
    const [real, fake, eps] = [data.real, data.fake, data.eps].map((value) => fromFixture(value, 'float32').to('webgpu'));
    const total = wassersteinCriticLoss(critic.call(real!), critic.call(fake!)).add(
      gradientPenalty(critic, real!, fake!, { lambda: data.lambda, eps: eps! }),
    );
    total.backward();
    expectNear([await total.item()], [data.total], 'total');
    for (const [name, parameter] of critic.namedParameters())
      expectNear(await values(parameter.grad), data.totalGrads[name]!.data, `d total / d ${name}`, 2e-3);
  });

  it('spectral norm: the training forward and the power iteration match the CPU', async () => {
    manualSeed(4);
    const cpuLayer = spectralNorm(new Linear(5, 4));
    const gpuLayer = spectralNorm(new Linear(5, 4));
    gpuLayer.loadStateDict(cpuLayer.stateDict());
    gpuLayer.to('webgpu');
    const input = randn([3, 5]);
    for (let call = 0; call < 2; call++) {
      const expected = [...cpuLayer.call(input).dataSync()];
      expectNear(await values(gpuLayer.call(input.to('webgpu'))), expected, `output ${call + 1}`);
    }
    expectNear(await values(gpuLayer.stateDict().weight_u!), [...cpuLayer.stateDict().weight_u!.dataSync()], 'u');
  });

  it('a tiny GAN step with the trainer (WGAN-GP and BCE) gives the CPU losses', async () => {
    const run = async (device: string) => {
      manualSeed(8);
      const generator = new MlpGenerator({ latentDim: 4, hiddenSizes: [8], outFeatures: 16 }).to(device);
      const discriminator = new MlpDiscriminator({ inFeatures: 16, hiddenSizes: [8] }).to(device);
      const [real, noise] = [randn([4, 16]).to(device), randn([4, 4]).to(device)];
      const gp = new GanTrainer({ generator, discriminator, latentDim: 4, loss: 'wasserstein', gradientPenalty: 10 });
      // the penalty draws ε from the global generator: reseed on both devices for equal draws
      manualSeed(9);
      const first = await gp.step(real, { noise });
      const bce = new GanTrainer({ generator, discriminator, latentDim: 4, realLabel: 0.9 });
      const second = await bce.step(real, { noise });
      return [first.discriminatorLoss, first.generatorLoss!, first.penalty, second.discriminatorLoss, second.generatorLoss!];
    };
    const gpu = await run('webgpu');
    for (const value of gpu) expect(Number.isFinite(value)).toBe(true);
    expectNear(gpu, await run('cpu'), 'losses', 2e-3);
  });

  it('DCGAN and conditional (projection) GAN steps give the CPU losses', async () => {
    const run = async (device: string) => {
      manualSeed(10);
      const generator = new DcganGenerator({ latentDim: 4, features: 2 }).apply(dcganWeightsInit).to(device);
      const discriminator = new DcganDiscriminator({ features: 2 }).apply(dcganWeightsInit).to(device);
      const [real, noise] = [randn([2, 1, 28, 28]).tanh().to(device), randn([2, 4]).to(device)];
      const dcgan = await new GanTrainer({ generator, discriminator, latentDim: 4 }).step(real, { noise });
      const conditionalGenerator = new ConditionalMlpGenerator({ latentDim: 4, hiddenSizes: [8], outFeatures: 16 }).to(device);
      const projection = new ProjectionDiscriminator({ inFeatures: 16, hiddenSizes: [8] }).to(device);
      const labels = tensor([3, 7], { dtype: 'int32', device });
      const conditional = await new GanTrainer({
        generator: conditionalGenerator,
        discriminator: projection,
        latentDim: 4,
        conditional: true,
      }).step(randn([2, 16]).to(device), { labels, noise });
      return [dcgan.discriminatorLoss, dcgan.generatorLoss!, conditional.discriminatorLoss, conditional.generatorLoss!];
    };
    const gpu = await run('webgpu');
    for (const value of gpu) expect(Number.isFinite(value)).toBe(true);
    expectNear(gpu, await run('cpu'), 'losses', 2e-3);
  });

  it('sample grids read webgpu samples back', async () => {
    const bytes = await sampleGridPng(randn([4, 16]).tanh().to('webgpu'), { imageShape: [1, 4, 4], nrow: 2 });
    expect([...bytes.subarray(0, 4)]).toEqual([137, 80, 78, 71]);
  });
});
