/**
 * Every @dl package bundled for the browser as an app would bundle it: pages/ built by Vite, esbuild
 * and Rollup with their default settings (bundle-pages.mjs), from the packages' built dist/ through
 * their package.json exports and imports. Each bundle must build without a warning (no "externalized
 * for browser compatibility", no unresolved `node:` module), and each page runs in headless Chromium
 * (Debian's `chromium`, WebGPU on SwiftShader): training on cpu and on webgpu, the MNIST subset and
 * corpora bundled with @dl/datasets, DataLoader workers. The bundles are built once, in beforeAll. Without Chromium the file
 * skips with a visible reason, unless DL_REQUIRE_BROWSER=1 (CI), where that fails.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
// @ts-expect-error a plain JavaScript module
import { bundlePages, pageNames } from '../bundle-pages.mjs';
import { listenLocally } from '../../../tools/testing/listen-locally.js';

const chromiumPath = process.env.DL_CHROMIUM_PATH ?? '/usr/bin/chromium';
const required = process.env.DL_REQUIRE_BROWSER === '1';
const haveChromium = existsSync(chromiumPath);
const bundlers = ['vite', 'esbuild', 'rollup'] as const;
type Bundler = (typeof bundlers)[number];

const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--disable-gpu-sandbox',
  // the network is closed: anything Chromium tries to reach on its own gets refused (and slows it down)
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  // served as bytes, never with Content-Encoding: @dl/data's readers gunzip them themselves
  '.gz': 'application/octet-stream',
  '.safetensors': 'application/octet-stream',
};

/**
 * Serves one bundler's output at the root of its own port, as a site would be deployed (Vite's
 * default base is `/`), and the workerDataset fixture under /fixtures/.
 */
function serve(root: string): Promise<{ server: Server; url: string }> {
  const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname));
    const file = path.startsWith('/fixtures/') ? join(fixtures, path.slice('/fixtures/'.length)) : join(root, path);
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  return listenLocally(server);
}

interface PageOutcome {
  ok: boolean;
  result?: any;
  error?: string;
}

