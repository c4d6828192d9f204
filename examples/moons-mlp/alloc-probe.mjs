import inspector from 'node:inspector/promises';
import { makeMoons, StandardScaler } from '@dl/data';
import { Adam, CrossEntropyLoss, Linear, ReLU, Sequential } from '@dl/nn';
import { manualSeed } from '@dl/tensor';
manualSeed(0);
const { x, y } = makeMoons({ nSamples: 1000, noise: 0.2, randomState: 42 });
const inputs = new StandardScaler().fit(x).transform(x);
const model = new Sequential(new Linear(2, 16), new ReLU(), new Linear(16, 2));
const lossFunction = new CrossEntropyLoss();
const optimizer = new Adam(model.parameters(), { lr: 0.01 });
const step = () => { optimizer.zeroGrad(); const loss = lossFunction.call(model.call(inputs), y); loss.backward(); optimizer.step(); loss.itemSync(); };
for (let i = 0; i < 500; i++) step();
const session = new inspector.Session(); session.connect();
await session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
for (let i = 0; i < 2000; i++) step();
const { profile } = await session.post('HeapProfiler.stopSampling');
let total = 0; const bySite = new Map();
function walk(node) {
  const name = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').slice(-1)}:${node.callFrame.lineNumber}`;
  total += node.selfSize;
  if (node.selfSize) bySite.set(name, (bySite.get(name) ?? 0) + node.selfSize);
  for (const c of node.children) walk(c);
}
walk(profile.head);
console.log('KB per step', (total / 2000 / 1024).toFixed(1));
for (const [k, v] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((v / 2000).toFixed(0), k);
