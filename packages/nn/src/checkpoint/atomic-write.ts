/// <reference types="node" />
import type { FileHandle } from 'node:fs/promises';
import { checkOptions, describeValue } from '@dl/tensor';
import type { OpenFile } from './open-file.js';
import { nodeFileSystem } from '#node-file-system';
import { removeStaleTemporaries, temporaryName } from './stale-temporaries.js';

/** Writes the bytes into an open file; replaceable in tests to simulate a crash mid-write. */
export type FileWriter = (handle: OpenFile, bytes: Uint8Array) => Promise<void>;

const defaultWriter: FileWriter = async (handle, bytes) => {
  await handle.writeFile(bytes);
};

/** Temporary files of saves running in this process (a stale-file sweep must not take them). */
export const savesInFlight = new Set<string>();

/** An error naming the operation and the path, keeping the system's `code` (ENOSPC, EACCES...) to branch on. */
function pathError(operation: string, path: string, error: unknown): Error {
  const wrapped = new Error(`${operation}: ${path}: ${(error as Error).message}`, { cause: error }) as Error & { code?: string };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') wrapped.code = code;
  return wrapped;
}

/**
 * Replaces `path` with `bytes` atomically (Node only): writes a temporary file in the same
 * directory, fsyncs it, renames it over `path` and fsyncs the directory. A crash or error at any
 * point leaves either the old file or the new one, never a torn mix; on error the temporary file
 * is removed, and the error names `path`. Temporary files of the same target left by earlier saves
 * that were killed (their process is gone) are removed first.
 * @example
 * await writeFileAtomic('model.safetensors', bytes);
 */
/** Throws unless `path` is a file path (a string): the one argument every save writes to. */
function checkPath(operation: string, path: unknown): void {
  if (typeof path !== 'string' || path === '')
    throw new Error(`${operation}: path must be a file path (a non-empty string), got ${describeValue(path)}`);
}

export async function writeFileAtomic(path: string, bytes: Uint8Array, options: { writer?: FileWriter } = {}): Promise<void> {
  checkPath('writeFileAtomic', path);
  if (!(bytes instanceof Uint8Array)) throw new Error(`writeFileAtomic: bytes must be a Uint8Array, got ${describeValue(bytes)}`);
  checkOptions('writeFileAtomic', options, ['writer']);
  const {
    fs: { open, rename, rm },
    path: { dirname, join },
  } = await nodeFileSystem('writeFileAtomic');
  const directory = dirname(path);
  await removeStaleTemporaries(path, savesInFlight);
  const temporary = join(directory, temporaryName(path));
  savesInFlight.add(temporary);
  try {
    let handle: FileHandle;
    try {
      handle = await open(temporary, 'wx');
    } catch (error) {
      throw pathError('writeFileAtomic', path, error);
    }
    try {
      await (options.writer ?? defaultWriter)(handle, bytes);
      await handle.sync();
      await handle.close();
      await rename(temporary, path);
    } catch (error) {
      await handle.close().catch(() => {});
      await rm(temporary, { force: true });
      throw pathError('writeFileAtomic', path, error);
    }
  } finally {
    savesInFlight.delete(temporary);
  }
  // make the rename itself durable; some platforms (Windows) cannot open a directory
  try {
    const directoryHandle = await open(directory, 'r');
    await directoryHandle.sync().finally(() => directoryHandle.close());
  } catch {
    // best effort
  }
}

/**
 * Encodes with `encode`, then writes atomically; an encoding error also names the operation and path.
 * @example
 * await saveAtomically('saveSafetensors', path, () => serializeSafetensors(stateDict), options);
 */
export async function saveAtomically(
  operation: string,
  path: string,
  encode: () => Promise<Uint8Array>,
  options: { writer?: FileWriter },
): Promise<void> {
  checkPath(operation, path);
  checkOptions(operation, options, ['writer']);
  // fail before encoding where there is no file system (a browser), naming the caller
  await nodeFileSystem(operation);
  let bytes: Uint8Array;
  try {
    bytes = await encode();
  } catch (error) {
    throw pathError(operation, path, error);
  }
  await writeFileAtomic(path, bytes, options);
}
