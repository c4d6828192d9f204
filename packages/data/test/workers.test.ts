import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataLoader, Generator, setWorkerBase } from '@dl/data';
import type { Tensor } from '@dl/tensor';
// @ts-expect-error a plain JavaScript fixture module
import { createDataset } from './__fixtures__/worker-dataset.mjs';

// Worker threads run plain JavaScript, so they load the built worker script (dist/loader/worker-entry.js).
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const datasetModule = new URL('./__fixtures__/worker-dataset.mjs', import.meta.url);
// the workspace's own tsup, run by path: no npx, which may not install or ask on a fresh machine
const tsupCli = fileURLToPath(new URL('../../../node_modules/tsup/dist/cli-default.js', import.meta.url));

beforeAll(() => {
  if (!existsSync(`${packageRoot}dist/loader/worker-entry.js`))
    execFileSync(process.execPath, [tsupCli], { cwd: packageRoot, stdio: 'ignore' });
  setWorkerBase(new URL('../dist/', import.meta.url));
}, 120_000);

const collect = async (loader: DataLoader) => {
  const batches = [];
  for await (const batch of loader) batches.push(batch);
  return batches;
};

describe('DataLoader with worker threads', () => {
  it('loads the same batches as the main thread, in sampler order, from several threads', async () => {
    const options = { batchSize: 4, shuffle: true };
    const parallel = new DataLoader(createDataset(12, 10), {
      ...options,
      generator: new Generator(3),
      numWorkers: 2,
      workerDataset: datasetModule,
      workerDatasetArguments: [12, 10],
    });
    const serial = new DataLoader(createDataset(12, 10), { ...options, generator: new Generator(3) });
    const [fromWorkers, fromMain] = [await collect(parallel), await collect(serial)];
    expect(fromWorkers).toHaveLength(3);
    for (let k = 0; k < 3; k++) {
      expect((fromWorkers[k].features as Tensor).toArraySync()).toEqual((fromMain[k].features as Tensor).toArraySync());
      expect((fromWorkers[k].label as Tensor).toArraySync()).toEqual((fromMain[k].label as Tensor).toArraySync());
      expect((fromWorkers[k].label as Tensor).dtype).toBe('int32');
    }
    const threads = new Set(fromWorkers.flatMap((batch) => Array.from((batch.thread as Tensor).dataSync())));
    expect(threads.size).toBe(2);
    expect(threads.has(0)).toBe(false);
  });
  it('applies a custom collateFn in the main thread and reports worker errors', async () => {
    const loader = new DataLoader(createDataset(6, 1), {
      batchSize: 3,
      numWorkers: 1,
      workerDataset: datasetModule,
      workerDatasetArguments: [6, 1],
      collateFn: (items: { label: number }[]) => items.map((item) => item.label),
    });
    expect(await collect(loader)).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    const failing = new DataLoader(createDataset(16, 1), {
      batchSize: 4,
      numWorkers: 2,
      workerDataset: datasetModule,
      workerDatasetArguments: [16, 1],
    });
    await expect(collect(failing)).rejects.toThrow(/DataLoader worker: item 13 is cursed/);
    const missing = new DataLoader(createDataset(4, 1), {
      batchSize: 2,
      numWorkers: 1,
      workerDataset: new URL('./reference.ts', import.meta.url),
    });
    await expect(collect(missing)).rejects.toThrow(/DataLoader worker/);
    expect(() => new DataLoader(createDataset(4, 1), { numWorkers: 2 })).toThrow(/needs workerDataset/);
  });
  it('fails the epoch, instead of waiting forever, when a worker script dies', async () => {
    setWorkerBase(new URL('./__fixtures__/broken-worker/', import.meta.url));
    try {
      const loader = new DataLoader(createDataset(8, 1), {
        batchSize: 2,
        numWorkers: 2,
        workerDataset: datasetModule,
        workerDatasetArguments: [8, 1],
      });
      await expect(collect(loader)).rejects.toThrow(/DataLoader worker: this worker script is broken/);
    } finally {
      setWorkerBase(new URL('../dist/', import.meta.url));
    }
  });
  it('createWorker is for browsers: Node asks for workerDataset', async () => {
    const loader = new DataLoader(createDataset(4, 1), { batchSize: 2, numWorkers: 1, createWorker: () => ({}) as Worker });
    await expect(collect(loader)).rejects.toThrow(/createWorker makes browser Web Workers; in Node, pass workerDataset/);
    expect(
      () => new DataLoader(createDataset(4, 1), { numWorkers: 1, workerDataset: datasetModule, createWorker: () => ({}) as Worker }),
    ).toThrow(/exclusive/);
  });
});
