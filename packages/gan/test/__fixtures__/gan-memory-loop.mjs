// GanTrainer steps with no dispose, scope, keep, forced collection or timer: prints one JSON line per
// reported step with @dl/tensor's counters and the resident memory. Run by test/flat-memory.test.ts
// in a child process (imports the BUILT packages).
//   node packages/gan/test/__fixtures__/gan-memory-loop.mjs --variant bce|wgan-gp --steps 1000 --report 200,1000
import { parseArgs } from 'node:util';
import { GanTrainer, MlpDiscriminator, MlpGenerator, spectralNorm } from '@dl/gan';
import { manualSeed, memory, noGrad, randn } from '@dl/tensor';

const { values } = parseArgs({ options: { variant: { type: 'string', default: 'bce' }, steps: { type: 'string', default: '1000' }, report: { type: 'string', default: '' } } });
const steps = Number(values.steps);
const reportAt = new Set(values.report.split(',').filter(Boolean).map(Number));
manualSeed(0);
const generator = new MlpGenerator({ latentDim: 8, hiddenSizes: [32], outFeatures: 64 });
const discriminator = new MlpDiscriminator({ inFeatures: 64, hiddenSizes: [32] });
const options = values.variant === 'wgan-gp'
  ? { loss: 'wasserstein', gradientPenalty: 10, nCritic: 5 }
  : { realLabel: 0.9, emaGenerator: new MlpGenerator({ latentDim: 8, hiddenSizes: [32], outFeatures: 64 }) };
if (values.variant === 'bce') spectralNorm(discriminator.head);
const trainer = new GanTrainer({ generator, discriminator, latentDim: 8, ...options });
const batches = noGrad(() => randn([256, 64]).tanh()).split(32);
for (let step = 1; step <= steps; step++) {
  const result = await trainer.step(batches[step % batches.length]);
  if (!reportAt.has(step)) continue;
  const { liveTensors, bytesInUse } = memory().cpu;
  console.log(JSON.stringify({ step, loss: result.discriminatorLoss, liveTensors, bytesInUse, rssMiB: process.memoryUsage().rss / 2 ** 20 }));
}
