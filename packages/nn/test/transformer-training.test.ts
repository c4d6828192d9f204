import { describe, expect, it } from 'vitest';
import { arange, manualSeed, memory, noGrad, randint, type Tensor } from '@dl/tensor';
import { Adam, CrossEntropyLoss, Embedding, Linear, Module, TransformerEncoder, TransformerEncoderLayer } from '../src/index.js';

// End to end: a one-layer Transformer encoder learns a task that needs attention across positions
// (does the sequence hold token 3 anywhere?), and a training loop without dispose keeps the live
// handle count flat, as the other layers' loops do.

class Detector extends Module {
  tokens = new Embedding(6, 16);
  positions = new Embedding(6, 16);
  encoder = new TransformerEncoder(new TransformerEncoderLayer(16, 2, { dimFeedforward: 32, dropout: 0, batchFirst: true }), 1);
  head = new Linear(16, 2);
  places = arange(0, 6, 1, { dtype: 'int32' }); // learnt positional embeddings: 0, 1, …, 5
  forward(sequence: Tensor): Tensor {
    const encoded = this.encoder.call(this.tokens.call(sequence).add(this.positions.call(this.places)));
    return this.head.call(encoded.mean(1));
  }
}

function batch(size: number): [Tensor, Tensor] {
  const sequences = randint(0, 6, [size, 6], { dtype: 'int32' });
  const labels = sequences.eq(3).any(1).int();
  return [sequences, labels];
}

describe('a Transformer encoder trains', () => {
  it('to detect a token anywhere in the sequence, with flat memory over the loop', () => {
    manualSeed(5);
    const model = new Detector();
    const optimizer = new Adam(model.parameters(), { lr: 0.01 });
    const criterion = new CrossEntropyLoss();
    const [inputs, labels] = batch(256);
    const live: number[] = [];
    let first = 0;
    let last = 0;
    for (let step = 0; step < 120; step++) {
      optimizer.zeroGrad();
      const loss = criterion.call(model.call(inputs), labels);
      loss.backward();
      optimizer.step();
      const value = loss.itemSync();
      if (step === 0) first = value;
      last = value;
      if (step >= 40 && step % 20 === 0) live.push(memory().cpu!.liveTensors);
    }
    expect(last).toBeLessThan(first / 4);
    // fresh sequences: it generalises rather than memorising the batch
    const [testInputs, testLabels] = batch(512);
    const predicted = noGrad(() => model.eval().call(testInputs).argmax(1));
    expect(predicted.eq(testLabels).float().mean().itemSync()).toBeGreaterThan(0.95);
    expect(new Set(live).size, `live handles at steps 40, 60, …: ${live}`).toBe(1);
  });
});
