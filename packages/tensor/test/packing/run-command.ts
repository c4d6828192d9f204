import { execFile } from 'node:child_process';
import { basename } from 'node:path';
import { promisify } from 'node:util';

export const run = promisify(execFile);

/** pnpm as the running script was started (`npx --yes pnpm@10 test` puts no `pnpm` on a bare PATH), else PATH's. */
export function pnpmCommand(): { file: string; prefix: string[] } {
  const execPath = process.env.npm_execpath;
  if (execPath && basename(execPath).startsWith('pnpm')) {
    return execPath.endsWith('js') ? { file: process.execPath, prefix: [execPath] } : { file: execPath, prefix: [] };
  }
  return { file: 'pnpm', prefix: [] };
}

/**
 * A gate that lets at most `limit` tasks run at once: the checks wait mostly on child processes
 * (npm, tools), so a few at a time overlap them, while the suite still shares two cores.
 */
export function concurrencyLimit(limit: number): <R>(task: () => Promise<R>) => Promise<R> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** Runs `body` over `items` with at most `limit` at a time. */
export function mapLimited<T, R>(items: readonly T[], limit: number, body: (item: T) => Promise<R>): Promise<R[]> {
  const gate = concurrencyLimit(limit);
  return Promise.all(items.map((item) => gate(() => body(item))));
}

export interface CommandOutput {
  code: number;
  /** stdout and stderr together, for assertions that show them. */
  output: string;
}

/** The exit code and output of a command that may fail. */
export async function outputOf(file: string, args: string[], cwd: string): Promise<CommandOutput> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string; message: string };
    return {
      code: typeof failure.code === 'number' ? failure.code : 1,
      output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` || failure.message,
    };
  }
}
