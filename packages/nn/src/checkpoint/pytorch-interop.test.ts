import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tensor } from '@dl/tensor';
import { BatchNorm1d, Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential } from '../index.js';
import { expectClose, type FixtureTensor } from '../../test/helpers/optimizer-reference.js';
import { makeDlMlp } from '../../test/helpers/write-dl-checkpoint.js';
import { parseSafetensors, serializeSafetensors } from './safetensors.js';

const fixtureUrl = (name: string) => new URL(`../../test/__fixtures__/${name}`, import.meta.url);
/** Written by tools/fixtures/nn_checkpoint_reference.py (PyTorch 1.13). */
const reference = JSON.parse(readFileSync(fixtureUrl('nn_checkpoint_reference.json'), 'utf8')) as Record<
  'mlp' | 'cnn',
  { keys: string[]; input: FixtureTensor; output: FixtureTensor }
>;
const load = (name: string) => parseSafetensors(new Uint8Array(readFileSync(fixtureUrl(name)))).tensors;
const input = (value: FixtureTensor) => tensor(value.values, { shape: value.shape });

describe('PyTorch ⇄ @dl through safetensors', () => {
  it("a PyTorch MLP (Linear, BatchNorm1d with int64 num_batches_tracked) loads and gives PyTorch's outputs", () => {
    const model = new Sequential(new Linear(4, 8), new BatchNorm1d(8), new ReLU(), new Linear(8, 3)).eval();
    const weights = load('nn_checkpoint_mlp.safetensors');
    expect(Object.keys(weights)).toEqual(reference.mlp.keys);
    model.loadStateDict(weights);
    const output = model.call(input(reference.mlp.input));
    expect(output.shape).toEqual(reference.mlp.output.shape);
    expectClose(output.dataSync(), reference.mlp.output.values, 1e-5, 1e-6, 'mlp output');
  });

  it("a PyTorch CNN (Conv2d, MaxPool2d, Flatten, Linear) loads and gives PyTorch's outputs", () => {
    const model = new Sequential(new Conv2d(1, 4, 3), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(36, 5)).eval();
    model.loadStateDict(load('nn_checkpoint_cnn.safetensors'));
    const output = model.call(input(reference.cnn.input));
    expectClose(output.dataSync(), reference.cnn.output.values, 1e-5, 1e-6, 'cnn output');
  });

  it('PyTorch read our file into its MLP and reproduced our outputs (committed verdict of the reader check)', () => {
    const verdict = JSON.parse(readFileSync(fixtureUrl('nn_checkpoint_pytorch_read_check.json'), 'utf8'));
    expect(verdict.ok).toBe(true);
    expect(verdict.maxAbsErrorVsDl).toBeLessThan(1e-5);
    expect(verdict.keys).toEqual(reference.mlp.keys);
    expect(verdict.dtypes['1.num_batches_tracked']).toBe('torch.int64'); // written as I64, as PyTorch holds it
  });

  it('our writer still produces the exact bytes PyTorch checked', async () => {
    const committed = new Uint8Array(readFileSync(fixtureUrl('nn_checkpoint_written_by_dl.safetensors')));
    const { tensors, metadata } = parseSafetensors(committed);
    expect(await serializeSafetensors(tensors, metadata)).toEqual(committed);
  });

  it('the seeded MLP of that file is the one made today, up to float32 rounding', () => {
    // not byte for byte: the running statistics and the outputs come out of matrix products, whose last
    // bit depends on the kernel build (fused multiply-add where the engine has relaxed SIMD: Node ≥ 22)
    const committed = parseSafetensors(new Uint8Array(readFileSync(fixtureUrl('nn_checkpoint_written_by_dl.safetensors'))));
    const { model, metadata } = makeDlMlp();
    const stateDict = model.stateDict();
    expect(Object.keys(stateDict)).toEqual(Object.keys(committed.tensors));
    for (const [name, value] of Object.entries(stateDict)) {
      const expected = committed.tensors[name]!;
      expect(value.shape, name).toEqual(expected.shape);
      expectClose(value.float().dataSync(), Array.from(expected.float().dataSync()), 1e-6, 1e-6, name);
    }
    const written = committed.metadata;
    expect(metadata.input).toBe(written.input); // drawn from the generator: exact
    const made = JSON.parse(metadata.output);
    const expectedOutput = JSON.parse(written.output!);
    expect(made.shape).toEqual(expectedOutput.shape);
    expectClose(made.values, expectedOutput.values, 1e-6, 1e-6, 'output');
  });
});
