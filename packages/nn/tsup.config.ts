import { defineConfig } from 'tsup';

export default defineConfig({
  // the two sides of `#node-file-system` are files of their own: package.json's `imports` picks one
  // per environment (node / browser), so the import must stay in the output, unresolved
  entry: {
    index: 'src/index.ts',
    'platform/node-file-system': 'src/platform/node-file-system.ts',
    'platform/node-file-system.browser': 'src/platform/node-file-system.browser.ts',
  },
  external: ['#node-file-system'],
  format: ['esm'],
  // no shared chunks: the platform files import nothing, and a chunk import there is a bare import
  // that bundlers warn about under `sideEffects: false`
  splitting: false,
  // declarations for the platform files too: TypeScript programs that read this package's sources
  // without its tsconfig (TypeDoc's) resolve `#node-file-system` to the built file and need its types
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
