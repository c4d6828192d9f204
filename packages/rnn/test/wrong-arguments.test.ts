import { describe, expect, it } from 'vitest';
import { arange, Tensor, tensor } from '@dl/tensor';
import { packPaddedSequence, packSequence, padPackedSequence, padSequence, unpadSequence } from '../src/index.js';
import { argumentMistakes, exportsGivenMistakesFirst, mistakeProblem, numericValues } from '../../../tools/testing/wrong-arguments.js';
import { exportedFunctions, strayArgumentProblems, strayCandidates } from '../../../tools/testing/wrong-arguments.js';
import * as rnn from '../src/index.js';

// The mistakes of packages/tensor/test/method-bad-arguments.test.ts in the packing functions: lengths
// forgotten or given as a tensor of the wrong kind, a padded batch where a packed one goes, a tensor
// where the list of sequences goes (`packSequence(x)` for `packSequence([x])`). Before, each failed in
// JavaScript's words ("lengths is not iterable", "sequences.map is not a function").

const mistakes = argumentMistakes(tensor);
const padded = () => arange(6).reshape(3, 2).float();
const valuesOf = numericValues(Tensor);

describe('the packing functions given the wrong arguments', () => {
  it('each works or says what is wrong', async () => {
    const problems: string[] = [];
    for (const [mistake, values] of Object.entries(mistakes)) {
      const calls = {
        [`packPaddedSequence(padded, ${mistake})`]: () => packPaddedSequence(padded(), ...(values() as [never])),
        [`packPaddedSequence(${mistake}, lengths)`]: () => packPaddedSequence(values()[0] as never, [3, 2]),
        [`unpadSequence(padded, ${mistake})`]: () => unpadSequence(padded(), ...(values() as [never])),
        [`packSequence(${mistake})`]: () => packSequence(...(values() as [never])),
        [`padSequence(${mistake})`]: () => padSequence(...(values() as [never])),
        [`padPackedSequence(${mistake})`]: () => padPackedSequence(...(values() as [never])),
      };
      for (const [form, call] of Object.entries(calls)) {
        const problem = await mistakeProblem(call, valuesOf);
        if (problem !== null) problems.push(`${form} ${problem}`);
      }
    }
    expect(problems).toEqual([]);
    expect(() => packSequence(padded() as never)).toThrow(
      'packSequence: expected a list of tensors, as packSequence([x, y]), got a Tensor',
    );
    expect(() => packPaddedSequence(padded(), undefined as never)).toThrow(
      'packPaddedSequence: lengths must be a list of integers, got undefined',
    );
  });

  it('every function of the package says what is wrong when a mistake stands for its first argument', async () => {
    expect(await exportsGivenMistakesFirst(rnn, tensor, Tensor)).toEqual([]);
  });
});

describe('@dl/rnn functions given an argument past their parameters', () => {
  it('every function refuses it, naming the operation', async () => {
    // isPackedSequence is a predicate, usable as an array callback
    const functions = exportedFunctions(rnn, (name) => name === 'isPackedSequence');
    const sequences = () => [tensor([1, 2, 3]), tensor([4, 5])];
    const packed = () => packSequence(sequences());
    const { problems, probed } = await strayArgumentProblems(functions, strayCandidates(tensor), {
      packPaddedSequence: (...extra) => packPaddedSequence(padSequence(sequences()), [3, 2], false, ...(extra as [])),
      packSequence: (...extra) => packSequence(sequences(), ...(extra as [])),
      padPackedSequence: (...extra) => padPackedSequence(packed(), ...(extra as [])),
      padSequence: (...extra) => padSequence(sequences(), ...(extra as [])),
      unpackSequence: (...extra) => rnn.unpackSequence(packed(), ...(extra as [])),
      unpadSequence: (...extra) => unpadSequence(padSequence(sequences()), [3, 2], false, ...(extra as [])),
    });
    expect(problems).toEqual([]);
    expect(probed).toBe(6);
  });
});
