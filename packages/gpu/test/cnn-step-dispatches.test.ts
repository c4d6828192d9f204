import { describe, expect, it } from 'vitest';
import { Adam, Conv2d, CrossEntropyLoss, Dropout, Flatten, Linear, MaxPool2d, ReLU, Sequential } from '@dl/nn';
import { manualSeed, rand, randint, type Tensor } from '@dl/tensor';
import { statistics, webgpuBackend } from '../src/index.js';
import { setupWebGPU } from './webgpu-setup.js';
import { withoutFusion } from './without-fusion.js';
import { withoutWebGPUFused } from './without-webgpu-fused.js';

const info = await setupWebGPU();

/** The fused entries the GPU gained for issue #19; switched off, the step runs main's composites. */
const issue19Entries = ['adam', 'conv2d', 'maxPool2dIndices', 'reluGradient', 'scaledBernoulli', 'sumAxes'] as const;

/**
 * The tutorial's MNIST CNN (conv 1→32, conv 32→64, max-pool, dropout, 9216→128→10, cross-entropy,
 * Adam) on webgpu, batch 2: dispatches and submits of one training step (forward, backward, Adam),
 * after two warm-up steps (the first creates Adam's state).
 */
function cnnStep(): () => { dispatches: number; submits: number; byKernel: Record<string, number> } {
  const { step } = cnnTraining();
  step();
  step();
  return () => {
    const before = statistics()!;
    step();
    const after = statistics()!;
    const byKernel: Record<string, number> = {};
    for (const [kernel, count] of Object.entries(after.dispatchesByKernel)) {
      const difference = count - (before.dispatchesByKernel[kernel] ?? 0);
      if (difference > 0) byKernel[kernel] = difference;
    }
    return { dispatches: after.dispatches - before.dispatches, submits: after.submits - before.submits, byKernel };
  };
}

/** The model, data and one training step (returning the step's loss) of the tutorial CNN, seeded. */
function cnnTraining(): { step: () => Tensor } {
  manualSeed(0);
  const model = new Sequential(
    new Conv2d(1, 32, 3),
    new ReLU(),
    new Conv2d(32, 64, 3),
    new ReLU(),
    new MaxPool2d(2),
    new Dropout(0.25),
    new Flatten(),
    new Linear(9216, 128),
    new ReLU(),
    new Dropout(0.5),
    new Linear(128, 10),
  ).to('webgpu');
  const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
  const lossFunction = new CrossEntropyLoss();
  const images = rand([2, 1, 28, 28]).to('webgpu');
  const labels = randint(0, 10, [2]).to('webgpu');
  const step = () => {
    optimizer.zeroGrad();
    const loss = lossFunction.call(model.call(images), labels);
    loss.backward();
    optimizer.step();
    webgpuBackend()!.runtime.flush(); // submit what the step encoded, as a read would, so its submits count here
    return loss;
  };
  return { step };
}

describe.skipIf(!info)('dispatches of the tutorial CNN training step on webgpu', () => {
  it('the fused GPU kernels of issue #19 cut the dispatches of a step (printed: before and after)', () => {
    // each op its own dispatch in both, so this measures the fused entries alone
    const before = withoutFusion(() => withoutWebGPUFused([...issue19Entries], () => cnnStep()()));
    const after = withoutFusion(() => cnnStep()());
    console.log(
      `[cnn step, batch 2] dispatches: ${before.dispatches} with main's composites -> ${after.dispatches} with the fused kernels; ` +
        `submits: ${before.submits} -> ${after.submits}\n  before, by kernel: ${JSON.stringify(before.byKernel)}` +
        `\n  after, by kernel: ${JSON.stringify(after.byKernel)}`,
    );
    expect(after.dispatches).toBeLessThan(before.dispatches);
    expect(after.byKernel['conv2d forward bias']).toBe(2);
    expect(after.byKernel.unfold).toBeUndefined();
  });
});

describe.skipIf(!info)('elementwise fusion in the tutorial CNN training step on webgpu', () => {
  it('cuts the dispatches of a step (printed: with fusion off and on)', () => {
    const unfused = withoutFusion(() => cnnStep()());
    const fused = cnnStep()();
    console.log(
      `[cnn step, batch 2] dispatches: ${unfused.dispatches} with fusion off -> ${fused.dispatches} with fusion on; ` +
        `submits: ${unfused.submits} -> ${fused.submits}\n  fusion on, by kernel: ${JSON.stringify(fused.byKernel)}`,
    );
    // measured 71 -> 53 (llvmpipe); a bound that fails if fusion stops working
    expect(fused.dispatches).toBeLessThanOrEqual(unfused.dispatches - 15);
    // each convolution takes its ReLU, each Linear its bias (the first, split-K, its ReLU in the sum)
    expect(fused.byKernel['fused conv2d forward bias + unary relu']).toBe(2);
    expect(fused.byKernel['fused matmul Bᵀ + binary add + unary relu']).toBe(1);
    expect(fused.byKernel['fused matmul Bᵀ + binary add']).toBe(1);
  });

  it('trains to the same losses, bit for bit, with fusion off and on', async () => {
    const lossesOf = async () => {
      const { step } = cnnTraining();
      const losses: number[] = [];
      for (let index = 0; index < 3; index++) {
        const loss = step();
        losses.push(...(await loss.data()));
        loss.dispose();
      }
      return losses;
    };
    const unfused = await withoutFusion(lossesOf);
    const fused = await lossesOf();
    expect(fused).toEqual(unfused);
  });
});
