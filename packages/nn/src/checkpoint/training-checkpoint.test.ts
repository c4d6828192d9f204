import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getRngState, manualSeed, randn, randperm, setRngState, tensor } from '@dl/tensor';
import { Dropout, Linear, MSELoss, ReLU, Sequential } from '../index.js';
import { Adam } from '../optim/adam.js';
import { ReduceLROnPlateau } from '../schedulers/reduce-lr-on-plateau.js';
import { StepLR } from '../schedulers/step-lr.js';
import { loadCheckpoint, saveCheckpoint } from './checkpoint-file.js';
import { parseCheckpoint, serializeCheckpoint } from './training-checkpoint.js';

/** A tiny regression run with dropout and shuffling, so the RNG state matters. */
function setUp() {
  manualSeed(1234);
  const model = new Sequential(new Linear(3, 8), new ReLU(), new Dropout(0.3), new Linear(8, 1));
  const optimizer = new Adam(model.parameters(), { lr: 0.02 });
  const scheduler = new StepLR(optimizer, { stepSize: 3, gamma: 0.5 });
  const inputs = randn([16, 3]);
  const targets = inputs.sum(1, true).mul(0.5);
  const step = () => {
    const order = randperm(16).slice(0, 0, 8);
    optimizer.zeroGrad();
    const loss = new MSELoss().call(model.call(inputs.indexSelect(0, order)), targets.indexSelect(0, order));
    loss.backward();
    optimizer.step();
    scheduler.step();
  };
  return { model, optimizer, scheduler, step };
}

const weightsOf = (model: Sequential) => model.parameters().flatMap((parameter) => [...parameter.dataSync()]);

describe('training checkpoints', () => {
  it('resuming from a checkpoint after 5 steps reproduces the uninterrupted 10-step run exactly', async () => {
    const uninterrupted = setUp();
    for (let i = 0; i < 10; i++) uninterrupted.step();
    const expected = weightsOf(uninterrupted.model);

    const first = setUp();
    for (let i = 0; i < 5; i++) first.step();
    const path = join(mkdtempSync(join(tmpdir(), 'dl-nn-resume-')), 'last.safetensors');
    await saveCheckpoint(path, {
      model: first.model.stateDict(),
      optimizer: first.optimizer.stateDict(),
      scheduler: first.scheduler.stateDict(),
      epoch: 5,
      rngState: getRngState(),
    });

    manualSeed(999); // a different process: other weights, other RNG position
    const resumed = setUp();
    randn([100]);
    const saved = await loadCheckpoint(path);
    resumed.model.loadStateDict(saved.model);
    resumed.optimizer.loadStateDict(saved.optimizer!);
    resumed.scheduler.loadStateDict(saved.scheduler!);
    setRngState(saved.rngState!);
    expect(saved.epoch).toBe(5);
    for (let i = 5; i < 10; i++) resumed.step();

    expect(weightsOf(resumed.model)).toEqual(expected);
    expect(resumed.scheduler.getLastLr()).toEqual(uninterrupted.scheduler.getLastLr());
  });

  it('keeps non-finite scheduler values, user metadata and optimizer scalars', async () => {
    const weight = tensor([1, 2], { requiresGrad: true });
    const optimizer = new Adam([weight]);
    weight.grad = tensor([0.1, 0.1]);
    optimizer.step();
    const plateau = new ReduceLROnPlateau(optimizer); // best = Infinity
    const checkpoint = parseCheckpoint(
      await serializeCheckpoint({
        model: { weight },
        optimizer: optimizer.stateDict(),
        scheduler: plateau.stateDict(),
        metadata: { run: 'a' },
      }),
    );
    expect(checkpoint.metadata).toEqual({ run: 'a' });
    expect(checkpoint.optimizer!.state[0]!.step).toBe(1);
    expect((checkpoint.optimizer!.state[0]!.exp_avg as ReturnType<typeof tensor>).dataSync()).toEqual(
      (optimizer.stateDict().state[0]!.exp_avg as ReturnType<typeof tensor>).dataSync(),
    );
    const restored = new ReduceLROnPlateau(optimizer);
    restored.best = 0;
    restored.loadStateDict(checkpoint.scheduler!);
    expect(restored.best).toBe(Infinity);
    expect(checkpoint.rngState).toBeUndefined();
  });

  it('refuses a plain safetensors file', async () => {
    const { serializeSafetensors } = await import('./safetensors.js');
    expect(() => parseCheckpoint(new Uint8Array(0))).toThrow();
    await expect(serializeSafetensors({ x: tensor([1]) }).then(parseCheckpoint)).rejects.toThrow(/not a training checkpoint/);
  });
});
