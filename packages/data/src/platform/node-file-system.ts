/// <reference types="node" />
/**
 * Node's file system, for reading files by path (readBytes, the dataset loaders' `root`). Reached
 * through the `#node-file-system` import of package.json: Node's `node` condition selects this file,
 * browser bundlers select node-file-system.browser.ts, so no bundle ever sees a `node:` import.
 * The module loads on the first call, as before.
 */
export type NodeFileSystem = typeof import('node:fs/promises');

/** `operation` names the caller in the browser variant's error; Node always has a file system. */
export async function nodeFileSystem(operation: string): Promise<NodeFileSystem> {
  void operation;
  return import('node:fs/promises');
}
