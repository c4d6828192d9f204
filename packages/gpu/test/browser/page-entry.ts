/**
 * The page side of browser.test.ts: bundled by esbuild (from the sources of @dl/tensor and @dl/gpu)
 * and loaded in headless Chromium, where `init()` must take the `navigator.gpu` path. The Node side
 * drives it through `window.dlBrowser` with page.evaluate and asserts on the plain-data results.
 */
import { manualSeed, memory, noGrad, rand, randn, scope, tensor } from '@dl/tensor';
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
  /** A training loop with no dispose on `device`: live tensors and bytes in use after 10 and after `steps` steps. */
  memoryLoop(device: 'cpu' | 'webgpu', steps: number): Promise<MemorySamples>;
  /** memoryLoop run in a module Web Worker started from this same bundle. */
  memoryLoopInWorker(device: 'cpu' | 'webgpu', steps: number): Promise<MemorySamples>;
}

export interface MemorySamples {
  early: { liveTensors: number; bytesInUse: number };
  late: { liveTensors: number; bytesInUse: number };
  firstLoss: number;
  lastLoss: number;
}

/**
 * The training loop of the memory issue with @dl/tensor alone (the page bundles no @dl/nn): zero the
 * gradient, forward, loss, backward, an optimizer's update (what @dl/nn's step does: the gradient
 * borrowed, the temporaries in a scope), and `await loss.item()`. Nothing is disposed by hand.
 */
async function memoryLoop(device: 'cpu' | 'webgpu', steps: number): Promise<MemorySamples> {
  if (device === 'webgpu') await init();
  manualSeed(3);
  const inputs = randn([64, 3], { device });
  const targets = inputs.matmul(tensor([[2], [-3], [0.5]], { device }));
  const weight = tensor([[0], [0], [0]], { device, requiresGrad: true });
  const sample = () => ({ liveTensors: memory()[device]!.liveTensors, bytesInUse: memory()[device]!.bytesInUse });
  let early = sample();
  let firstLoss = 0;
  let lastLoss = 0;
  for (let step = 1; step <= steps; step++) {
    weight.grad = null;
    const loss = inputs.matmul(weight).sub(targets).square().mean();
    loss.backward();
    scope(() => noGrad(() => weight.sub_(weight.borrowGrad()!.mul(0.1))), 'the end of the update');
    lastLoss = await loss.item();
    if (step === 1) firstLoss = lastLoss;
    if (step === 10) early = sample();
  }
  return { early, late: sample(), firstLoss, lastLoss };
}

/** Starts this bundle as a module worker, which answers one memoryLoop request. */
function memoryLoopInWorker(device: 'cpu' | 'webgpu', steps: number): Promise<MemorySamples> {
  const worker = new Worker(new URL('/bundle.js', location.href), { type: 'module' });
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<{ result?: MemorySamples; error?: string }>) => {
      worker.terminate();
      if (event.data.error) reject(new Error(event.data.error));
      else resolve(event.data.result!);
    };
    worker.onerror = (event) => reject(new Error(`worker: ${event.message}`));
    worker.postMessage({ device, steps });
  });
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
    const y = x
      .matmul(tensor([[2], [-3], [0.5]], { device: 'webgpu' }))
      .add(trueBias)
      .add(noise);
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

  memoryLoop,
  memoryLoopInWorker,

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

if (typeof document !== 'undefined') {
  (globalThis as unknown as { dlBrowser: PageApi }).dlBrowser = api;
  document.title = 'dl-browser-ready';
} else {
  // in a Web Worker: run the loop asked for and post the samples back
  self.onmessage = async (event: MessageEvent<{ device: 'cpu' | 'webgpu'; steps: number }>) => {
    try {
      self.postMessage({ result: await memoryLoop(event.data.device, event.data.steps) });
    } catch (error) {
      self.postMessage({ error: message(error) });
    }
  };
}
