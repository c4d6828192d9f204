/// <reference types="node" />
/**
 * Node's side of `#worker-host` (the `node` condition): inside a `worker_threads` worker, the start
 * data is `workerData` and requests come through `parentPort`. Browser bundles get
 * worker-host.browser.ts and never see `node:worker_threads`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ConnectWorker } from '../loader/worker-connection.js';

/** Connects the DataLoader worker to its parent; does nothing outside a worker thread. */
export function connectToParent(connect: ConnectWorker): void {
  const port = parentPort;
  if (!port) return;
  connect(
    workerData,
    (listener) => port.on('message', listener),
    (message, transfer) => port.postMessage(message, transfer),
  );
}
