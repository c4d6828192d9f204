// @dl/nn: a training step on cpu and webgpu, safetensors as bytes, and the file functions' browser error
import { init } from '@dl/gpu';
import { Adam, CrossEntropyLoss, Linear, parseSafetensors, ReLU, saveSafetensors, Sequential, serializeSafetensors } from '@dl/nn';
import { manualSeed, randn, tensor } from '@dl/tensor';
import { rejection, report } from './report.js';

async function train(device) {
  manualSeed(1);
  const model = new Sequential(new Linear(4, 16), new ReLU(), new Linear(16, 3)).to(device);
  const optimizer = new Adam(model.parameters(), { lr: 0.05 });
  const criterion = new CrossEntropyLoss();
  const inputs = randn([32, 4], { device });
  const labels = tensor(
    Array.from({ length: 32 }, (_, i) => i % 3),
    { dtype: 'int32', device },
  );
  const losses = [];
  for (let step = 0; step < 20; step++) {
    optimizer.zeroGrad();
    const loss = criterion.call(model.call(inputs), labels);
    loss.backward();
    optimizer.step();
    losses.push(await loss.item());
  }
  return { first: losses[0], last: losses.at(-1) };
}

report(async () => {
  await init();
  const model = new Linear(2, 2);
  const bytes = await serializeSafetensors(model.stateDict());
  return {
    cpu: await train('cpu'),
    webgpu: await train('webgpu'),
    safetensorsNames: Object.keys(parseSafetensors(bytes).tensors).sort(),
    saveError: await rejection(saveSafetensors(model.stateDict(), 'model.safetensors')),
  };
});
