import { refuseExtraArguments, describeValue } from '@dl/tensor';
import { nodeFileSystem } from '#node-file-system';

/**
 * Reads a whole file: a path or `file:` URL from disk in Node (node:fs comes from `#node-file-system`, which
 * browser bundles resolve to a file without it), anything else with `fetch`. Errors name the file.
 */
export async function readBytes(source: string | URL, ...extra: never[]): Promise<Uint8Array> {
  if (extra.length > 0) refuseExtraArguments('readBytes', ['source'], extra);
  checkSource('readBytes', source);
  const text = String(source);
  const isRemote = /^(https?|blob|data):/.test(text) || (typeof process === 'undefined' && typeof fetch === 'function');
  if (!isRemote) {
    const { readFile } = await nodeFileSystem('readBytes');
    try {
      const buffer = await readFile(source instanceof URL ? source : text.startsWith('file:') ? new URL(text) : text);
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (error) {
      throw new Error(`${describeSource(source)}: cannot read file (${(error as Error).message})`);
    }
  }
  const response = await fetch(source);
  if (!response.ok) throw new Error(`${describeSource(source)}: cannot fetch (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Whether a file exists (Node); in browsers, a HEAD request that succeeds. */
export async function fileExists(source: string | URL): Promise<boolean> {
  const text = String(source);
  if (/^(https?|blob|data):/.test(text) || typeof process === 'undefined') {
    try {
      return (await fetch(source, { method: 'HEAD' })).ok;
    } catch {
      return false;
    }
  }
  const { access } = await nodeFileSystem('fileExists');
  try {
    await access(source instanceof URL ? source : text.startsWith('file:') ? new URL(text) : text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Throws unless `source` is a path or a URL: a file reader given an options object or a misspelt
 * property would otherwise report "[object Object]: cannot read file".
 */
export function checkSource(operation: string, source: unknown): asserts source is string | URL {
  if (typeof source !== 'string' && !(source instanceof URL))
    throw new Error(`${operation}: expects a path or URL, got ${describeValue(source)}`);
}

/** A readable name for a path or URL in messages. */
export function describeSource(source: string | URL): string {
  return source instanceof URL && source.protocol === 'file:' ? decodeURIComponent(source.pathname) : String(source);
}

/** `root` joined with `name`, for a path or a URL. */
export function joinPath(root: string | URL, name: string): string | URL {
  if (root instanceof URL) return new URL(name, root.href.endsWith('/') ? root : `${root.href}/`);
  if (/^[a-z]+:/.test(root) && !/^[a-zA-Z]:[\\/]/.test(root)) return new URL(name, root.endsWith('/') ? root : `${root}/`);
  return root.endsWith('/') || root.endsWith('\\') ? root + name : `${root}/${name}`;
}
