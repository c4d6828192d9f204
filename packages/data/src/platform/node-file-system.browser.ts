import type { NodeFileSystem } from './node-file-system.js';

/**
 * The browser side of `#node-file-system` (selected by the `browser` and `default` conditions).
 * Pages read files with `fetch`, which readBytes uses for every URL and for every path when there is
 * no Node `process`; this error is what remains: a path, where something defines `process` in a page.
 */
export async function nodeFileSystem(operation: string): Promise<NodeFileSystem> {
  throw new Error(
    `${operation}: file paths are read from disk only in Node (node:fs), and this is a browser build of @dl/data; ` +
      'in a browser, pass a URL (http:, https:, blob:, data:) that fetch can read',
  );
}
