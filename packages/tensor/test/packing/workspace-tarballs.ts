import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mapLimited, pnpmCommand, run } from './run-command.js';

export const workspaceRoot = fileURLToPath(new URL('../../../..', import.meta.url));

/** Every published package, by directory name under packages/. */
export const publishedPackages = ['tensor', 'gpu', 'nn', 'rnn', 'gan', 'metrics', 'data', 'datasets', 'onnx'] as const;
export type PublishedPackage = (typeof publishedPackages)[number];

export interface PackageManifest {
  name: string;
  version: string;
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

export function packageDirectory(name: PublishedPackage): string {
  return join(workspaceRoot, 'packages', name);
}

export function readManifest(name: PublishedPackage): PackageManifest {
  return JSON.parse(readFileSync(join(packageDirectory(name), 'package.json'), 'utf8')) as PackageManifest;
}

/** `@dl/nn` -> `nn`, or null for a package from outside the workspace. */
export function workspaceName(dependency: string): PublishedPackage | null {
  const short = dependency.startsWith('@dl/') ? dependency.slice(4) : '';
  return (publishedPackages as readonly string[]).includes(short) ? (short as PublishedPackage) : null;
}

/**
 * What `npm install <package>` brings along: its dependencies and required peers, recursively. The
 * names are npm names; workspace packages among them are packed from the workspace, the others from
 * the workspace's installed copy (so the install needs no registry).
 */
export function installClosure(name: PublishedPackage): string[] {
  const found = new Set<string>([`@dl/${name}`]);
  const visit = (current: PublishedPackage) => {
    const manifest = readManifest(current);
    const optional = manifest.peerDependenciesMeta ?? {};
    const required = [
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}).filter((peer) => !optional[peer]?.optional),
    ];
    for (const dependency of required) {
      if (found.has(dependency)) continue;
      found.add(dependency);
      const inWorkspace = workspaceName(dependency);
      if (inWorkspace) visit(inWorkspace);
      else visitOutside(dependency, installedCopy(dependency));
    }
  };
  // an outside package's own dependencies, found beside its installed copy
  const visitOutside = (dependency: string, folder: string) => {
    installedFolders.set(dependency, folder);
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as PackageManifest;
    for (const inner of Object.keys(manifest.dependencies ?? {})) {
      if (found.has(inner)) continue;
      found.add(inner);
      visitOutside(inner, dependencyOf(folder, inner));
    }
  };
  visit(name);
  return [...found];
}

/** Where installClosure found each outside package. */
const installedFolders = new Map<string, string>();

/** `dependency` as Node would resolve it from the package in `folder`: the nearest node_modules above. */
function dependencyOf(folder: string, dependency: string): string {
  for (let directory = folder; ; directory = dirname(directory)) {
    // as Node does: a folder named node_modules is searched itself, not given a node_modules of its own
    const candidate = basename(directory) === 'node_modules' ? join(directory, dependency) : join(directory, 'node_modules', dependency);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(directory) === directory)
      throw new Error(`${dependency} (needed by ${folder}) is not installed: run \`npx --yes pnpm@10 install\``);
  }
}

/** The built output must be there: packing an unbuilt package would test nothing. */
export function checkBuilt(name: PublishedPackage): void {
  if (!existsSync(join(packageDirectory(name), 'dist', 'index.js')) || !existsSync(join(packageDirectory(name), 'dist', 'index.d.ts')))
    throw new Error(
      `packages/${name}/dist is missing: build first (\`npx --yes pnpm@10 build\`; the root \`pnpm test\` builds before testing)`,
    );
}

/** The folder of an outside dependency as the workspace installed it for the packages that use it. */
function installedCopy(dependency: string): string {
  for (const name of publishedPackages) {
    const candidate = join(packageDirectory(name), 'node_modules', dependency);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
  }
  throw new Error(`${dependency} is not installed in the workspace: run \`npx --yes pnpm@10 install\``);
}

async function singleTarball(directory: string): Promise<string> {
  const tarballs = (await readdir(directory)).filter((entry) => entry.endsWith('.tgz'));
  if (tarballs.length !== 1) throw new Error(`expected one tarball in ${directory}, found ${tarballs.join(', ') || 'none'}`);
  return join(directory, tarballs[0]!);
}

/**
 * Packs each workspace package with pnpm (which turns `workspace:^` into a version range, as a
 * publish does) and each outside dependency from its installed copy with npm, one folder each.
 * Returns npm name -> tarball path.
 */
export async function packTarballs(names: readonly string[], destination: string): Promise<Map<string, string>> {
  const { file, prefix } = pnpmCommand();
  const packed = await mapLimited(names, 3, async (dependency) => {
    const folder = join(destination, dependency.replace('/', '__'));
    await run('mkdir', ['-p', folder]);
    const inWorkspace = workspaceName(dependency);
    if (inWorkspace) {
      checkBuilt(inWorkspace);
      await run(file, [...prefix, 'pack', '--pack-destination', folder], { cwd: packageDirectory(inWorkspace) }).catch(
        (error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
          throw new Error('pnpm was not found: run the tests through pnpm (`npx --yes pnpm@10 test`), which tells this test where it is');
        },
      );
    } else {
      // an outside package (e.g. @webgpu/types): the workspace's installed copy, as the registry would serve it
      // (a tar of the folder, as npm's tarballs are laid out: `npm pack` refuses some installed copies,
      // e.g. long's, whose `files` name a nested package.json)
      const installed = installedFolders.get(dependency) ?? installedCopy(dependency);
      await run('tar', [
        '-czf',
        join(folder, 'package.tgz'),
        '--exclude=./node_modules',
        '--transform',
        's,^\\.,package,',
        '-C',
        installed,
        '.',
      ]);
    }
    return [dependency, await singleTarball(folder)] as const;
  });
  return new Map(packed);
}
