// What a user gets from `npm install @dl/<package>`: each package's tarball, installed alone in a
// new project (no workspace links, no vitest aliases) together with what npm would bring along,
// must run its smoke program as an ES module and through require(), type-check under the bundler,
// node16 and nodenext resolutions with skipLibCheck off, and pass publint and are-the-types-wrong.
// Packing and installing happen once (beforeAll); the checks then reuse the projects.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installAlone } from './packing/install-alone.js';
import { concurrencyLimit, outputOf, run, type CommandOutput } from './packing/run-command.js';
import { commonjsTypescript, smokePrograms } from './packing/smoke-programs.js';
import { resolutions, typeCheck, type Resolution } from './packing/typescript-check.js';
import { installClosure, packTarballs, publishedPackages, readManifest, type PublishedPackage } from './packing/workspace-tarballs.js';

const toolBinaries = fileURLToPath(new URL('../node_modules/.bin/', import.meta.url));

let temporary = '';
const tarballs = new Map<string, string>();
const projects = new Map<PublishedPackage, Promise<string>>();
const lints = new Map<PublishedPackage, Promise<{ publint: CommandOutput; types: CommandOutput }>>();

/** The last line a smoke program printed, parsed: `{ ok: { check: boolean } }`. */
async function runSmoke(project: string, file: string): Promise<Record<string, boolean>> {
  const { code, output } = await outputOf(process.execPath, [file], project);
  if (code !== 0) throw new Error(`${file} failed in ${project}:\n${output}`);
  const lines = output.trim().split('\n');
  return (JSON.parse(lines[lines.length - 1]!) as { ok: Record<string, boolean> }).ok;
}

const allTrue = (checks: Record<string, boolean>) => Object.fromEntries(Object.keys(checks).map((name) => [name, true]));

beforeAll(async () => {
  temporary = await mkdtemp(join(tmpdir(), 'dl-packages-'));
  const needed = [...new Set(publishedPackages.flatMap((name) => installClosure(name)))];
  for (const [name, tarball] of await packTarballs(needed, join(temporary, 'tarballs'))) tarballs.set(name, tarball);
  // installs and lint runs start now and overlap; each test awaits the one it needs
  const gate = concurrencyLimit(3);
  for (const name of publishedPackages) {
    projects.set(
      name,
      gate(() => installProject(name)),
    );
    lints.set(
      name,
      gate(() => lint(tarballs.get(`@dl/${name}`)!)),
    );
  }
  // an install failure should fail here, once, rather than as every test of the package
  await Promise.all(projects.values());
}, 180_000);

async function installProject(name: PublishedPackage): Promise<string> {
  const project = join(temporary, `install-${name}`);
  await installAlone(project, new Map(installClosure(name).map((dependency) => [dependency, tarballs.get(dependency)!])));
  const program = smokePrograms[name];
  await writeFile(join(project, 'smoke.mjs'), program.esm);
  await writeFile(join(project, 'smoke.cjs'), program.commonjs);
  await writeFile(join(project, 'check.ts'), program.typescript);
  await writeFile(join(project, 'check-require.cts'), commonjsTypescript(name));
  return project;
}

async function lint(tarball: string): Promise<{ publint: CommandOutput; types: CommandOutput }> {
  const publint = await outputOf(join(toolBinaries, 'publint'), ['run', tarball, '--strict'], temporary);
  // CommonJS users load the ES module through require() (Node >= 20.19, our `engines`), which
  // are-the-types-wrong's node16 model does not know: that one rule is ignored, nothing else.
  // --no-definitely-typed: no @types lookup on the registry, the check runs offline
  const types = await outputOf(
    join(toolBinaries, 'attw'),
    [tarball, '--ignore-rules', 'cjs-resolves-to-esm', '--no-definitely-typed', '--format', 'ascii', '--no-color'],
    temporary,
  );
  return { publint, types };
}

afterAll(async () => {
  if (temporary) await rm(temporary, { recursive: true, force: true });
});

