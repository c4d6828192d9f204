import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './run-command.js';

/**
 * A new project (ESM, no workspace, no vitest aliases) that installs `dependencies` (npm name ->
 * tarball) with npm, as a user's `npm install` would, offline: every tarball, including those of
 * the dependencies npm would fetch, is on disk.
 */
export async function installAlone(project: string, dependencies: ReadonlyMap<string, string>): Promise<void> {
  await mkdir(project, { recursive: true });
  const specifiers = Object.fromEntries([...dependencies].map(([name, tarball]) => [name, `file:${tarball}`]));
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'install-check', private: true, type: 'module', dependencies: specifiers }, null, 2),
  );
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: project });
}
