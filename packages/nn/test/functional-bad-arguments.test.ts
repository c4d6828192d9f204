import { describe, expect, it } from 'vitest';
import { Tensor, tensor } from '@dl/tensor';
import * as library from '../src/index.js';
import { F, Module } from '../src/index.js';
import { inputCountKey, type MarkedForward, tensorInputKey } from '../src/module/forward-inputs.js';
import {
  argumentMistakes,
  exportedFunctions,
  exportsGivenMistakesFirst,
  mistakeProblem,
  numericValues,
  problemsAfterFirst,
  strayArgumentProblems,
  strayCandidates,
} from '../../../tools/testing/wrong-arguments.js';

// The mistakes of packages/tensor/test/method-bad-arguments.test.ts, made where a user of @dl/nn makes
// them: the target of a loss (`F.mseLoss(output, batch.target)` with `batch.targets` meant), the second
// tensor of a functional op, the input of a layer. Before, 29 functions of F failed in JavaScript's
// words ("Cannot read properties of undefined (reading 'shape')") and every layer given undefined
// failed inside its forward.

const mistakes = argumentMistakes(tensor);
const input = () =>
  tensor([
    [0.25, 0.5, 0.75],
    [0.3, 0.6, 0.9],
  ]);
const valuesOf = numericValues(Tensor);

