import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linear } from '@dl/nn';
import { Tensor, tensor } from '@dl/tensor';
import * as onnx from '../src/index.js';
import {
  exportedFunctions,
  exportsGivenMistakesFirst,
  strayArgumentProblems,
  strayCandidates,
} from '../../../tools/testing/wrong-arguments.js';

// The mistakes of packages/tensor/test/method-bad-arguments.test.ts where a user of @dl/onnx makes them:
// the module or the model's bytes forgotten or given as something else. Before, `exportOnnx(model)`
// said "exampleInputs is not iterable" and `checkOnnxModel(path)` "Cannot read properties of undefined".

describe('@dl/onnx functions given a mistake for their first argument', () => {
  it('each says what is wrong', async () => {
    expect(await exportsGivenMistakesFirst(onnx, tensor, Tensor)).toEqual([]);
    expect(() => onnx.checkOnnxModel('model.onnx' as never)).toThrow(
      "checkOnnxModel: expects the model's bytes (a Uint8Array), got 'model.onnx'",
    );
  });
});

describe('@dl/onnx functions given an argument past their parameters', () => {
  it('every function refuses it, naming the operation', async () => {
    // each needs a module (or its bytes) to work: exportOnnx(model, x, options, <anything>) dropped the last
    const model = () => new Linear(2, 1);
    const example = () => tensor([[0.5, 0.25]]);
    const directory = mkdtempSync(join(tmpdir(), 'dl-onnx-arguments-'));
    const { problems, probed } = await strayArgumentProblems(exportedFunctions(onnx), strayCandidates(tensor), {
      exportOnnx: (...extra) => onnx.exportOnnx(model(), example(), {}, ...(extra as [])),
      saveOnnx: (...extra) => onnx.saveOnnx(join(directory, 'model.onnx'), model(), example(), {}, ...(extra as [])),
      checkOnnxModel: (...extra) => onnx.checkOnnxModel(onnx.exportOnnx(model(), example()), ...(extra as [])),
    });
    rmSync(directory, { recursive: true, force: true });
    expect(problems).toEqual([]);
    expect(probed).toBe(3);
  });
});
