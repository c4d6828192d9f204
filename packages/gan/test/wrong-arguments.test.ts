import { describe, expect, it } from 'vitest';
import { Linear } from '@dl/nn';
import { Tensor, tensor } from '@dl/tensor';
import * as gan from '../src/index.js';
import { argumentMistakes, exportsGivenMistakesFirst, mistakeProblem, numericValues } from '../../../tools/testing/wrong-arguments.js';
import { exportedFunctions, strayArgumentProblems, strayCandidates } from '../../../tools/testing/wrong-arguments.js';

// The mistakes of packages/tensor/test/method-bad-arguments.test.ts in the GAN step: the scores of a
// loss (`wassersteinCriticLoss(realScores, fakeScore)` with a misspelt variable reads undefined), the
// batches of a penalty, the critic. Before, each failed in JavaScript's words ("Cannot read properties
// of undefined (reading 'dtype')"), and `clipWeights(critic)` with a function of a batch as critic
// failed on `critic.parameters`.

const mistakes = argumentMistakes(tensor);
const scores = () => tensor([[0.25], [0.5], [-0.75]]);
const batch = () =>
  tensor([
    [0.25, 0.5],
    [0.3, 0.6],
    [0.1, 0.9],
  ]);
const valuesOf = numericValues(Tensor);

/** The losses, each given its first scores and a mistake (the generator losses take one argument: the mistake is an extra). */
const losses = Object.entries(gan).filter(([name, value]) => /Loss$/.test(name) && typeof value === 'function') as [
  string,
  (...values: unknown[]) => unknown,
][];

describe('the GAN functions given the wrong arguments', () => {
  it(`each of the ${losses.length} losses works or says what is wrong when a mistake follows its scores, or stands for them`, async () => {
    const problems: string[] = [];
    for (const [name, loss] of losses)
      for (const [mistake, values] of Object.entries(mistakes)) {
        for (const [form, call] of [
          [`${name}(scores, ${mistake})`, () => loss(scores(), ...values())],
          [`${name}(${mistake})`, () => loss(...values())],
        ] as const) {
          const problem = await mistakeProblem(call, valuesOf);
          if (problem !== null) problems.push(`${form} ${problem}`);
        }
      }
    expect(losses.length).toBe(9);
    expect(problems).toEqual([]);
  });

  it('the penalties and clipWeights name a batch or a critic that is a mistake', async () => {
    const critic = new Linear(2, 1);
    const problems: string[] = [];
    for (const [mistake, values] of Object.entries(mistakes)) {
      const calls = {
        [`gradientPenalty(critic, real, ${mistake})`]: () => gan.gradientPenalty(critic, batch(), ...(values() as [Tensor])),
        [`gradientPenalty(${mistake}, real, fake)`]: () => gan.gradientPenalty(values()[0] as never, batch(), batch()),
        [`r1Penalty(critic, ${mistake})`]: () => gan.r1Penalty(critic, ...(values() as [Tensor])),
        [`r1Penalty(${mistake}, real)`]: () => gan.r1Penalty(values()[0] as never, batch()),
        [`clipWeights(${mistake})`]: () => gan.clipWeights(...(values() as [never])),
      };
      for (const [form, call] of Object.entries(calls)) {
        const problem = await mistakeProblem(call, valuesOf);
        if (problem !== null) problems.push(`${form} ${problem}`);
      }
    }
    expect(problems).toEqual([]);
    expect(() => gan.wassersteinCriticLoss(scores(), undefined as never)).toThrow(
      'wassersteinCriticLoss: fakeScores must be a tensor, got undefined',
    );
    expect(() => gan.clipWeights(((x: Tensor) => x) as never)).toThrow('clipWeights: critic must be a module, got');
  });

  it('every function says what is wrong when a mistake stands for its first argument', async () => {
    // spectralNorm(undefined), fitGan(trainer) without options, progressLine(step) with a number:
    // 6 functions failed in JavaScript's words; checkOptions is the shared option check (its caller's name first)
    expect(await exportsGivenMistakesFirst(gan, tensor, Tensor, (name) => name === 'checkOptions')).toEqual([]);
    expect(() => gan.spectralNorm(scores() as never)).toThrow('spectralNorm: expects a module (a layer with a weight), got a Tensor');
  });
});

describe('the GAN functions given an argument past their parameters', () => {
  it('every function refuses it, naming the operation', async () => {
    // dcganWeightsInit is a callback of Module.apply (and of forEach); checkOptions takes its caller's name first
    const functions = exportedFunctions(gan, (name) => name === 'dcganWeightsInit' || name === 'checkOptions');
    const { problems, probed } = await strayArgumentProblems(functions, strayCandidates(tensor));
    expect(problems).toEqual([]);
    expect(probed).toBeGreaterThan(8);
  });
});
