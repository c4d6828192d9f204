// A DataLoader worker built by the bundler (Vite follows `new Worker(new URL(...))` from data.js;
// esbuild and Rollup build it as a second entry point): MNIST, from the root the page passes
import { MnistDataset } from '@dl/data';
import { serveDataLoaderWorker } from '@dl/data/worker';

serveDataLoaderWorker((root) => MnistDataset.load(root === undefined ? {} : { root }));
