// The moons MLP trained in the two loop shapes of a PyTorch program, with no dispose, scope, keep,
// forced collection or timer: prints one JSON line per reported step with the process's resident
// memory and @dl/tensor's counters. Run by the flat-memory test (few steps) and bench/memory.mjs.
//   node examples/moons-mlp/memory-loop.mjs --loop sync|loader --steps 10000 --report 1000,10000
import { DataLoader, makeMoons, StandardScaler, TensorDataset } from '@dl/data';
import { Adam, CrossEntropyLoss, Linear, ReLU, Sequential } from '@dl/nn';
import { manualSeed, memory } from '@dl/tensor';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  args: process.argv.slice(2), // explicit: in a worker started from `node -e`, the default would keep the script path
  options: {
    loop: { type: 'string', default: 'sync' },
    steps: { type: 'string', default: '10000' },
    report: { type: 'string', default: '' },
  },
});
const steps = Number(values.steps);
const reportAt = new Set(values.report.split(',').filter(Boolean).map(Number));
if (!['sync', 'loader'].includes(values.loop)) throw new Error(`--loop must be sync or loader, got ${values.loop}`);

manualSeed(0);
const { x, y } = makeMoons({ nSamples: 1000, noise: 0.2, randomState: 42 });
const inputs = new StandardScaler().fit(x).transform(x);
const model = new Sequential(new Linear(2, 16), new ReLU(), new Linear(16, 2));
const lossFunction = new CrossEntropyLoss();
const optimizer = new Adam(model.parameters(), { lr: 0.01 });
let peak = 0;

function report(step, loss) {
  const rss = process.memoryUsage().rss;
  peak = Math.max(peak, rss);
  if (!reportAt.has(step)) return;
  const { liveTensors, bytesInUse } = memory().cpu;
  const { heapUsed, external, arrayBuffers } = process.memoryUsage();
  console.log(
    JSON.stringify({
      step,
      loss,
      rssMiB: rss / 2 ** 20,
      peakMiB: peak / 2 ** 20,
      liveTensors,
      bytesInUse,
      heapUsedMiB: heapUsed / 2 ** 20,
      externalMiB: external / 2 ** 20,
      arrayBuffersMiB: arrayBuffers / 2 ** 20,
    }),
  );
}

if (values.loop === 'sync') {
  // full-batch epochs in a plain synchronous loop, as the tutorial writes them
  for (let step = 1; step <= steps; step++) {
    optimizer.zeroGrad();
    const loss = lossFunction.call(model.call(inputs), y);
    loss.backward();
    optimizer.step();
    report(step, loss.itemSync());
  }
} else {
  // mini-batches of 32 from a shuffling DataLoader, `for await`, the loss read with `await item()`
  const loader = new DataLoader(new TensorDataset(inputs, y), { batchSize: 32, shuffle: true });
  let step = 0;
  while (step < steps) {
    for await (const [batch, targets] of loader) {
      optimizer.zeroGrad();
      const loss = lossFunction.call(model.call(batch), targets);
      loss.backward();
      optimizer.step();
      step += 1;
      report(step, await loss.item());
      if (step === steps) break;
    }
  }
}
