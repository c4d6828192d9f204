// A DataLoader worker built by the bundler (Vite follows `new Worker(new URL(...))` from data.js;
// esbuild and Rollup build it as a second entry point): MNIST from @dl/datasets, from the root the page
// passes (esbuild, Rollup) or the bundled files Vite copied
import { MnistDataset } from '@dl/data';
import { serveDataLoaderWorker } from '@dl/data/worker';
import { loadMnist } from '@dl/datasets';

serveDataLoaderWorker(async (root) => new MnistDataset(await loadMnist(root === undefined ? {} : { root })));
