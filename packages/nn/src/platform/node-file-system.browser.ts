import type { NodeFileSystem } from './node-file-system.js';

/** What a page can do instead, per function that needs a file path. */
const browserAlternatives: Record<string, string> = {
  saveSafetensors: 'serializeSafetensors(stateDict, metadata) gives the bytes to download or store (IndexedDB, OPFS)',
  loadSafetensors: 'parseSafetensors(bytes) reads bytes you fetched: new Uint8Array(await (await fetch(url)).arrayBuffer())',
  saveCheckpoint: 'serializeCheckpoint(checkpoint) gives the bytes to download or store (IndexedDB, OPFS)',
  loadCheckpoint: 'parseCheckpoint(bytes) reads bytes you fetched',
  writeFileAtomic: 'keep the bytes and store them with a browser API (a download, IndexedDB, OPFS)',
};

/**
 * The browser side of `#node-file-system` (selected by the `browser` and `default` conditions):
 * a page has no file system to write paths into, so every function that takes a path fails here,
 * naming itself and the byte-level function that works in a browser.
 */
export async function nodeFileSystem(operation: string): Promise<NodeFileSystem> {
  const alternative = browserAlternatives[operation];
  throw new Error(
    `${operation}: files are read and written by path only in Node (node:fs), and this is a browser build of @dl/nn` +
      (alternative ? `; in a browser, ${alternative}` : ''),
  );
}
