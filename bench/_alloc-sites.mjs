import { Session } from 'node:inspector/promises';
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
const byFunction = process.argv[2] === 'function';
let step = 0; let session;
while (step < 3000) for await (const [batch, targets] of loader) {
  if (step === 1000) { session = new Session(); session.connect(); await session.post('HeapProfiler.enable'); await session.post('HeapProfiler.startSampling', { samplingInterval: 128, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }); }
  optimizer.zeroGrad(); const loss = lossFunction.call(model.call(batch), targets); loss.backward(); optimizer.step(); step++; await loss.item(); if (step === 3000) break; }
const { profile } = await session.post('HeapProfiler.stopSampling');
const agg = new Map();
const walk = (node, stack) => { const f = node.callFrame; const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`; if (node.selfSize) { const k2 = byFunction ? key : key + '  <  ' + stack.slice(-2).join(' < '); agg.set(k2, (agg.get(k2) || 0) + node.selfSize); } for (const c of node.children) walk(c, [...stack, `${f.functionName || '(anon)'}:${f.lineNumber}`]); };
walk(profile.head, []);
const total = [...agg.values()].reduce((a, b) => a + b, 0);
console.log('bytes per step', (total / 2000).toFixed(0));
[...agg.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40).forEach(([k, v]) => console.log(String(Math.round(v / 2000)).padStart(7), k));
