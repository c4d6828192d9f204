// Bundle-size report (`pnpm size`, after `pnpm build`): what an application ships for each @dl package, bundled with
// esbuild from the built dist/ as an installed package resolves (exports map, sideEffects), minified and tree-shaken,
// raw and gzip, for
// - the whole package (`export * from '@dl/x'`), with the @dl packages it depends on;
// - the same with the other @dl packages left external: the package's own code;
// - a minimal import (one function or class, e.g. `import { tensor } from '@dl/tensor'`).
// Platform browser; a package that does not bundle for the browser (node: imports) is bundled for Node instead and
// marked so. Prints a Markdown table and writes bench/results/bundle-size.md and .json.
//   node tools/bundle-size.mjs            every package
//   node tools/bundle-size.mjs nn data    some
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// the minimal import of each package: one entry point a first program uses
const minimal = {
  tensor: 'tensor',
  gpu: 'init',
  nn: 'Linear',
  rnn: 'LSTM',
  gan: 'gradientPenalty',
  metrics: 'accuracy',
  data: 'DataLoader',
  datasets: 'loadMnist',
  onnx: 'exportOnnx',
};
const requested = process.argv.slice(2);
const names = requested.length > 0 ? requested : Object.keys(minimal);
for (const name of names)
  if (!(name in minimal)) {
    console.error(`bundle-size: unknown package ${name} (known: ${Object.keys(minimal).join(', ')})`);
    process.exit(1);
  }

// an application folder whose node_modules/@dl/* link to the workspace packages, as an install would
const app = mkdtempSync(join(tmpdir(), 'dl-bundle-size-'));
mkdirSync(join(app, 'node_modules', '@dl'), { recursive: true });
for (const name of Object.keys(minimal)) symlinkSync(join(root, 'packages', name), join(app, 'node_modules', '@dl', name), 'dir');

const missing = names.filter((name) => !existsSync(join(root, 'packages', name, 'dist')));
if (missing.length > 0) {
  console.error(`bundle-size: no dist/ in ${missing.map((name) => `packages/${name}`).join(', ')}; run pnpm build first`);
  process.exit(1);
}

async function bundle(source, platform, external) {
  const result = await build({
    stdin: { contents: source, resolveDir: app, loader: 'js', sourcefile: 'entry.js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform,
    target: 'es2022',
    minify: true,
    treeShaking: true,
    external,
    logLevel: 'silent',
    // the packages' own `new URL('./x', import.meta.url)` assets are not code; count only the JavaScript
    loader: { '.wasm': 'file', '.gz': 'file', '.png': 'file', '.json': 'json' },
    outdir: join(app, 'out'),
  });
  const code = result.outputFiles.filter((file) => file.path.endsWith('.js'));
  const bytes = code.reduce((sum, file) => sum + file.contents.length, 0);
  const gzip = code.reduce((sum, file) => sum + gzipSync(file.contents, { level: 9 }).length, 0);
  return { raw: bytes, gzip };
}

function errorText(error) {
  const texts = (error.errors ?? []).map((message) => message.text);
  return [...new Set(texts)].join('; ') || String(error.message ?? error);
}

/** Bundles for the browser, or for Node when the browser build cannot resolve something; says which. */
async function measure(source, external) {
  try {
    return { platform: 'browser', ...(await bundle(source, 'browser', external)) };
  } catch (error) {
    const reason = errorText(error);
    return { platform: 'node', reason, ...(await bundle(source, 'node', external)) };
  }
}

const kilobytes = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const rows = [];
try {
  for (const name of names) {
    const specifier = `@dl/${name}`;
    const siblings = Object.keys(minimal)
      .filter((other) => other !== name)
      .map((other) => `@dl/${other}`);
    const whole = await measure(`export * from '${specifier}';`, []);
    const own = await measure(`export * from '${specifier}';`, [...siblings, ...siblings.map((sibling) => `${sibling}/*`)]);
    const small = await measure(`export { ${minimal[name]} } from '${specifier}';`, []);
    rows.push({ package: specifier, minimalImport: `import { ${minimal[name]} } from '${specifier}'`, whole, own, minimal: small });
  }
} finally {
  rmSync(app, { recursive: true, force: true });
}

const platformOf = (row) => {
  const platforms = new Set([row.whole.platform, row.own.platform, row.minimal.platform]);
  return platforms.size === 1 ? [...platforms][0] : [...platforms].join('/');
};
const lines = [
  '| package | platform | whole package (raw / gzip) | own code, other @dl external (raw / gzip) | minimal import | minimal (raw / gzip) |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (row) =>
      `| \`${row.package}\` | ${platformOf(row) === 'browser' ? 'browser' : `**${platformOf(row)}**`} | ${kilobytes(row.whole.raw)} / ${kilobytes(row.whole.gzip)} | ` +
      `${kilobytes(row.own.raw)} / ${kilobytes(row.own.gzip)} | \`${row.minimalImport}\` | ${kilobytes(row.minimal.raw)} / ${kilobytes(row.minimal.gzip)} |`,
  ),
];
const notes = rows.flatMap((row) => {
  const kinds = ['whole', 'own', 'minimal'].filter((kind) => row[kind].platform === 'node');
  if (kinds.length === 0) return [];
  const reasons = [...new Set(kinds.flatMap((kind) => row[kind].reason.split('; ')))].join('; ');
  return [
    `- \`${row.package}\` (${kinds.join(', ')}) does not bundle for the browser yet, so it was bundled with platform=node: ${reasons}`,
  ];
});
const { version: esbuildVersion } = JSON.parse(readFileSync(join(root, 'node_modules', 'esbuild', 'package.json'), 'utf8'));
const header = `esbuild ${esbuildVersion}, ESM, minified, tree-shaken, from each package's dist/; gzip level 9; 1 kB = 1024 bytes.`;
const report = [header, '', ...lines, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
console.log(report);

if (requested.length === 0) {
  const out = join(root, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'bundle-size.md'),
    `# Bundle sizes\n\nWritten by \`pnpm size\` (tools/bundle-size.mjs).\n${header}\n\n${lines.join('\n')}\n${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}`,
  );
  writeFileSync(join(out, 'bundle-size.json'), `${JSON.stringify({ esbuild: esbuildVersion, packages: rows }, null, 2)}\n`);
  console.log('\nwrote bench/results/bundle-size.md and bench/results/bundle-size.json');
}
