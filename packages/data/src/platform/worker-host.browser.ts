/**
 * The browser side of `#worker-host` (the `browser` and `default` conditions): inside a Web Worker,
 * the first message is `{ start }` and the following ones are requests.
 */
import type { ConnectWorker, WorkerRequest } from '../loader/worker-connection.js';

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
}

/** Connects the DataLoader worker to its parent; does nothing outside a Web Worker (e.g. on a page). */
export function connectToParent(connect: ConnectWorker): void {
  const workerScope = (globalThis as { WorkerGlobalScope?: abstract new () => unknown }).WorkerGlobalScope;
  if (!workerScope || !(globalThis instanceof workerScope)) return;
  const scope = globalThis as unknown as WorkerScope;
  const listeners: ((request: WorkerRequest) => void)[] = [];
  scope.addEventListener('message', (event) => {
    if (event.data?.start)
      connect(
        event.data.start,
        (listener) => listeners.push(listener),
        (message, transfer) => scope.postMessage(message, transfer),
      );
    else for (const listener of listeners) listener(event.data as WorkerRequest);
  });
}
