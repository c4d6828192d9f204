import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // tests run against the sources of every workspace package (the pack test covers the built output)
    alias: [
      { find: /^@dl\/tensor\/testing$/, replacement: source('./packages/tensor/src/testing/index.ts') },
      { find: /^@dl\/([a-z]+)$/, replacement: source('./packages/$1/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    pool: 'forks',
    poolOptions: { forks: { execArgv: ['--expose-gc'] } },
    testTimeout: 60_000,
  },
});
