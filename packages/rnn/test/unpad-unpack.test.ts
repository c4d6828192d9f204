// unpadSequence / unpackSequence against torch.nn.utils.rnn's unpad_sequence / unpack_sequence in
// float64 (tools/fixtures/rnn_unpad_reference.py → rnn_unpad.json): the sequences and the gradients of
// Σᵢ sum(sequenceᵢ · uᵢ), and their errors.
import { randn, tensor, zeros, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { packSequence, padSequence, unpackSequence, unpadSequence } from '../src/index.js';
import { expectClose, type FixtureTensor, fromFixture, readFixture } from './helpers/fixtures.js';

interface Backward {
  sequences: FixtureTensor[];
  upstream: FixtureTensor[];
}
interface UnpadCase extends Backward {
  name: string;
  padded: FixtureTensor;
  lengths: number[];
  batchFirst: boolean;
  paddedGrad: FixtureTensor;
}
interface UnpackCase extends Backward {
  name: string;
  inputs: FixtureTensor[];
  enforceSorted: boolean;
  inputGrads: FixtureTensor[];
}
const reference = readFixture<{ unpad: UnpadCase[]; unpack: UnpackCase[] }>('rnn_unpad.json');

/** Compares the sequences with torch's, then back-propagates Σᵢ sum(sequenceᵢ · uᵢ). */
function expectSequencesAndBackward(sequences: Tensor[], expected: Backward): void {
  expect(sequences).toHaveLength(expected.sequences.length);
  sequences.forEach((sequence, index) => expectClose(sequence, expected.sequences[index]!, `sequence ${index}`));
  sequences
    .map((sequence, index) => sequence.mul(fromFixture(expected.upstream[index]!)).sum())
    .reduce((total, term) => total.add(term))
    .backward();
}

describe('unpadSequence matches torch', () => {
  it.each(reference.unpad.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const padded = fromFixture(entry.padded, true);
    const sequences = unpadSequence(padded, tensor(entry.lengths, { dtype: 'int32' }), { batchFirst: entry.batchFirst });
    expect([...padded.shape]).toEqual(entry.padded.shape); // torch transposes its argument in place; not here
    expectSequencesAndBackward(sequences, entry);
    expectClose(padded.grad, entry.paddedGrad, 'padded gradient');
    // a plain array of lengths gives the same
    const again = unpadSequence(fromFixture(entry.padded), entry.lengths, { batchFirst: entry.batchFirst });
    again.forEach((sequence, index) => expectClose(sequence, entry.sequences[index]!, `sequence ${index} from an array`));
  });

  it('returns copies (as torch’s boolean indexing) and inverts padSequence', () => {
    const padded = padSequence([tensor([1, 2, 3]), tensor([4])]);
    const [a, b] = unpadSequence(padded, [3, 1]);
    a!.add_(10);
    expect(padded.toArraySync()).toEqual([
      [1, 4],
      [2, 0],
      [3, 0],
    ]);
    expect(b!.toArraySync()).toEqual([4]);
  });
});

describe('unpackSequence matches torch', () => {
  it.each(reference.unpack.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const inputs = entry.inputs.map((input) => fromFixture(input, true));
    const sequences = unpackSequence(packSequence(inputs, { enforceSorted: entry.enforceSorted }));
    expectSequencesAndBackward(sequences, entry);
    inputs.forEach((input, index) => expectClose(input.grad, entry.inputGrads[index]!, `input ${index} gradient`));
  });
});

describe('unpadSequence / unpackSequence errors', () => {
  it('name the shapes and lengths', () => {
    expect(() => unpadSequence(zeros([4]), [4])).toThrow('unpadSequence: paddedSequences must have at least 2 dimensions, got [4]');
    expect(() => unpadSequence(zeros([4, 2, 3]), [4, 2, 1])).toThrow(
      'unpadSequence: expected 2 lengths for paddedSequences [4, 2, 3] (batchFirst=false), got 3',
    );
    expect(() => unpadSequence(zeros([4, 2, 3]), [4, 5], { batchFirst: true })).toThrow(
      'unpadSequence: expected 4 lengths for paddedSequences [4, 2, 3] (batchFirst=true), got 2',
    );
    expect(() => unpadSequence(zeros([4, 2, 3]), [5, 2])).toThrow(
      'unpadSequence: lengths[0] is 5, expected an integer in [0, 4] for paddedSequences [4, 2, 3] (batchFirst=false)',
    );
    expect(() => unpadSequence(zeros([4, 2]), [1, -1])).toThrow('unpadSequence: lengths[1] is -1, expected an integer in [0, 4]');
    expect(() => unpadSequence(zeros([4, 2]), tensor([[1, 2]], { dtype: 'int32' }))).toThrow(
      'unpadSequence: lengths must be a 1-D tensor on the CPU, got shape [1, 2] on cpu',
    );
    expect(() => unpadSequence(zeros([4, 2]), [1, 2], { batch_first: true } as never)).toThrow(
      'unpadSequence: unknown option `batch_first` (did you mean `batchFirst`?)',
    );
    expect(() => unpackSequence(randn([3, 2]) as never)).toThrow('unpackSequence: expected a PackedSequence');
  });
});
