/**
 * The CPU kernels' helper threads in a browser: test/browser-threads/page-entry.ts is bundled with
 * esbuild from the sources and served from 127.0.0.1 twice, with and without the headers that make
 * a page cross-origin isolated, to headless Chromium (Debian's `chromium`). Isolated, two threads
 * must give the one-thread bits with work handed to a helper Worker; not isolated, one thread and the
 * reason. Without Chromium the file skips with a visible reason, unless DL_REQUIRE_BROWSER=1 (CI).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { ThreadReport } from './browser-threads/page-entry.js';
import { listenLocally } from '../../../tools/testing/listen-locally.js';

const chromiumPath = process.env.DL_CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
if (!haveChromium && process.env.DL_REQUIRE_BROWSER === '1') throw new Error(`DL_REQUIRE_BROWSER=1 but ${chromiumPath} is missing`);
if (!haveChromium)
  console.warn(`[@dl/tensor tests] skipping the browser threads test: ${chromiumPath} is missing (apt-get install -y chromium)`);

const isolationHeaders = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

async function bundle(): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./browser-threads/page-entry.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Serves the page and its bundle, with the cross-origin isolation headers when `isolated`. */
function serve(script: string, isolated: boolean): Promise<{ server: Server; url: string }> {
  const html =
    '<!doctype html><html><head><meta charset="utf-8"></head><body><script type="module" src="/bundle.js"></script></body></html>';
  const server = createServer((request, response) => {
    const headers = { 'cache-control': 'no-store', ...(isolated ? isolationHeaders : {}) };
    if (request.url === '/bundle.js') {
      response.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' });
      response.end(script);
    } else {
      response.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      response.end(html);
    }
  });
  return listenLocally(server);
}

describe.skipIf(!haveChromium)('CPU helper threads in a browser (headless Chromium)', () => {
  let context: BrowserContext | undefined;
  let userDataDir: string | undefined;
  let script = '';
  const servers: Server[] = [];

  beforeAll(async () => {
    script = await bundle();
    userDataDir = await mkdtemp(join(tmpdir(), 'dl-chromium-threads-'));
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: ['--headless=new', '--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
      timeout: 60_000,
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  }, 60_000);

  async function report(isolated: boolean, where: 'dlThreads' | 'dlThreadsInWorker' = 'dlThreads'): Promise<ThreadReport> {
    const { server, url } = await serve(script, isolated);
    servers.push(server);
    const page = await context!.newPage();
    const log: string[] = [];
    page.on('pageerror', (error) => log.push(error.message));
    await page.goto(url);
    await page.waitForFunction(() => document.title === 'dl-threads-ready', undefined, { timeout: 30_000 });
    const result = await page
      .evaluate((name) => (globalThis as unknown as Record<string, () => Promise<ThreadReport>>)[name]!(), where)
      .catch((error: Error) => {
        throw new Error(`the page failed: ${error.message}\n${log.join('\n')}`);
      });
    await page.close();
    return result;
  }

  it('a cross-origin isolated page splits products and convolutions over a helper Worker, bit for bit', async () => {
    const result = await report(true);
    console.info(`[@dl/tensor browser threads] ${JSON.stringify(result)}`);
    expect(result).toMatchObject({ isolated: true, threads: 2, reason: null, identical: true });
    expect(result.readyAfter).not.toBeNull();
    // a product and a convolution, each with a part for the helper
    expect(result.handedOut).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('so does a dedicated Worker of that page, where the caller blocks and the helper is a nested Worker', async () => {
    const result = await report(true, 'dlThreadsInWorker');
    expect(result).toMatchObject({ isolated: true, threads: 2, reason: null, identical: true });
    expect(result.handedOut).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('a page without isolation runs on one thread and says why', async () => {
    const result = await report(false);
    expect(result).toMatchObject({ isolated: false, threads: 1, identical: true, handedOut: 0 });
    expect(result.reason).toMatch(
      /not cross-origin isolated.*Cross-Origin-Opener-Policy: same-origin.*Cross-Origin-Embedder-Policy: require-corp/,
    );
  }, 60_000);
});
