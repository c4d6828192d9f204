import { describe, expect, it } from 'vitest';
import { noGrad, tensor, type Tensor } from '@dl/tensor';
import { Embedding, EmbeddingBag, F } from '../src/index.js';
import { expectClose, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// paddingIdx against a 3-row table, as torch 1.13 checks it (tools/fixtures/nn_embedding_padding_index_reference.py):
// an integer in [-3, 2], a negative one counting from the end. F.embedding, F.embeddingBag and
// EmbeddingBag accepted 5 or -4, matched no row and left every row its gradient; only Embedding refused.

interface PaddingCase {
  operation: 'F.embedding' | 'nn.Embedding' | 'F.embedding_bag' | 'nn.EmbeddingBag';
  paddingIdx: number | null;
  accepted: boolean;
  error?: string;
  output?: FixtureTensor;
  weightGrad?: FixtureTensor;
}
const reference = readFixture<{ rows: number; dim: number; indices: number[]; offsets: number[]; cases: PaddingCase[] }>(
  'nn_embedding_padding_index.json',
);

/** torch's table, arange(rows·dim) as [rows, dim], float64 (the fixture's dtype). */
function table(): Tensor {
  const values = Array.from({ length: reference.rows * reference.dim }, (_, index) => index);
  return tensor(values, { shape: [reference.rows, reference.dim], dtype: 'float64', requiresGrad: true });
}

/** A layer's weight set to the table, its padding row too (torch's fixture copies it the same way). */
function withTable<Layer extends { weight: Tensor }>(layer: Layer): Layer {
  noGrad(() => layer.weight.copy_(table()));
  return layer;
}

const indices = () => tensor(reference.indices, { dtype: 'int32' });
const moduleOptions = { dtype: 'float64' as const };

/** Each torch call, as @dl writes it: the output and the weight whose gradient to read. */
const operations: Record<PaddingCase['operation'], (paddingIdx: number | null) => [Tensor, Tensor]> = {
  'F.embedding': (paddingIdx) => {
    const weight = table();
    return [F.embedding(indices(), weight, { paddingIdx }), weight];
  },
  'nn.Embedding': (paddingIdx) => {
    const layer = withTable(new Embedding(reference.rows, reference.dim, { paddingIdx, ...moduleOptions }));
    return [layer.call(indices()) as Tensor, layer.weight];
  },
  'F.embedding_bag': (paddingIdx) => {
    const weight = table();
    return [F.embeddingBag(indices(), weight, { offsets: reference.offsets, mode: 'sum', paddingIdx }), weight];
  },
  'nn.EmbeddingBag': (paddingIdx) => {
    const layer = withTable(new EmbeddingBag(reference.rows, reference.dim, { mode: 'sum', paddingIdx, ...moduleOptions }));
    return [layer.call(indices(), reference.offsets) as Tensor, layer.weight];
  },
};

/** The name each error starts with: the function or the class. */
const owners: Record<PaddingCase['operation'], string> = {
  'F.embedding': 'embedding',
  'nn.Embedding': 'Embedding',
  'F.embedding_bag': 'embeddingBag',
  'nn.EmbeddingBag': 'EmbeddingBag',
};

describe('paddingIdx within the table, as torch checks it', () => {
  const accepted = reference.cases.filter((entry) => entry.accepted);
  const refused = reference.cases.filter((entry) => !entry.accepted);

  it.each(accepted.map((entry) => [entry.operation, String(entry.paddingIdx), entry] as const))(
    '%s accepts paddingIdx %s: the values, and no gradient to the padding row',
    (_, __, entry) => {
      const [output, weight] = operations[entry.operation](entry.paddingIdx);
      expectClose(output, entry.output!, `${entry.operation} output`, 0, 0);
      output.sum().backward();
      expectClose(weight.grad, entry.weightGrad!, `${entry.operation} weight gradient`, 0, 0);
    },
  );

  it.each(refused.map((entry) => [entry.operation, String(entry.paddingIdx), entry.error, entry] as const))(
    '%s refuses paddingIdx %s, naming the operation, the index and the range (torch: %s)',
    (operation, paddingIdx, _, entry) => {
      expect(() => operations[entry.operation](entry.paddingIdx)).toThrow(
        `${owners[operation]}: paddingIdx ${paddingIdx} must be within numEmbeddings (3): an integer from -3 through 2`,
      );
    },
  );
});
