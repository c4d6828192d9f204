import { describe, expect, it } from 'vitest';
import { nodeFileSystem as browserFileSystem } from './node-file-system.browser.js';
import { spawnWorker as spawnBrowserWorker } from './spawn-worker.browser.js';
import { connectToParent as connectBrowserWorker } from './worker-host.browser.js';

// the browser files of the `#` imports, as far as Node can run them (examples/browser-bundles runs them in Chromium)
describe('browser files of the # imports', () => {
  it('#node-file-system: a path fails naming the reader and asking for a URL', async () => {
    await expect(browserFileSystem('readBytes')).rejects.toThrow(/^readBytes: file paths are read from disk only in Node.*pass a URL/);
  });
  it('#spawn-worker: createWorker must return a Worker', async () => {
    await expect(spawnBrowserWorker({}, { createWorker: () => ({}) as Worker })).rejects.toThrow(/createWorker must return a Worker/);
  });
  it('#worker-host: outside a Web Worker it connects nothing', () => {
    let connected = false;
    connectBrowserWorker(() => {
      connected = true;
    });
    expect(connected).toBe(false);
  });
});
