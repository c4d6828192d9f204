import type { NodeFileSystem } from './node-file-system.js';

/**
 * The browser side of `#node-file-system` (selected by the `browser` and `default` conditions):
 * a page has no file system to write paths into, so the trainer's file functions fail here, naming
 * themselves; the images and states they would write are available as values (`sample()`,
 * `history`, the models' `stateDict()`).
 */
export async function nodeFileSystem(operation: string): Promise<NodeFileSystem> {
  throw new Error(
    `${operation}: files are written by path only in Node (node:fs), and this is a browser build of @dl/gan; ` +
      "in a browser, keep the values instead (the generated images, trainer.history, the models' stateDict())",
  );
}
