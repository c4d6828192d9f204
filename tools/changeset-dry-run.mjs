// A dry run of the release (`pnpm changeset:check`, run by CI): `changeset status` and `changeset version`
// on a throwaway copy of the workspace's manifests, changelogs and .changeset/, so this tree is never modified.
// Checks what the release would do and exits 1 when it is wrong:
// - every pending changeset parses and names workspace packages;
// - a public package still at 0.0.0 is released as 0.1.0 (the first release plan), never 0.0.1 or 1.0.0
//   (a peer dependency on a bumped @dl/tensor makes changesets plan a major unless the range accepts the new version);
// - private packages (examples, @dl/bench) are never versioned;
// - `changeset version` writes each planned version and a CHANGELOG.md entry, and consumes the changesets.
// On a branch that diverges from main it also runs `changeset status --since=main` in this repository, which fails
// when a package changed without a changeset.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'node_modules', '@changesets', 'cli', 'bin.js');
const problems = [];

function git(args, cwd = root) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trimEnd();
}

function changeset(args, cwd) {
  console.log(`$ changeset ${args.join(' ')}   (in ${cwd === root ? 'the repository' : 'the throwaway copy'})`);
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, stdio: 'inherit' });
  if (result.status !== 0) problems.push(`changeset ${args.join(' ')} exited with ${result.status}`);
  return result.status === 0;
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

if (!existsSync(cli)) {
  console.error(`changeset dry run: ${cli} is missing; run pnpm install first`);
  process.exit(1);
}

// 1. changed packages without a changeset (only meaningful off main; on main itself there is nothing to compare)
const base = ['main', 'origin/main'].find((ref) => spawnSync('git', ['rev-parse', '--verify', '--quiet', ref], { cwd: root }).status === 0);
if (base === undefined) console.log('changeset dry run: no main or origin/main ref here, so changed packages are not compared with main');
else if (git(['rev-parse', base]) === git(['rev-parse', 'HEAD'])) console.log(`changeset dry run: HEAD is ${base}, nothing to compare`);
else changeset(['status', `--since=${base}`], root);

// 2. a throwaway copy: manifests, changelogs and .changeset/ (tracked and untracked, not ignored), as a one-commit git repo on main
const copy = mkdtempSync(join(tmpdir(), 'dl-changeset-'));
try {
  const files = git([
    'ls-files',
    '-co',
    '--exclude-standard',
    '--',
    'package.json',
    'pnpm-workspace.yaml',
    '.changeset',
    ':(glob)**/package.json',
    ':(glob)**/CHANGELOG.md',
  ])
    .split('\n')
    .filter((file) => file !== '' && existsSync(join(root, file)));
  for (const file of files) cpSync(join(root, file), join(copy, file), { recursive: true });
  // the changelog generator (@changesets/cli/changelog) resolves from the copy's .changeset/
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  writeFileSync(join(copy, '.gitignore'), 'node_modules\n');
  const quiet = ['-c', 'user.name=dry run', '-c', 'user.email=dry-run@localhost', '-c', 'commit.gpgsign=false'];
  git(['init', '-q', '-b', 'main'], copy);
  git(['add', '-A'], copy);
  git([...quiet, 'commit', '-q', '-m', 'dry run'], copy);

  const packages = files
    .filter((file) => file.endsWith('package.json') && file !== 'package.json')
    .map((file) => ({ file, json: readJson(join(copy, file)) }));
  const byName = new Map(packages.map((pkg) => [pkg.json.name, pkg]));
  const pending = readdirSync(join(copy, '.changeset')).filter((file) => file.endsWith('.md') && file !== 'README.md');

  changeset(['status', '--verbose'], copy);
  changeset(['status', '--output=plan.json'], copy);
  const plan = existsSync(join(copy, 'plan.json')) ? readJson(join(copy, 'plan.json')) : { releases: [], changesets: [] };
  rmSync(join(copy, 'plan.json'), { force: true });
  const releases = plan.releases.filter((release) => release.type !== 'none');
  for (const release of releases) {
    const pkg = byName.get(release.name);
    if (pkg === undefined) problems.push(`the plan releases ${release.name}, which is not a workspace package`);
    else if (pkg.json.private) problems.push(`the plan versions the private package ${release.name}`);
    if (release.oldVersion === '0.0.0' && release.newVersion !== '0.1.0')
      problems.push(
        `${release.name} would be released as ${release.newVersion}, not 0.1.0 (type ${release.type}: a peer dependency range the new version leaves forces a major; a range such as workspace:^0 does not)`,
      );
  }
  for (const pkg of packages)
    if (!pkg.json.private && pkg.json.version === '0.0.0' && !releases.some((release) => release.name === pkg.json.name))
      problems.push(`${pkg.json.name} is public and at 0.0.0 but the plan does not release it`);

  if (changeset(['version'], copy)) {
    for (const release of releases) {
      const pkg = byName.get(release.name);
      if (pkg === undefined) continue;
      const after = readJson(join(copy, pkg.file));
      if (after.version !== release.newVersion)
        problems.push(`changeset version wrote ${release.name}@${after.version}, the plan said ${release.newVersion}`);
      const changelog = join(copy, dirname(pkg.file), 'CHANGELOG.md');
      if (!existsSync(changelog) || !readFileSync(changelog, 'utf8').includes(`## ${release.newVersion}`))
        problems.push(`changeset version wrote no "## ${release.newVersion}" entry in ${join(dirname(pkg.file), 'CHANGELOG.md')}`);
    }
    for (const pkg of packages)
      if (pkg.json.private && readJson(join(copy, pkg.file)).version !== pkg.json.version)
        problems.push(`changeset version changed the version of the private ${pkg.json.name}`);
    const left = readdirSync(join(copy, '.changeset')).filter((file) => pending.includes(file));
    if (left.length > 0) problems.push(`changeset version left ${left.length} changesets unconsumed: ${left.join(', ')}`);
    console.log(`\nchangeset version (dry run) would change:\n${git(['status', '--short'], copy)}`);
  }
  console.log(
    `\nrelease plan: ${pending.length} changesets; ${releases.map((release) => `${release.name} ${release.oldVersion} -> ${release.newVersion}`).join(', ') || 'nothing to release'}`,
  );
} finally {
  rmSync(copy, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`changeset dry run: FAIL\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('changeset dry run: OK (this tree is unchanged)');
