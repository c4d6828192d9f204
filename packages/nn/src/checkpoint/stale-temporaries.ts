/// <reference types="node" />
import { nodeFileSystem } from '#node-file-system';

/**
 * Temporary files of atomic saves: `.<target name>.<pid>.<random>.tmp` beside the target. A save
 * killed mid-write (SIGKILL, power loss) cannot remove its own; the next save of the same target
 * does, taking only names of this exact pattern whose process is gone.
 */

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The name of a new temporary file for `path` (in the same directory). */
export function temporaryName(path: string): string {
  const name = path.split(/[\\/]/).pop()!;
  return `.${name}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`;
}

/** True when process `pid` exists (signal 0 tests without signalling; EPERM means it exists). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/**
 * Removes the temporary files of `path` left by dead processes, and by this process outside
 * `inFlight`. Returns the names removed. Failures to list or remove are ignored: the sweep is
 * housekeeping and must never fail a save.
 * @example
 * await removeStaleTemporaries('run/last.safetensors', new Set());
 */
export async function removeStaleTemporaries(path: string, inFlight: ReadonlySet<string>): Promise<string[]> {
  const {
    fs: { readdir, rm },
    path: { basename, dirname, join },
  } = await nodeFileSystem('removeStaleTemporaries');
  const directory = dirname(path);
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(path))}\\.([0-9]+)\\.[0-9a-z]+\\.tmp$`);
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = pattern.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    const full = join(directory, name);
    const stale = pid === process.pid ? !inFlight.has(full) : !processAlive(pid);
    if (!stale) continue;
    await rm(full, { force: true }).then(
      () => removed.push(name),
      () => {},
    );
  }
  return removed;
}
