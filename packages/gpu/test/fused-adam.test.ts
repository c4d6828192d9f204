import { describe, expect, it } from 'vitest';
import { adamStep, manualSeed, randn, zeros, type AdamStepOptions, type Tensor } from '@dl/tensor';
import { webgpuBackend } from '../src/index.js';
import { setupWebGPU } from './webgpu-setup.js';
import { withoutFusion } from './without-fusion.js';
import { withoutWebGPUFused } from './without-webgpu-fused.js';

const info = await setupWebGPU();

const base: AdamStepOptions = {
  lr: 0.01,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weightDecay: 0,
  decoupledWeightDecay: false,
  maximize: false,
  step: 1,
};

const variants: [string, Partial<AdamStepOptions>, boolean][] = [
  ['Adam', {}, false],
  ['Adam with L2 weight decay, maximize', { weightDecay: 0.1, maximize: true }, false],
  ['AdamW', { weightDecay: 0.05, decoupledWeightDecay: true }, false],
  ['AMSGrad', { beta2: 0.9 }, true],
];

/** Three Adam steps from one state on `device`; the gradient is a transposed view when `transposed`. */
function run(device: 'cpu' | 'webgpu', options: Partial<AdamStepOptions>, amsgrad: boolean, transposed: boolean): Tensor[] {
  manualSeed(8);
  const parameter = randn([6, 5]).to(device);
  const state = [zeros([6, 5], { device }), zeros([6, 5], { device }), ...(amsgrad ? [zeros([6, 5], { device })] : [])];
  for (let step = 1; step <= 3; step++) {
    const drawn = randn(transposed ? [5, 6] : [6, 5]).to(device);
    const gradient = transposed ? drawn.transpose(0, 1) : drawn;
    adamStep(parameter, gradient, state[0]!, state[1]!, state[2] ?? null, { ...base, ...options, step });
  }
  return [parameter, ...state];
}

async function expectClose(actual: Tensor[], expected: Tensor[]): Promise<void> {
  for (let t = 0; t < expected.length; t++) {
    const want = Array.from(await expected[t]!.data());
    const got = Array.from(await actual[t]!.data());
    got.forEach((value, i) => expect(Math.abs(value - want[i]!)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(want[i]!))));
  }
}

describe.skipIf(!info)('adamStep on webgpu: the fused one-pass Adam kernel', () => {
  it('the backend has the kernel', () => {
    expect(typeof webgpuBackend()?.fused?.adam).toBe('function');
  });

  for (const [name, options, amsgrad] of variants)
    for (const transposed of [false, true])
      it(`${name}${transposed ? ', transposed gradient' : ''}: the GPU composite and the CPU after three steps`, async () => {
        const gpu = run('webgpu', options, amsgrad, transposed);
        const composite = withoutWebGPUFused('adam', () => run('webgpu', options, amsgrad, transposed));
        const cpu = run('cpu', options, amsgrad, transposed);
        await expectClose(gpu, composite);
        await expectClose(gpu, cpu);
      });

  it('runs as one dispatch per parameter (the composite takes about a dozen)', () => {
    const runtime = webgpuBackend()!.runtime;
    const [parameter, expAvg, expAvgSq] = [randn([4, 4]), zeros([4, 4]), zeros([4, 4])].map((t) => t.to('webgpu'));
    const gradient = randn([4, 4]).to('webgpu');
    const dispatchesOf = (step: () => void) => {
      runtime.flush();
      const before = runtime.statistics.dispatches;
      step();
      return runtime.statistics.dispatches - before;
    };
    const fused = dispatchesOf(() => adamStep(parameter!, gradient, expAvg!, expAvgSq!, null, base));
    // main's composite, each op its own dispatch (elementwise fusion would merge its chains)
    const composite = dispatchesOf(() =>
      withoutFusion(() => withoutWebGPUFused('adam', () => adamStep(parameter!, gradient, expAvg!, expAvgSq!, null, base))),
    );
    expect(fused).toBe(1);
    expect(composite).toBeGreaterThan(5);
  });
});