describe('F given the wrong arguments', () => {
  it('every function of F works or says what is wrong when a mistake follows its input', async () => {
    const problems = await problemsAfterFirst(
      exportedFunctions(F).map(([name, f]) => [`F.${name}`, f] as const),
      input,
      mistakes,
      valuesOf,
    );
    expect(problems).toEqual([]);
  });

  it('every function of F says what is wrong when a mistake stands for its input', async () => {
    // F.tripletMarginLoss(batch.anchor, …) with a misspelt property, F.relu(5), F.conv2d()
    const problems: string[] = [];
    for (const [name, f] of exportedFunctions(F)) {
      for (const [mistake, values] of Object.entries(mistakes)) {
        if (mistake === 'a tensor' || mistake === 'a 0-d tensor') continue;
        const problem = await mistakeProblem(() => f(...values(), input(), input()), valuesOf);
        if (problem !== null) problems.push(`F.${name}(${mistake}, x, x) ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('names the missing target of a loss', () => {
    expect(() => F.mseLoss(input(), undefined as never)).toThrow('mseLoss: target must be a tensor, got undefined');
    expect(() => F.crossEntropy(input(), 'a' as never)).toThrow("crossEntropy: target must be a tensor, got 'a'");
    expect(() => (F.interpolate as (...values: unknown[]) => unknown)(input())).toThrow(
      'interpolate: expected the options { size } or { scaleFactor }, got undefined',
    );
  });
});

type LayerClass = { readonly prototype: Module & { forward: MarkedForward } };

/** The exported layers whose forward is marked with its input count (every layer with a fixed one). */
const markedLayers = Object.entries(library).filter(
  ([, value]) =>
    typeof value === 'function' &&
    (value as { prototype?: unknown }).prototype instanceof Module &&
    (((value as LayerClass).prototype.forward as MarkedForward | undefined)?.[inputCountKey] ?? 0) > 0,
) as [string, LayerClass][];

describe('a layer given undefined', () => {
  it(`each of the ${markedLayers.length} layers names it before its forward reads it`, () => {
    const problems: string[] = [];
    for (const [name, layerClass] of markedLayers) {
      // made without its constructor: the check comes before forward runs
      const layer = Object.create(layerClass.prototype) as { call(...inputs: unknown[]): unknown };
      for (const inputs of [[], [undefined]]) {
        try {
          layer.call(...inputs);
          problems.push(`${name}.call(${inputs.length ? 'undefined' : ''}) returned`);
        } catch (error) {
          const expected = `${name}.call: the input is undefined (a forgotten argument, or a property that does not exist)`;
          if (!(error instanceof Error) || error.message !== expected) problems.push(`${name}: ${String(error)}`);
        }
      }
    }
    expect(markedLayers.length).toBeGreaterThan(120);
    expect(problems).toEqual([]);
  });

  it('each layer that takes a tensor names a number, a string, null, true, a list or an object given in its place', () => {
    // `new ReLU().call(5)` failed in forward with "x.assertAlive is not a function", `conv.call([1, 2])`
    // with "Cannot read properties of undefined (reading 'join')": 87 of 153 layers built in a probe
    const problems: string[] = [];
    const tensorFirst = markedLayers.filter(([, layerClass]) => layerClass.prototype.forward[tensorInputKey] === true);
    for (const [name, layerClass] of tensorFirst) {
      const layer = Object.create(layerClass.prototype) as { call(...inputs: unknown[]): unknown };
      for (const [mistake, values] of Object.entries(mistakes)) {
        if (mistake === 'a tensor' || mistake === 'a 0-d tensor' || mistake === 'nothing' || mistake === 'undefined') continue;
        const [first] = values();
        try {
          layer.call(first);
          problems.push(`${name}.call(${mistake}) returned`);
        } catch (error) {
          const expected = `${name}.call: the input must be a tensor, got `;
          if (!(error instanceof Error) || !error.message.startsWith(expected)) problems.push(`${name}.call(${mistake}): ${String(error)}`);
        }
      }
    }
    expect(tensorFirst.length).toBeGreaterThan(110);
    expect(problems).toEqual([]);
    expect(() => new library.ReLU().call(5 as never)).toThrow('ReLU.call: the input must be a tensor, got 5');
  });

  it('the attention and transformer layers, whose forwards take options, name a mistake for a tensor', async () => {
    const layers: [string, { call(...inputs: unknown[]): unknown }, number][] = [
      ['MultiheadAttention', new library.MultiheadAttention(4, 2), 3],
      ['TransformerEncoderLayer', new library.TransformerEncoderLayer(4, 2, { dimFeedforward: 8 }), 1],
      ['TransformerDecoderLayer', new library.TransformerDecoderLayer(4, 2, { dimFeedforward: 8 }), 2],
      ['Transformer', new library.Transformer({ dModel: 4, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 8 }), 2],
    ];
    const problems: string[] = [];
    for (const [name, layer, count] of layers)
      for (const [mistake, values] of Object.entries(mistakes)) {
        if (mistake === 'a tensor' || mistake === 'a 0-d tensor') continue;
        const [first] = values();
        const inputs = [first, ...Array.from({ length: count - 1 }, () => library.F.relu(tensor([[[0.5, 0.25, 0.125, 1]]])))];
        const problem = await mistakeProblem(() => layer.call(...inputs), valuesOf);
        if (problem !== null) problems.push(`${name}.call(${mistake}, …) ${problem}`);
      }
    expect(problems).toEqual([]);
  });

  it('every loss module made with its defaults works or says what is wrong when its target is a mistake', async () => {
    const problems: string[] = [];
    const losses = Object.entries(library).filter(([name, value]) => /Loss$/.test(name) && typeof value === 'function') as [
      string,
      new () => { call(...inputs: unknown[]): unknown },
    ][];
    let made = 0;
    for (const [name, lossClass] of losses) {
      let loss: { call(...inputs: unknown[]): unknown };
      try {
        loss = new lossClass();
      } catch {
        continue; // a loss that needs constructor arguments (AdaptiveLogSoftmaxWithLoss's sizes)
      }
      made++;
      for (const [mistake, values] of Object.entries(mistakes)) {
        const problem = await mistakeProblem(() => loss.call(input(), ...values()), valuesOf);
        if (problem !== null) problems.push(`${name}.call(x, ${mistake}) ${problem}`);
      }
    }
    expect(losses.length).toBeGreaterThan(20);
    // the losses made with their defaults, not only those exported: a test of none would pass
    expect(made).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });
});

describe('the functions of @dl/nn beside F given a mistake for their first argument', () => {
  it('each says what is wrong', async () => {
    // parameter(undefined), clipGradNorm(model.parameters, 1) with the call forgotten, saveCheckpoint(checkpoint)
    // with the path forgotten, parseSafetensors(path) for its bytes: 20 failed in JavaScript's words
    // the model zoo's factories build a whole model when given nothing (vgg16() is 138M parameters): the
    // constructor tests hold them to their options
    const factories = new Set(['vgg11', 'vgg16', 'resnet18', 'resnet34', 'densenet121']);
    expect(await exportsGivenMistakesFirst(library, tensor, Tensor, (name) => factories.has(name))).toEqual([]);
    expect(exportedFunctions(library, (name) => factories.has(name)).length).toBeGreaterThan(30);
    await expect(library.saveSafetensors({}, undefined as never)).rejects.toThrow(
      'saveSafetensors: path must be a file path (a non-empty string), got undefined',
    );
  });
});

describe('the functions of @dl/nn given an argument past their parameters', () => {
  it('every function refuses it, naming the operation', async () => {
    // predicates stay usable as array callbacks; the zoo's factories build a whole model when they work,
    // so they are probed by their refusal alone, which comes before anything is built
    const predicates = new Set(['isModule', 'isParameter', 'isBuffer', 'isUninitialized']);
    const factories = new Set(['vgg11', 'vgg16', 'resnet18', 'resnet34', 'densenet121']);
    const functions = exportedFunctions(library, (name) => predicates.has(name) || factories.has(name));
    const { problems, probed } = await strayArgumentProblems([...functions, ...exportedFunctions(F)], strayCandidates(tensor));
    expect(problems).toEqual([]);
    expect(probed).toBeGreaterThan(65);
    // parameter(w, {}) turned requiresGrad on with any value
    expect(() => library.parameter(tensor([1]), {} as never)).toThrow('parameter: requiresGrad must be true or false, got an object');
    const factoryFunctions = {
      vgg11: library.vgg11,
      vgg16: library.vgg16,
      resnet18: library.resnet18,
      resnet34: library.resnet34,
      densenet121: library.densenet121,
    };
    for (const [name, factory] of Object.entries(factoryFunctions))
      expect(() => (factory as (...values: unknown[]) => unknown)({}, 10)).toThrow(`${name}: takes (options), got 2 arguments`);
  });
});
