import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, readFile, realpath, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const packagesRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** pnpm as the running script was started (`npx --yes pnpm@10 test` puts no `pnpm` on a bare PATH), else PATH's. */
function pnpmCommand(): { file: string; prefix: string[] } {
  const execPath = process.env.npm_execpath;
  if (execPath && basename(execPath).startsWith('pnpm')) {
    return execPath.endsWith('js') ? { file: process.execPath, prefix: [execPath] } : { file: execPath, prefix: [] };
  }
  return { file: 'pnpm', prefix: [] };
}

async function onlyTarball(directory: string): Promise<string> {
  const tarballs = (await readdir(directory)).filter((entry) => entry.endsWith('.tgz'));
  if (tarballs.length !== 1) throw new Error(`expected one tarball in ${directory}, found ${tarballs.join(', ') || 'none'}`);
  return join(directory, tarballs[0]!);
}

async function editManifest(directory: string, edit: (manifest: Record<string, any>) => void): Promise<void> {
  const path = join(directory, 'package.json');
  const manifest = JSON.parse(await readFile(path, 'utf8'));
  edit(manifest);
  await writeFile(path, JSON.stringify(manifest, null, 2));
}

/** @dl/tensor's built package under another version number, packed by npm as a publish would. */
async function tensorAtVersion(workspace: string, version: string): Promise<string> {
  const copy = join(workspace, `tensor-${version}`);
  for (const entry of ['package.json', 'README.md', 'dist'])
    await cp(join(packagesRoot, 'tensor', entry), join(copy, entry), { recursive: true });
  await editManifest(copy, (manifest) => (manifest.version = version));
  await run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', copy], { cwd: copy });
  return onlyTarball(copy);
}

/**
 * The layout npm builds when @dl/gpu asks for a version of @dl/tensor that the app's does not
 * satisfy (what every package's exact pin to its own version did before @dl/tensor became a peer
 * dependency; a `--legacy-peer-deps` install or a bundle can still produce two copies):
 *
 *     node_modules/@dl/tensor                       0.1.0  (the app's)
 *     node_modules/@dl/gpu/node_modules/@dl/tensor  0.2.0  (@dl/gpu's own)
 *
 * Everything comes from workspace tarballs, and Dawn (`webgpu`) from the workspace's installed copy
 * (linked: a native module), so the install runs offline. Returns the project folder.
 */
export async function installTwoTensorCopies(workspace: string): Promise<string> {
  const appTensor = await tensorAtVersion(workspace, '0.1.0');
  const gpuTensor = await tensorAtVersion(workspace, '0.2.0');

  const gpuPack = join(workspace, 'gpu-pack');
  await mkdir(gpuPack, { recursive: true });
  const { file, prefix } = pnpmCommand();
  await run(file, [...prefix, 'pack', '--pack-destination', gpuPack], { cwd: join(packagesRoot, 'gpu') });
  await run('tar', ['-xzf', await onlyTarball(gpuPack), '-C', gpuPack]);
  const gpuCopy = join(gpuPack, 'package');
  await editManifest(gpuCopy, (manifest) => {
    delete manifest.peerDependencies?.['@dl/tensor'];
    // its own copy, at a version the app's does not match; types are not needed to run
    manifest.dependencies = { '@dl/tensor': `file:${gpuTensor}` };
  });
  await run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', workspace], { cwd: gpuCopy });

  const project = join(workspace, 'app');
  await mkdir(project, { recursive: true });
  const dawn = await realpath(join(packagesRoot, 'gpu', 'node_modules', 'webgpu'));
  const dependencies = { '@dl/tensor': `file:${appTensor}`, '@dl/gpu': `file:${await onlyTarball(workspace)}`, webgpu: `file:${dawn}` };
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'two-copies', private: true, type: 'module', dependencies }, null, 2),
  );
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: project });
  return project;
}

/** The version of the @dl/tensor installed at `folder` (a package folder). */
export async function versionAt(folder: string): Promise<string> {
  return JSON.parse(await readFile(join(folder, 'package.json'), 'utf8')).version;
}
