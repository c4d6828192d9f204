/**
 * The @dl side of the safetensors reader check: a seeded @dl MLP (the architecture of the PyTorch
 * fixture) saved with our writer, with a fixed input and our outputs in the metadata.
 * tools/fixtures/nn_checkpoint_reference.py loads the file into PyTorch and records the verdict.
 * Regenerate (then rerun the Python script):
 *   cd packages/nn && npx --yes tsx test/helpers/write-dl-checkpoint.ts
 */
import { manualSeed, noGrad, randn } from '@dl/tensor';
import { BatchNorm1d, Linear, ReLU, Sequential } from '../../src/index.js';
import { serializeSafetensors } from '../../src/checkpoint/safetensors.js';

export function makeDlMlp() {
  manualSeed(2024);
  const model = new Sequential(new Linear(4, 8), new BatchNorm1d(8), new ReLU(), new Linear(8, 3));
  noGrad(() => {
    for (let i = 0; i < 3; i++) model.call(randn([16, 4])); // running statistics and num_batches_tracked
  });
  model.eval();
  const input = randn([5, 4]);
  const output = noGrad(() => model.call(input));
  const asJson = (value: typeof input) => JSON.stringify({ shape: value.shape, values: [...value.dataSync()] });
  return { model, metadata: { writer: '@dl/nn saveSafetensors', input: asJson(input), output: asJson(output) } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { writeFileSync } = await import('node:fs');
  const { model, metadata } = makeDlMlp();
  const bytes = await serializeSafetensors(model.stateDict(), metadata);
  const path = new URL('../__fixtures__/nn_checkpoint_written_by_dl.safetensors', import.meta.url);
  writeFileSync(path, bytes);
  console.log(`wrote ${path.pathname} (${bytes.length} bytes)`);
}
