// @dl/data: a DataLoader over the MNIST subset of @dl/datasets feeding a training step on cpu and
// webgpu, and the DataLoader's workers. Vite copies the bundled files; for esbuild and Rollup the
// test copies node_modules/@dl/datasets/data/ next to the page and passes ?dataRoot= (docs/browser.md).
import { DataLoader, Generator, MnistDataset } from '@dl/data';
import { loadMnist } from '@dl/datasets';
import { init } from '@dl/gpu';
import { CrossEntropyLoss, Flatten, Linear, ReLU, Sequential, SGD } from '@dl/nn';
import { manualSeed } from '@dl/tensor';
import { pageParameter, report } from './report.js';

const dataRoot = pageParameter('dataRoot');
const folder = (name) => (dataRoot === undefined ? undefined : new URL(`${dataRoot}${name}/`, location.href).href);

async function trainStep(device, batch) {
  manualSeed(4);
  const model = new Sequential(new Flatten(), new Linear(784, 32), new ReLU(), new Linear(32, 10)).to(device);
  const optimizer = new SGD(model.parameters(), { lr: 0.1 });
  const [images, labels] = [batch[0].to(device), batch[1].to(device)];
  const losses = [];
  for (let step = 0; step < 5; step++) {
    optimizer.zeroGrad();
    const loss = new CrossEntropyLoss().call(model.call(images), labels);
    loss.backward();
    optimizer.step();
    losses.push(await loss.item());
  }
  return { first: losses[0], last: losses.at(-1) };
}

async function firstBatches(loader, count) {
  const batches = [];
  for await (const [images, labels] of loader) {
    batches.push({ images: Array.from(await images.data()), labels: Array.from(await labels.data()) });
    if (batches.length === count) break;
  }
  return batches;
}

report(async () => {
  const mnistRoot = folder('mnist');
  const train = await loadMnist(mnistRoot === undefined ? {} : { root: mnistRoot });
  const dataset = new MnistDataset(train);
  const loader = new DataLoader(dataset, { batchSize: 64, shuffle: true, generator: new Generator(0) });
  let batch;
  for await (const first of loader) {
    batch = first;
    break;
  }
  await init();
  const cpu = await trainStep('cpu', batch);
  const webgpu = await trainStep('webgpu', batch);
  // two bundler-built workers, each loading MNIST itself; the batches must equal the main thread's
  const inWorkers = new DataLoader(dataset, {
    batchSize: 50,
    numWorkers: 2,
    createWorker: () => new Worker(new URL('./dataset-worker.js', import.meta.url), { type: 'module' }),
    workerDatasetArguments: mnistRoot === undefined ? [] : [mnistRoot],
  });
  const inPage = new DataLoader(dataset, { batchSize: 50 });
  const [fromWorkers, fromPage] = [await firstBatches(inWorkers, 3), await firstBatches(inPage, 3)];
  const result = {
    trainShape: train.images.shape,
    cpu,
    webgpu,
    workerBatches: fromWorkers.length,
    workersMatch: JSON.stringify(fromWorkers) === JSON.stringify(fromPage),
  };
  // the DataLoader's own worker entry, with a workerDataset module served as it is (?defaultWorker=1: Vite)
  if (pageParameter('defaultWorker') === '1') {
    // the page's own copy of the served module's dataset: the loader reads its length here
    const range = { length: 8, getItem: (index) => ({ value: new Float32Array([index, index * 10]) }) };
    const plain = new DataLoader(range, {
      batchSize: 4,
      numWorkers: 1,
      workerDataset: new URL('/fixtures/range-dataset.js', location.href).href,
      workerDatasetArguments: [8],
    });
    result.defaultWorker = [];
    for await (const { value } of plain) result.defaultWorker.push(Array.from(await value.data()));
  }
  return result;
});
