/// <reference types="node" />
import type { FileHandle } from 'node:fs/promises';

/** Writes the bytes into an open file; replaceable in tests to simulate a crash mid-write. */
export type FileWriter = (handle: FileHandle, bytes: Uint8Array) => Promise<void>;

const defaultWriter: FileWriter = async (handle, bytes) => {
  await handle.writeFile(bytes);
};

/**
 * Replaces `path` with `bytes` atomically (Node only): writes a temporary file in the same
 * directory, fsyncs it, renames it over `path` and fsyncs the directory. A crash or error at any
 * point leaves either the old file or the new one, never a torn mix; on error the temporary file
 * is removed.
 * @example
 * await writeFileAtomic('model.safetensors', bytes);
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array, options: { writer?: FileWriter } = {}): Promise<void> {
  const { open, rename, rm } = await import('node:fs/promises');
  const { basename, dirname, join } = await import('node:path');
  const directory = dirname(path);
  const temporary = join(directory, `.${basename(path)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  const handle = await open(temporary, 'wx');
  try {
    await (options.writer ?? defaultWriter)(handle, bytes);
    await handle.sync();
    await handle.close();
    await rename(temporary, path);
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(temporary, { force: true });
    throw error;
  }
  // make the rename itself durable; some platforms (Windows) cannot open a directory
  try {
    const directoryHandle = await open(directory, 'r');
    await directoryHandle.sync().finally(() => directoryHandle.close());
  } catch {
    // best effort
  }
}
