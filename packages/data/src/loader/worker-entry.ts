/**
 * The script each DataLoader worker runs: it imports the user's dataset module, builds the dataset with
 * `createDataset(...args)`, then answers `{ id, indices, batched }` with the items (collated by
 * `defaultCollate` when asked), tensors sent as typed arrays.
 */
import { defaultCollate } from './collate.js';
import { encodeForTransfer } from './transfer.js';

interface StartData {
  datasetModule: string;
  datasetArguments: unknown[];
  collate: boolean;
  workerId: number;
}
interface Request {
  id: number;
  indices: number[];
  batched: boolean;
}
type Reply = (message: unknown, transfer: ArrayBuffer[]) => void;

async function serve(start: StartData, onRequest: (handler: (request: Request) => void) => void, reply: Reply): Promise<void> {
  const module = await import(start.datasetModule);
  if (typeof module.createDataset !== 'function')
    throw new Error(`${start.datasetModule} does not export createDataset()`);
  const dataset = await module.createDataset(...start.datasetArguments);
  onRequest(async ({ id, indices, batched }) => {
    try {
      const items = await Promise.all(indices.map((index) => dataset.getItem(index)));
      const batch = !batched ? items[0] : start.collate ? defaultCollate(items) : items;
      const transfer: ArrayBuffer[] = [];
      const encoded = encodeForTransfer(batch, transfer);
      reply({ id, batch: encoded }, transfer);
    } catch (error) {
      reply({ id, error: error instanceof Error ? error.message : String(error) }, []);
    }
  });
}

/** Queues requests until the dataset is built; a failed start answers every request with its error. */
function connect(start: StartData, subscribe: (listener: (request: Request) => void) => void, reply: Reply): void {
  let handler: ((request: Request) => void) | undefined;
  let failure: string | undefined;
  const queue: Request[] = [];
  subscribe((request) => {
    if (failure !== undefined) reply({ id: request.id, error: failure }, []);
    else if (handler) handler(request);
    else queue.push(request);
  });
  serve(start, (ready) => {
    handler = ready;
    for (const request of queue.splice(0)) ready(request);
  }, reply).catch((error: unknown) => {
    failure = error instanceof Error ? error.message : String(error);
    for (const request of queue.splice(0)) reply({ id: request.id, error: failure }, []);
  });
}

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
if (isNode) {
  const { parentPort, workerData } = await import('node:worker_threads');
  const port = parentPort;
  if (port) connect(workerData as StartData, (listener) => port.on('message', listener), (message, transfer) => port.postMessage(message, transfer));
} else if (typeof self !== 'undefined') {
  const scope = self as unknown as { addEventListener(type: 'message', listener: (event: MessageEvent) => void): void; postMessage(message: unknown, transfer: ArrayBuffer[]): void };
  const listeners: ((request: Request) => void)[] = [];
  scope.addEventListener('message', (event) => {
    if (event.data?.start) connect(event.data.start as StartData, (listener) => listeners.push(listener), (message, transfer) => scope.postMessage(message, transfer));
    else for (const listener of listeners) listener(event.data as Request);
  });
}
