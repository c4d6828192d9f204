/// <reference types="node" />
/**
 * Node's file system, for the functions that read and write files by path (saveSafetensors,
 * loadCheckpoint, ...). Reached through the `#node-file-system` import of package.json: Node's `node`
 * condition selects this file, browser bundlers select node-file-system.browser.ts, so no bundle
 * ever sees a `node:` import. The modules load on the first call, as before.
 */
export interface NodeFileSystem {
  fs: typeof import('node:fs/promises');
  path: typeof import('node:path');
}

/** `operation` names the caller in the browser variant's error; Node always has a file system. */
export async function nodeFileSystem(operation: string): Promise<NodeFileSystem> {
  void operation;
  const [fs, path] = await Promise.all([import('node:fs/promises'), import('node:path')]);
  return { fs, path };
}
