// Tensors a user can still reach stay valid, or fail loudly: the memory issue's list, in a loop as a
// user writes it (zeroGrad, forward, loss, backward, step), with no dispose.
import { describe, expect, it } from 'vitest';
import { keep, manualSeed, randn, randint, type Tensor } from '@dl/tensor';
import { Adam, CrossEntropyLoss, Linear, ReLU, Sequential } from '../src/index.js';

function setup() {
  manualSeed(0);
  const model = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 3));
  return {
    model,
    optimizer: new Adam(model.parameters(), { lr: 0.01 }),
    lossFunction: new CrossEntropyLoss(),
    inputs: randn([16, 4]),
    targets: randint(0, 3, [16]),
  };
}

describe('tensors the user can reach', () => {
  it('a gradient taken before zeroGrad stays valid; the ones nobody read are freed by it', () => {
    const { model, optimizer, lossFunction, inputs, targets } = setup();
    lossFunction.call(model.call(inputs), targets).backward();
    const [firstWeight, firstBias] = model.parameters();
    const taken = firstWeight!.grad!; // the user holds it
    const expected = taken.toArraySync();
    const untouched = firstBias!.borrowGrad()!; // nobody took it
    optimizer.step();
    optimizer.zeroGrad();
    expect(firstWeight!.grad).toBeNull();
    expect(taken.toArraySync()).toEqual(expected);
    expect(untouched.isDisposed).toBe(true);
  });

  it('outputs and losses stored across steps in an array or a Map fail loudly, naming what freed them; kept or detached ones stay', () => {
    const { model, optimizer, lossFunction, inputs, targets } = setup();
    const losses: Tensor[] = [];
    const outputs = new Map<number, Tensor>();
    const kept: Tensor[] = [];
    const detached: Tensor[] = [];
    for (let step = 0; step < 5; step++) {
      optimizer.zeroGrad();
      const output = model.call(inputs);
      const loss = lossFunction.call(output, targets);
      loss.backward();
      optimizer.step();
      losses.push(loss);
      outputs.set(step, output);
      if (step === 1) kept.push(keep(loss)); // the same handle as losses[1], now the user's
      detached.push(output.detach());
      // the previous step's handles are still readable (a GAN reads D's loss after G's step)
      if (step > 0) expect(Number.isFinite(losses[step - 1]!.itemSync())).toBe(true);
    }
    expect(() => losses[0]!.itemSync()).toThrow(
      /itemSync: tensor \[\] made by \w+ was disposed: it was freed by the second backward\(\) after the one that consumed its graph\. To use a tensor past that point, keep\(t\) it/,
    );
    expect(() => outputs.get(1)!.argmax(1)).toThrow(/tensor \[16, 3\] made by \w+ was disposed/);
    expect(Number.isFinite(kept[0]!.itemSync())).toBe(true);
    expect(losses[1]!.isDisposed).toBe(false);
    expect(detached[0]!.shape).toEqual([16, 3]);
    expect((detached[0]!.toArraySync() as number[][]).flat().every(Number.isFinite)).toBe(true);
  });
});