describe.each(publishedPackages)('@dl/%s packed and installed alone', (name) => {
  it('ships only dist/, the folders its `files` names, package.json and README', async () => {
    const entries = (await run('tar', ['-tzf', tarballs.get(`@dl/${name}`)!])).stdout.split('\n').filter(Boolean);
    const folders = (readManifest(name).files ?? []).filter((entry) => entry !== 'dist');
    const allowed = new RegExp(`^package/((dist|${folders.join('|') || 'dist'})/.+|package\\.json|README\\.md|LICENSE)$`);
    expect(entries.filter((entry) => !allowed.test(entry))).toEqual([]);
    expect(entries).toEqual(
      expect.arrayContaining(['package/package.json', 'package/README.md', 'package/dist/index.js', 'package/dist/index.d.ts']),
    );
  });

  it('runs its smoke program as an ES module', async () => {
    const checks = await runSmoke(await projects.get(name)!, 'smoke.mjs');
    expect(checks).toEqual(allTrue(checks));
  }, 60_000);

  it('loads through require() as the same module import() gives', async () => {
    const checks = await runSmoke(await projects.get(name)!, 'smoke.cjs');
    expect(checks).toEqual(allTrue(checks));
  }, 60_000);

  it.each(Object.keys(resolutions) as Resolution[])(
    'type-checks with skipLibCheck off under moduleResolution %s',
    async (resolution) => {
      expect(typeCheck(await projects.get(name)!, resolution)).toBe('');
    },
    60_000,
  );

  it('type-checks a CommonJS file that require()s it under moduleResolution nodenext', async () => {
    expect(typeCheck(await projects.get(name)!, 'nodenext', 'check-require.cts')).toBe('');
  }, 60_000);

  it('passes publint (strict) and are-the-types-wrong', async () => {
    const { publint, types } = await lints.get(name)!;
    expect(publint.output).toContain('All good!');
    expect(publint.code).toBe(0);
    expect(types.output).toContain('No problems found');
    expect(types.code).toBe(0);
  }, 60_000);
});

/** A tarball's files with their unpacked sizes (`tar -tzv`: mode, owner, size, date, time, name). */
async function tarballFiles(tarball: string): Promise<{ name: string; bytes: number }[]> {
  const lines = (await run('tar', ['-tzvf', tarball])).stdout.split('\n').filter(Boolean);
  return lines.map((line) => {
    const fields = line.trim().split(/\s+/);
    return { name: fields.slice(5).join(' '), bytes: Number(fields[2]) };
  });
}

// issue #16: the bundled datasets must not cost users who only want the DataLoader or transforms
describe('install size: the bundled datasets ship in @dl/datasets, not in @dl/data', () => {
  const datasetFile = /^package\/data\/|\.gz$|idx[13]-ubyte|fortunes|spam-assassin/;
  const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

  it("@dl/data's tarball holds no dataset file, and stays small", async () => {
    const tarball = tarballs.get('@dl/data')!;
    const files = await tarballFiles(tarball);
    const unpacked = files.reduce((sum, file) => sum + file.bytes, 0);
    const packed = (await stat(tarball)).size;
    console.info(`[packed-packages] @dl/data: ${kilobytes(packed)} packed, ${kilobytes(unpacked)} unpacked, ${files.length} files`);
    expect(files.map((file) => file.name).filter((name) => datasetFile.test(name))).toEqual([]);
    // before the move: 2,098,378 bytes packed, 2,463,735 unpacked (1.9 MB of it the data files); after: about 132 KB / 496 KB
    expect(packed).toBeLessThan(400 * 1024);
  });

  it("@dl/datasets' tarball holds every bundled file", async () => {
    const tarball = tarballs.get('@dl/datasets')!;
    const files = await tarballFiles(tarball);
    const data = files.filter((file) => file.name.startsWith('package/data/'));
    const packed = (await stat(tarball)).size;
    console.info(
      `[packed-packages] @dl/datasets: ${kilobytes(packed)} packed, ${kilobytes(files.reduce((sum, file) => sum + file.bytes, 0))} unpacked (${kilobytes(data.reduce((sum, file) => sum + file.bytes, 0))} of data files)`,
    );
    expect(data.map((file) => file.name.slice('package/data/'.length)).sort()).toEqual([
      'mnist/t10k-images-idx3-ubyte.gz',
      'mnist/t10k-labels-idx1-ubyte.gz',
      'mnist/train-images-idx3-ubyte.gz',
      'mnist/train-labels-idx1-ubyte.gz',
      'text/fortunes.txt.gz',
      'text/spam-assassin.json.gz',
    ]);
  });
});

it('every package declares the metadata npm shows and the engines it runs on', async () => {
  for (const name of publishedPackages) {
    const manifest = JSON.parse(await readFile(join(fileURLToPath(new URL(`../../${name}/`, import.meta.url)), 'package.json'), 'utf8'));
    expect(manifest.engines, name).toEqual({ node: '>=20.19' });
    expect(manifest.repository.directory, name).toBe(`packages/${name}`);
    expect(manifest.homepage, name).toMatch(/^https:\/\//);
    expect(manifest.keywords.length, name).toBeGreaterThan(2);
    if (name !== 'tensor') expect(manifest.peerDependencies['@dl/tensor'], name).toBe('workspace:^0'); // any 0.x: see docs/contributing.md (changesets and peer ranges)
    const readme = await readFile(join(fileURLToPath(new URL(`../../${name}/`, import.meta.url)), 'README.md'), 'utf8');
    expect(readme, name).toContain('## Installing');
    // npm's page shows the README out of the repository: relative links there lead nowhere
    expect(readme.match(/\]\((?!https?:|#)[^)]*\)/g) ?? [], name).toEqual([]);
  }
});
