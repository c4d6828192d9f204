import { DataLoader, makeMoons, StandardScaler, TensorDataset } from '@dl/data';
import { Adam, CrossEntropyLoss, Linear, ReLU, Sequential } from '@dl/nn';
import { manualSeed, tensor, indexSelect } from '@dl/tensor';
manualSeed(0);
const { x, y } = makeMoons({ nSamples: 1000, noise: 0.2, randomState: 42 });
const inputs = new StandardScaler().fit(x).transform(x);
const model = new Sequential(new Linear(2, 16), new ReLU(), new Linear(16, 2));
const lossFunction = new CrossEntropyLoss();
const optimizer = new Adam(model.parameters(), { lr: 0.01 });
const variant = process.argv[2];
const steps = 4000;
for (let step = 0; step < steps; step++) {
  let batch, targets;
  const start = (step * 32) % 992;
  if (variant === 'narrow') { batch = inputs.narrow(0, start, 32); targets = y.narrow(0, start, 32); }
  else if (variant === 'gather') { const index = tensor(Array.from({ length: 32 }, (_, i) => (start + i * 7) % 1000), { dtype: 'int32' }); batch = indexSelect(inputs, 0, index); targets = indexSelect(y, 0, index); }
  else { batch = inputs; targets = y; }
  optimizer.zeroGrad(); const loss = lossFunction.call(model.call(batch), targets); loss.backward(); optimizer.step(); loss.itemSync();
}
