// tfjs-core registers no gradients by itself (the @tensorflow/tfjs union package imports
// `register_all_gradients`), and its ESM files use extensionless imports that Node cannot load.
// This bundles that one side-effect module with esbuild (tsx's dependency) into a temporary CommonJS
// file and loads it; the gradients land in tfjs's global registry.
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const esbuild = createRequire(require.resolve('tsx'))('esbuild');
const outfile = join(mkdtempSync(join(tmpdir(), 'tfjs-gradients-')), 'register-all-gradients.cjs');
esbuild.buildSync({
  entryPoints: [require.resolve('@tensorflow/tfjs-core/dist/register_all_gradients.js')],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  outfile,
  logLevel: 'error',
});
require(outfile);
