/**
 * The page side of browser.test.ts: bundled by esbuild (from the sources of @dl/tensor and @dl/gpu)
 * and loaded in headless Chromium, where `init()` must take the `navigator.gpu` path. The Node side
 * drives it through `window.dlBrowser` with page.evaluate and asserts on the plain-data results.
 */
import { manualSeed, noGrad, rand, randn, tensor } from '@dl/tensor';
import { conformanceCases, runConformance, type ConformanceCase } from '@dl/tensor/testing';
import { init } from '../../src/index.js';

export interface CaseResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

export interface PageApi {
  /** `await init()`, plus whether `navigator.gpu` existed and the adapter's info as the browser reports it. */
  init(): Promise<{
    hasNavigatorGpu: boolean;
    userAgent: string;
    info: Awaited<ReturnType<typeof init>>;
    adapterInfo: Record<string, unknown>;
    adapterFeatures: string[];
  }>;
  /** The groups of the conformance suite. */
  conformanceGroups(): ConformanceCase['group'][];
  /** Runs the named cases (all of the groups when `names` is omitted) sequentially. */
  runConformance(groups: ConformanceCase['group'][], names?: string[]): Promise<CaseResult[]>;
  /** Linear regression on 'webgpu' with autograd and plain SGD; the losses per step. */
  train(steps: number): Promise<{ losses: number[]; weight: number[]; bias: number; trueWeight: number[]; trueBias: number }>;
  /** rand on 'webgpu' vs rand on 'cpu' after the same manualSeed (and the draw after it). */
  philox(): Promise<{ cpu: number[]; gpu: number[]; nextCpu: number[]; nextGpu: number[] }>;
}

function message(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function collect(groups: ConformanceCase['group'][]): { name: string; body: () => Promise<void> }[] {
  const cases: { name: string; body: () => Promise<void> }[] = [];
  runConformance({ device: 'webgpu', groups, test: (name, body) => cases.push({ name, body }) });
  return cases;
}

const api: PageApi = {
  async init() {
    const hasNavigatorGpu = typeof navigator !== 'undefined' && 'gpu' in navigator && !!navigator.gpu;
    const info = await init();
    // the adapter init() used is not exposed; ask navigator.gpu again for what the browser reports
    const adapter = hasNavigatorGpu ? await navigator.gpu.requestAdapter() : null;
    const adapterInfo: Record<string, unknown> = {};
    if (adapter) {
      const raw = adapter.info as unknown as Record<string, unknown>;
      for (const key of ['vendor', 'architecture', 'device', 'description', 'subgroupMinSize', 'subgroupMaxSize', 'isFallbackAdapter'])
        if (raw[key] !== undefined) adapterInfo[key] = raw[key];
    }
    return {
      hasNavigatorGpu,
      userAgent: navigator.userAgent,
      info,
      adapterInfo,
      adapterFeatures: adapter ? [...adapter.features].sort() : [],
    };
  },

  conformanceGroups() {
    return [...new Set(conformanceCases.map((entry) => entry.group))];
  },

  async runConformance(groups, names) {
    const wanted = names ? new Set(names) : null;
    const results: CaseResult[] = [];
    for (const entry of collect(groups)) {
      if (wanted && !wanted.has(entry.name)) continue;
      const started = performance.now();
      try {
        await entry.body();
        results.push({ name: entry.name, ok: true, ms: Math.round(performance.now() - started) });
      } catch (error) {
        results.push({ name: entry.name, ok: false, ms: Math.round(performance.now() - started), error: message(error) });
      }
    }
    return results;
  },

  async train(steps) {
    manualSeed(7);
    const trueWeight = [2, -3, 0.5];
    const trueBias = 1.25;
    const x = randn([64, 3], { device: 'webgpu' });
    const noise = randn([64, 1], { device: 'webgpu' }).mul(0.01);
    const y = x.matmul(tensor([[2], [-3], [0.5]], { device: 'webgpu' })).add(trueBias).add(noise);
    const weight = tensor([[0], [0], [0]], { device: 'webgpu', requiresGrad: true });
    const bias = tensor([0], { device: 'webgpu', requiresGrad: true });
    const losses: number[] = [];
    const learningRate = 0.1;
    for (let step = 0; step < steps; step++) {
      const loss = x.matmul(weight).add(bias).sub(y).square().mean();
      loss.backward();
      losses.push(await loss.item());
      noGrad(() => {
        weight.sub_(weight.grad!.mul(learningRate));
        bias.sub_(bias.grad!.mul(learningRate));
      });
      weight.grad = null;
      bias.grad = null;
    }
    return {
      losses,
      weight: Array.from(await weight.data()),
      bias: (await bias.data())[0]!,
      trueWeight,
      trueBias,
    };
  },

  async philox() {
    manualSeed(1234);
    const cpu = Array.from(rand([7, 5]).dataSync());
    manualSeed(1234);
    const onGpu = rand([7, 5], { device: 'webgpu' });
    const gpu = Array.from(await onGpu.data());
    // the next draw continues from the same counter offset on both devices
    const nextGpu = Array.from(await rand([3], { device: 'webgpu' }).data());
    manualSeed(1234);
    rand([7, 5]);
    const nextCpu = Array.from(rand([3]).dataSync());
    return { cpu, gpu, nextCpu, nextGpu };
  },
};

(globalThis as unknown as { dlBrowser: PageApi }).dlBrowser = api;
document.title = 'dl-browser-ready';