if (!haveChromium) {
  const reason = `${chromiumPath} is missing (install Debian's chromium: apt-get install -y chromium)`;
  if (required) {
    describe('@dl packages bundled for the browser', () => {
      it('has Chromium (DL_REQUIRE_BROWSER=1)', () => {
        throw new Error(`DL_REQUIRE_BROWSER=1 but ${reason}`);
      });
    });
  } else {
    console.warn(`[browser-bundles] skipping: ${reason}; set DL_REQUIRE_BROWSER=1 to make this a failure`);
    describe.skipIf(!haveChromium)('@dl packages bundled for the browser (no Chromium)', () => {
      it('runs', () => {});
    });
  }
} else {
  describe('@dl packages bundled by Vite, esbuild and Rollup, run in headless Chromium', () => {
    let outDirectory: string;
    let built: Record<Bundler, { directory: string; warnings: string[]; seconds: number; files: string[] }>;
    const servers: Server[] = [];
    const baseUrls = {} as Record<Bundler, string>;
    let context: BrowserContext | undefined;
    let userDataDir: string | undefined;

    beforeAll(async () => {
      outDirectory = await mkdtemp(join(tmpdir(), 'dl-browser-bundles-'));
      built = await bundlePages(outDirectory);
      for (const bundler of bundlers)
        console.info(`[browser-bundles] ${bundler}: ${built[bundler].files.length} files in ${built[bundler].seconds.toFixed(1)} s`);
      for (const bundler of bundlers) {
        const served = await serve(built[bundler].directory);
        servers.push(served.server);
        baseUrls[bundler] = served.url;
      }
      userDataDir = await mkdtemp(join(tmpdir(), 'dl-chromium-'));
      const { chromium } = await import('playwright-core');
      context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: chromiumPath,
        headless: true,
        args: chromiumArgs,
        timeout: 60_000,
      });
    }, 180_000);

    afterAll(async () => {
      // every step runs even when an earlier one throws
      await context?.close().catch((error) => console.warn(`[browser-bundles] closing Chromium: ${(error as Error).message}`));
      for (const server of servers) {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
      }
      if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
      if (outDirectory) await rm(outDirectory, { recursive: true, force: true });
    }, 60_000);

    /** Opens a page of one bundler's build and returns what it reported, with its console errors on failure. */
    async function runPage(bundler: Bundler, page: string, query = ''): Promise<any> {
      const tab = await context!.newPage();
      const log: string[] = [];
      tab.on('pageerror', (error) => log.push(`pageerror: ${error.message}`));
      tab.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') log.push(`console.${message.type()}: ${message.text()}`);
      });
      tab.on('response', (response) => {
        if (response.status() >= 400) log.push(`HTTP ${response.status()}: ${response.url()}`);
      });
      try {
        await tab.goto(`${baseUrls[bundler]}${page}.html${query}`);
        const handle = await tab
          .waitForFunction(() => (globalThis as { dlPage?: unknown }).dlPage, undefined, { timeout: 60_000 })
          .catch((error: Error) => {
            throw new Error(`${bundler}/${page}.html reported nothing: ${error.message}\n${log.join('\n')}`);
          });
        const outcome = (await handle.jsonValue()) as PageOutcome;
        if (!outcome.ok) throw new Error(`${bundler}/${page}.html failed: ${outcome.error}\n${log.join('\n')}`);
        return outcome.result;
      } finally {
        await tab.close();
      }
    }

    it('each bundler builds every page without a warning', () => {
      // the messages themselves in the failure, not only their count
      for (const bundler of bundlers)
        expect(built[bundler].warnings, `${bundler} warnings:\n${built[bundler].warnings.join('\n')}`).toEqual([]);
    });

    it('Vite copies the bundled data files and builds both DataLoader workers', () => {
      const files = built.vite.files;
      // (the label files are under Vite's 4 KB inlining limit: they become data: URLs in the code)
      for (const name of ['train-images-idx3-ubyte', 't10k-images-idx3-ubyte', 'fortunes.txt', 'spam-assassin.json'])
        expect(
          files.some((file) => file.includes(name)),
          `${name} in ${files.join(', ')}`,
        ).toBe(true);
      expect(
        files.some((file) => /worker-entry-.*\.js$/.test(file)),
        'the DataLoader worker entry is bundled',
      ).toBe(true);
      expect(
        files.some((file) => /dataset-worker-.*\.js$/.test(file)),
        "the page's worker module is bundled",
      ).toBe(true);
      expect(
        files.filter((file) => file.endsWith('undefined')),
        'a URL Vite could not follow',
      ).toEqual([]);
    });

    it("Vite's output holds no raw copy of a package's built file (what `new URL('./', import.meta.url)` made it copy)", async () => {
      const packagesDirectory = fileURLToPath(new URL('../../../packages/', import.meta.url));
      const builtFiles = new Set<string>();
      for (const name of await readdir(packagesDirectory)) {
        const dist = join(packagesDirectory, name, 'dist');
        if (!existsSync(dist)) continue;
        for (const file of await readdir(dist, { recursive: true }))
          if (String(file).endsWith('.js')) builtFiles.add(await readFile(join(dist, String(file)), 'utf8'));
      }
      expect(builtFiles.size).toBeGreaterThan(7);
      const copies = [];
      for (const file of built.vite.files.filter((name) => name.endsWith('.js')))
        if (builtFiles.has(await readFile(join(built.vite.directory, file), 'utf8'))) copies.push(file);
      expect(copies).toEqual([]);
    });

    for (const bundler of bundlers) {
      // esbuild and Rollup copy no `new URL(..., import.meta.url)` file: the page gets the copied data folder
      const dataQuery = bundler === 'vite' ? '?defaultWorker=1' : '?dataRoot=dl-data/';

      it(`${bundler}: @dl/tensor trains on the CPU; emptyCache() runs`, async () => {
        const result = await runPage(bundler, 'tensor');
        expect(result.cpu.last).toBeLessThan(result.cpu.first * 0.01);
        expect(result.devices).toContain('cpu');
      }, 120_000);

      it(`${bundler}: @dl/gpu finds navigator.gpu and trains on webgpu`, async () => {
        const result = await runPage(bundler, 'gpu');
        expect(result.webgpu.last).toBeLessThan(result.webgpu.first * 0.01);
      }, 120_000);

      it(`${bundler}: @dl/nn trains on cpu and webgpu; saveSafetensors says it needs Node`, async () => {
        const result = await runPage(bundler, 'nn');
        for (const device of ['cpu', 'webgpu']) expect(result[device].last, device).toBeLessThan(result[device].first);
        expect(result.safetensorsNames).toEqual(['bias', 'weight']);
        expect(result.saveError).toMatch(/^saveSafetensors: .*only in Node.*serializeSafetensors/);
      }, 120_000);

      it(`${bundler}: @dl/rnn trains an LSTM`, async () => {
        const result = await runPage(bundler, 'rnn');
        expect(result.last).toBeLessThan(result.first);
        expect(result.weightNames).toContain('weight_ih_l0');
      }, 120_000);

      it(`${bundler}: @dl/gan trainer steps; saveLossCurve says it needs Node`, async () => {
        const result = await runPage(bundler, 'gan');
        expect(result.losses).toHaveLength(3);
        for (const step of result.losses) expect(Number.isFinite(step.discriminatorLoss)).toBe(true);
        expect(result.curveError).toMatch(/^GanTrainer\.saveLossCurve: .*only in Node/);
      }, 120_000);

      it(`${bundler}: @dl/metrics scores`, async () => {
        const result = await runPage(bundler, 'metrics');
        expect(result.accuracy).toBeCloseTo(4 / 6, 6);
        expect(result.confusion).toEqual([
          [2, 0, 0],
          [0, 1, 1],
          [0, 1, 1],
        ]);
      }, 120_000);

      it(`${bundler}: @dl/datasets loads the bundled MNIST (train and test), fortunes and SpamAssassin`, async () => {
        const result = await runPage(bundler, 'datasets', bundler === 'vite' ? '' : dataQuery);
        expect(result.trainShape).toEqual([8004, 1, 28, 28]);
        expect(result.testShape).toEqual([1996, 1, 28, 28]);
        expect(result.trainLabelSum).toBeGreaterThan(8004 * 3);
        // the same digits as in Node (packages/datasets/test)
        expect(result.testFirstLabels).toEqual([7, 4, 7, 7, 2, 1, 4, 3, 3, 8, 6, 5]);
        expect(result.pixelRange).toEqual([0, 1]);
        expect(result.fortunes).toBe(1743);
        expect(result.mails).toBe(1500);
        expect(result.spam).toBe(750);
      }, 120_000);

      it(`${bundler}: @dl/data loads MNIST from @dl/datasets, trains on a batch on cpu and webgpu, loads batches in workers`, async () => {
        const result = await runPage(bundler, 'data', dataQuery);
        expect(result.trainShape).toEqual([8004, 1, 28, 28]);
        for (const device of ['cpu', 'webgpu']) expect(result[device].last, device).toBeLessThan(result[device].first);
        expect(result.workerBatches).toBe(3);
        expect(result.workersMatch, "batches from the workers equal the main thread's").toBe(true);
        if (bundler === 'vite')
          expect(result.defaultWorker).toEqual([
            [0, 0, 1, 10, 2, 20, 3, 30],
            [4, 40, 5, 50, 6, 60, 7, 70],
          ]);
      }, 180_000);

      it(`${bundler}: @dl/onnx exports an MLP to bytes that its checker reads back; saveOnnx says it needs Node`, async () => {
        const result = await runPage(bundler, 'onnx');
        expect(result.byteLength).toBeGreaterThan(4 * 16 * 4 + 16 * 3 * 4);
        expect(result.deterministic).toBe(true);
        expect(result.irVersion).toBe(8);
        expect(result.opsets).toEqual([{ domain: '', version: 17 }]);
        expect(result.operators).toEqual(['Gemm', 'Relu']);
        expect(result.initializers).toEqual(['0.bias', '0.weight', '3.bias', '3.weight']);
        expect(result.inputs).toEqual([{ name: 'input', elementType: 1, dims: ['batch', 4] }]);
        expect(result.outputs).toEqual([{ name: 'output', elementType: 1, dims: ['batch', 3] }]);
        expect(result.saveError).toMatch(
          /^saveOnnx: writeFileAtomic: .*only in Node.*exportOnnx\(module, exampleInputs\) returns the model as bytes/,
        );
      }, 120_000);
    }

    it('covers every page', () => {
      expect([...pageNames].sort()).toEqual(['data', 'datasets', 'gan', 'gpu', 'metrics', 'nn', 'onnx', 'rnn', 'tensor']);
    });
  });
}
