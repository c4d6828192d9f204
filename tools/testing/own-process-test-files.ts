import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * What makes a test file need a process of its own (vitest.config.ts): it reads the process-wide
 * live-tensor and byte counters (`memory()`, `leftBehind`, `emptyCache()`), which the garbage from
 * files run before it in a shared process would move as the collector settles it; it drives the
 * collector (`gc()`, `collectGarbage`) or reads the resident set; or it loads a second copy of the
 * modules (`vi.resetModules()`), which every later file of a shared process would then import. Any
 * other file that needs one says so with `@own-process` in a comment, and why (a GPU test counting the
 * pipelines its device compiles, which an earlier file's tests would already have compiled).
 */
const needsOwnProcess =
  /@own-process\b|\bmemory\(\)|\bliveTensors\b|\bleftBehind\b|\bemptyCache\b|\bcollectGarbage\b|\bgc\(|\bmemoryUsage\(|\bresetModules\(/;

/** Folders under `root` whose `*.test.ts` files the test projects run (as their `include` globs). */
const testRoots = [
  ['packages', 'src'],
  ['packages', 'test'],
  ['examples', 'test'],
] as const;

/**
 * The test files under `root` (paths relative to it, with `/`) that need a process of their own, read
 * when the configuration loads so that a new file counting memory is placed without being listed.
 */
export function ownProcessTestFiles(root: string): string[] {
  const files: string[] = [];
  for (const [group, folder] of testRoots) {
    for (const name of readdirSync(join(root, group))) {
      for (const file of testFiles(join(root, group, name, folder))) {
        if (needsOwnProcess.test(readFileSync(file, 'utf8'))) files.push(relative(root, file).split('\\').join('/'));
      }
    }
  }
  return files.sort();
}

function testFiles(folder: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return []; // a package without a test/ folder
  }
  return entries.flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}
