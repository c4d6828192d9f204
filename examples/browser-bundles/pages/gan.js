// @dl/gan: trainer steps on the CPU, and the file methods' browser error
import { GanTrainer, MlpDiscriminator, MlpGenerator } from '@dl/gan';
import { manualSeed, randn } from '@dl/tensor';
import { rejection, report } from './report.js';

report(async () => {
  manualSeed(3);
  const trainer = new GanTrainer({
    generator: new MlpGenerator({ latentDim: 8, hiddenSizes: [16], outFeatures: 4 }),
    discriminator: new MlpDiscriminator({ inFeatures: 4, hiddenSizes: [16] }),
    latentDim: 8,
  });
  const losses = [];
  for (let step = 0; step < 3; step++) losses.push(await trainer.step(randn([16, 4])));
  return { losses, curveError: await rejection(trainer.saveLossCurve('curves.png')) };
});
