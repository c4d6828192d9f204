import { DataLoader, makeMoons, StandardScaler, TensorDataset } from '@dl/data';
import { Adam, CrossEntropyLoss, Linear, ReLU, Sequential } from '@dl/nn';
import { manualSeed } from '@dl/tensor';
manualSeed(0);
const { x, y } = makeMoons({ nSamples: 1000, noise: 0.2, randomState: 42 });
const inputs = new StandardScaler().fit(x).transform(x);
const model = new Sequential(new Linear(2, 16), new ReLU(), new Linear(16, 2));
const lossFunction = new CrossEntropyLoss();
const optimizer = new Adam(model.parameters(), { lr: 0.01 });
const loader = new DataLoader(new TensorDataset(inputs, y), { batchSize: 32, shuffle: true });
const variant = process.argv[2];
let step = 0;
const steps = 4000;
if (variant === 'sync-iter') { while (step < steps) for (const [batch, targets] of loader) { optimizer.zeroGrad(); const loss = lossFunction.call(model.call(batch), targets); loss.backward(); optimizer.step(); step++; loss.itemSync(); if (step === steps) break; } }
else if (variant === 'await-itemsync') { while (step < steps) for await (const [batch, targets] of loader) { optimizer.zeroGrad(); const loss = lossFunction.call(model.call(batch), targets); loss.backward(); optimizer.step(); step++; loss.itemSync(); if (step === steps) break; } }
else if (variant === 'sync-item-await') { while (step < steps) for (const [batch, targets] of loader) { optimizer.zeroGrad(); const loss = lossFunction.call(model.call(batch), targets); loss.backward(); optimizer.step(); step++; await loss.item(); if (step === steps) break; } }
else { while (step < steps) for await (const [batch, targets] of loader) { optimizer.zeroGrad(); const loss = lossFunction.call(model.call(batch), targets); loss.backward(); optimizer.step(); step++; await loss.item(); if (step === steps) break; } }
