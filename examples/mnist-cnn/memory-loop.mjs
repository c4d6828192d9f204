// The tutorial's CNN trained in the two loop shapes of a PyTorch program, with no dispose, scope,
// keep, forced collection or timer: prints one JSON line per reported step with the process's
// resident memory and @dl/tensor's counters. Run by the flat-memory test (few steps) and by
// bench/memory.mjs (300 steps, against PyTorch).
//   node examples/mnist-cnn/memory-loop.mjs --loop sync|loader --steps 300 --report 50,300
import { DataLoader, Generator, TensorDataset } from '@dl/data';
import { loadMnist } from '@dl/datasets';
import { Adam, CrossEntropyLoss } from '@dl/nn';
import { manualSeed, memory, noGrad } from '@dl/tensor';
import { parseArgs } from 'node:util';
import { makeCnn } from './model.mjs';

const { values } = parseArgs({
  args: process.argv.slice(2), // explicit: in a worker started from `node -e`, the default would keep the script path
  options: {
    loop: { type: 'string', default: 'sync' },
    steps: { type: 'string', default: '300' },
    report: { type: 'string', default: '' },
  },
});
const steps = Number(values.steps);
const reportAt = new Set(values.report.split(',').filter(Boolean).map(Number));
if (!['sync', 'loader'].includes(values.loop)) throw new Error(`--loop must be sync or loader, got ${values.loop}`);

manualSeed(1);
const { images, labels } = await loadMnist({ train: true });
const normalised = noGrad(() => images.sub(0.1307).div(0.3081));
const model = makeCnn();
const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
const lossFunction = new CrossEntropyLoss();
const batchSize = 64;
const batches = Math.floor(labels.shape[0] / batchSize);
let peak = 0;

function report(step, loss) {
  const { rss, heapUsed } = process.memoryUsage();
  peak = Math.max(peak, rss);
  if (!reportAt.has(step)) return;
  const { liveTensors, bytesInUse } = memory().cpu;
  console.log(
    JSON.stringify({
      step,
      loss,
      rssMiB: rss / 2 ** 20,
      peakMiB: peak / 2 ** 20,
      liveTensors,
      bytesInUse,
      heapUsedMiB: heapUsed / 2 ** 20,
    }),
  );
}

if (values.loop === 'sync') {
  // batches cut from the training tensors in a plain synchronous loop
  for (let step = 1; step <= steps; step++) {
    const start = ((step - 1) % batches) * batchSize;
    optimizer.zeroGrad();
    const loss = lossFunction.call(model.call(normalised.narrow(0, start, batchSize)), labels.narrow(0, start, batchSize));
    loss.backward();
    optimizer.step();
    report(step, loss.itemSync());
  }
} else {
  // a shuffling DataLoader, `for await`, the loss read with `await item()`
  const loader = new DataLoader(new TensorDataset(normalised, labels), { batchSize, shuffle: true, generator: new Generator(1) });
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
