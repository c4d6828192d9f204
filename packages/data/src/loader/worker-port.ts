/** The part of a worker the pool uses, the same for Node's worker_threads and web workers. */
export interface WorkerPort {
  postMessage(message: unknown): void;
  onMessage(listener: (message: any) => void): void;
  terminate(): Promise<void>;
}

/** The id of the message a platform's WorkerPort delivers when the worker itself fails (not one batch). */
export const workerFailedId = -1;

/** What starts one DataLoader worker; each platform's `spawnWorker` (`#spawn-worker`) reads the fields it supports. */
export interface SpawnWorkerOptions {
  /** The worker script, when it is not the built `loader/worker-entry.js` beside this package (setWorkerBase). */
  entry?: URL;
  /** Browsers: makes the Web Worker (a bundler-built worker module that calls serveDataLoaderWorker). */
  createWorker?: () => Worker;
}
