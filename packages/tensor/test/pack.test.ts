// What a user gets from `npm install @dl/tensor`: the packed tarball, installed outside the workspace
// (no workspace links, no vitest aliases), must train, expose both entry points and ship its types.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const workspaceRoot = fileURLToPath(new URL('../../..', import.meta.url));
const typescriptCompiler = join(workspaceRoot, 'node_modules', 'typescript', 'bin', 'tsc');

/** pnpm as the running script was started (`npx --yes pnpm@10 test` puts no `pnpm` on a bare PATH), else PATH's. */
function pnpmCommand(): { file: string; prefix: string[] } {
  const execPath = process.env.npm_execpath;
  if (execPath && basename(execPath).startsWith('pnpm')) {
    return execPath.endsWith('js') ? { file: process.execPath, prefix: [execPath] } : { file: execPath, prefix: [] };
  }
  return { file: 'pnpm', prefix: [] };
}

const trainingScript = `
import { isTensor, manualSeed, noGrad, randn, tensor } from '@dl/tensor';
import { allclose, gradcheck } from '@dl/tensor/testing';

manualSeed(0);
// least squares for y = x [2, -3]: plain gradient descent on the mean squared error
const inputs = randn([64, 2]);
const targets = inputs.matmul(tensor([[2], [-3]]));
const weight = randn([2, 1], { requiresGrad: true });
const losses = [];
for (let step = 0; step < 100; step += 1) {
  const loss = inputs.matmul(weight).sub(targets).square().mean();
  losses.push(loss.itemSync());
  loss.backward();
  noGrad(() => weight.sub_(weight.grad.mul(0.1)));
  weight.grad = null;
}
const cube = (x) => x.mul(x).mul(x).sum();
console.log(JSON.stringify({
  first: losses[0],
  last: losses[losses.length - 1],
  weightIsTensor: isTensor(weight),
  plainObjectIsTensor: isTensor({ shape: [2, 1] }),
  weightClose: await allclose(weight.detach(), [[2], [-3]], { atol: 1e-2 }),
  gradcheck: gradcheck(cube, [tensor([0.5, -1, 2], { dtype: 'float64', requiresGrad: true })]),
}));
`;

const typedScript = `
import { tensor, type Tensor } from '@dl/tensor';
import { gradcheck } from '@dl/tensor/testing';
const x: Tensor = tensor([1, 2, 3], { requiresGrad: true });
const checked: true = gradcheck((input: Tensor) => input.square().sum(), [x.double()]);
// @ts-expect-error a Tensor is not a number: proves the types are real, not \`any\`
const wrong: number = x;
export { checked, wrong };
`;

describe('@dl/tensor packed and installed outside the workspace', () => {
  let temporary = '';
  let project = '';
  let tarballEntries: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(packageDirectory, 'dist', 'index.js')) || !existsSync(join(packageDirectory, 'dist', 'index.d.ts'))) {
      throw new Error(
        `packages/tensor/dist is missing: build it first (\`pnpm --filter @dl/tensor build\`; the root \`pnpm test\` builds before testing)`,
      );
    }
    temporary = await mkdtemp(join(tmpdir(), 'dl-tensor-pack-'));
    const { file, prefix } = pnpmCommand();
    await run(file, [...prefix, 'pack', '--pack-destination', temporary], { cwd: packageDirectory }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      throw new Error('pnpm was not found: run the tests through pnpm (`npx --yes pnpm@10 test`), which tells this test where it is');
    });
    const tarballs = (await readdir(temporary)).filter((name) => name.endsWith('.tgz'));
    expect(tarballs).toHaveLength(1);
    const tarball = join(temporary, tarballs[0]!);
    tarballEntries = (await run('tar', ['-tzf', tarball])).stdout.split('\n').filter(Boolean);

    project = join(temporary, 'project');
    await run('mkdir', ['-p', project]);
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'pack-check', private: true, type: 'module' }));
    // the tarball has no dependencies, so the install needs no registry
    await run('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: project });
  }, 120_000);

  afterAll(async () => {
    if (temporary) await rm(temporary, { recursive: true, force: true });
  });

  it('ships only dist/, package.json, README and LICENSE', () => {
    const unexpected = tarballEntries.filter(
      (entry) => !/^package\/(dist\/.+|package\.json|README(\.md)?|LICENSE(\.md|\.txt)?)$/i.test(entry),
    );
    expect(unexpected).toEqual([]);
    expect(tarballEntries).toContain('package/package.json');
    expect(tarballEntries).toContain('package/dist/index.js');
    expect(tarballEntries).toContain('package/dist/index.d.ts');
    expect(tarballEntries).toContain('package/dist/testing/index.d.ts');
  });

  it('trains, brands tensors and runs gradcheck from both entry points', async () => {
    await writeFile(join(project, 'train.mjs'), trainingScript);
    const { stdout } = await run(process.execPath, ['train.mjs'], { cwd: project });
    const report = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(report.last).toBeLessThan(report.first * 0.01);
    expect(report.weightIsTensor).toBe(true);
    expect(report.plainObjectIsTensor).toBe(false);
    expect(report.weightClose).toBe(true);
    expect(report.gradcheck).toBe(true);
  }, 60_000);

  it('resolves its TypeScript types through the exports map', async () => {
    expect(existsSync(join(project, 'node_modules', '@dl', 'tensor', 'dist', 'index.d.ts'))).toBe(true);
    await writeFile(join(project, 'check.ts'), typedScript);
    const options = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022'];
    // the d.ts files name DOM and disposable types, which a consumer gets from its own lib setting
    const libraries = ['--lib', 'es2022,esnext.disposable,dom'];
    const result = await run(process.execPath, [typescriptCompiler, ...options, ...libraries, 'check.ts'], { cwd: project }).catch(
      (error: { stdout?: string; message: string }) => ({ stdout: error.stdout || error.message }),
    );
    expect(result.stdout).toBe('');
  }, 60_000);
});
