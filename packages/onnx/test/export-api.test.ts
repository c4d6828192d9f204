import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchNorm2d, Conv2d, ConvTranspose2d, Dropout, F, Linear, MaxPool2d, Module, ReLU, Sequential } from '@dl/nn';
import { manualSeed, randn, tensor, type Tensor } from '@dl/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOnnxModel, exportOnnx, saveOnnx } from '../src/index.js';
import { decodeModel } from '../src/protobuf/model-codec.js';
import { expectSameAsOnnxRuntime } from './export-helpers.js';

const small = () => new Sequential(new Linear(3, 4), new ReLU(), new Dropout(0.5), new Linear(4, 2));

describe('exportOnnx', () => {
  it('stores parameters as initializers with their state-dict names, each once, and drops dropout', () => {
    manualSeed(31);
    const model = small();
    const summary = checkOnnxModel(exportOnnx(model, [randn([2, 3])]));
    expect(summary.initializers.sort()).toEqual(Object.keys(model.stateDict()).sort());
    expect(new Set(summary.initializers).size).toBe(summary.initializers.length);
    expect(summary.operators).toEqual(['Gemm', 'Relu']); // distinct operators: no Dropout, no Identity
    expect(summary.opsets).toEqual([{ domain: '', version: 17 }]);
    expect(summary.inputs).toEqual([{ name: 'input', elementType: 1, dims: [2, 3] }]);
    expect(summary.outputs).toEqual([{ name: 'output', elementType: 1, dims: [2, 2] }]);
  });

  it('names inputs, outputs and dynamic axes as asked, and writes the chosen opset', () => {
    const bytes = exportOnnx(small(), [randn([2, 3])], {
      opsetVersion: 13,
      inputNames: ['features'],
      outputNames: ['logits'],
      dynamicAxes: { features: { 0: 'batch' }, logits: { 0: 'batch' } },
    });
    const summary = checkOnnxModel(bytes);
    expect(summary.inputs[0]).toEqual({ name: 'features', elementType: 1, dims: ['batch', 3] });
    expect(summary.outputs[0]).toEqual({ name: 'logits', elementType: 1, dims: ['batch', 2] });
    expect(summary.opsets[0]!.version).toBe(13);
  });

  it('traces in eval mode and restores each module’s mode afterwards', async () => {
    manualSeed(32);
    const model = new Sequential(new Conv2d(1, 2, 3), new BatchNorm2d(2), new Dropout(0.9));
    model.train();
    (model as unknown as { '1': Module })['1'].eval(); // a mixed state must come back as it was
    await expectSameAsOnnxRuntime(model, [randn([1, 1, 5, 5])], [[randn([1, 1, 5, 5])]]);
    model.train();
    (model as unknown as { '1': Module })['1'].eval();
    exportOnnx(model, [randn([1, 1, 5, 5])]);
    expect(model.modules().map((module) => module.training)).toEqual([true, true, false, true]);
  });

  it('rejects unknown options and bad values, naming them', () => {
    const x = randn([2, 3]);
    expect(() => exportOnnx(small(), [x], { opset: 17 } as never)).toThrow(/unknown option 'opset'/);
    expect(() => exportOnnx(small(), [x], { opsetVersion: 12 })).toThrow(/opsetVersion must be an integer from 13 to 18/);
    expect(() => exportOnnx(small(), [x], { inputNames: ['a', 'b'] })).toThrow(/inputNames has 2 names for 1 example inputs/);
    expect(() => exportOnnx(small(), [x], { dynamicAxes: { images: { 0: 'batch' } } })).toThrow(/dynamicAxes names 'images'/);
    expect(() => exportOnnx(small(), [x], { doConstantFolding: 'yes' } as never)).toThrow(/doConstantFolding must be a boolean/);
    expect(() => exportOnnx(small(), [], {})).toThrow(/exampleInputs/);
  });

  it('fails on an op without an ONNX mapping, naming the op and the module path', () => {
    class Grouped extends Module {
      weight = new ConvTranspose2d(4, 4, 3).weight;
      forward(x: Tensor): Tensor {
        // functional transposed convolution runs the convolution's input-gradient kernel, which has no
        // ONNX mapping of its own (the ConvTranspose2d module maps to ConvTranspose)
        return F.convTranspose2d(x, this.weight, null);
      }
    }
    class Outer extends Module {
      inner = new Sequential(new Grouped());
      forward(x: Tensor): Tensor {
        return this.inner.call(x);
      }
    }
    expect(() => exportOnnx(new Outer(), [randn([1, 4, 6, 6])])).toThrow(
      /'conv2dInputGradient' in module 'inner\.0' \(Grouped\): has no ONNX mapping/,
    );
  });

  it('refuses indices chosen outside the trace (functional max pooling) rather than baking them in', () => {
    class FunctionalPool extends Module {
      forward(x: Tensor): Tensor {
        return F.maxPool2d(x.mul(2), 2);
      }
    }
    expect(() => exportOnnx(new FunctionalPool(), [randn([1, 1, 4, 4])])).toThrow(
      /'gather' in the root module \(FunctionalPool\): its indices were computed outside the trace/,
    );
    // the module form maps to MaxPool
    expect(checkOnnxModel(exportOnnx(new Sequential(new MaxPool2d(2)), [randn([1, 1, 4, 4])])).operators).toEqual(['MaxPool']);
  });

  it('keeps constant subexpressions as nodes without constant folding', async () => {
    class Shifted extends Module {
      fc = new Linear(3, 3);
      forward(x: Tensor): Tensor {
        return this.fc.call(x).add(tensor([1, 2, 3]).mul(0.5).add(2).exp());
      }
    }
    manualSeed(33);
    const model = new Shifted();
    const folded = checkOnnxModel(exportOnnx(model, [randn([2, 3])]));
    const unfolded = checkOnnxModel(exportOnnx(model, [randn([2, 3])], { doConstantFolding: false }));
    expect(folded.operators).toEqual(['Gemm', 'Add']);
    expect(unfolded.operators).toEqual(['Gemm', 'Mul', 'Add', 'Exp']);
    await expectSameAsOnnxRuntime(model, [randn([2, 3])], [[randn([2, 3])]], { doConstantFolding: false });
  });
});

describe('saveOnnx', () => {
  const directory = mkdtempSync(join(tmpdir(), 'dl-onnx-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('writes the same bytes as exportOnnx, atomically (no temporary file left)', async () => {
    manualSeed(34);
    const model = small();
    const x = randn([2, 3]);
    const path = join(directory, 'model.onnx');
    await saveOnnx(path, model, [x]);
    expect(readFileSync(path).equals(Buffer.from(exportOnnx(model, [x])))).toBe(true);
    expect(readdirSync(directory)).toEqual(['model.onnx']);
    expect((decodeModel(readFileSync(path)) as { producer_name: string }).producer_name).toBe('@dl/onnx');
  });

  it("names itself and the path when the file cannot be written, keeping Node's error code", async () => {
    manualSeed(35);
    const path = join(directory, 'missing-folder', 'model.onnx');
    const failure = saveOnnx(path, small(), [randn([2, 3])]);
    await expect(failure).rejects.toThrow(/^saveOnnx: writeFileAtomic: .*missing-folder.*model\.onnx/);
    await expect(failure).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('checkOnnxModel', () => {
  it('reports broken structure: a duplicated initializer and a value read before it is defined', async () => {
    const protobuf = await import('../src/protobuf/model-codec.js');
    const model = protobuf.decodeModel(exportOnnx(small(), [randn([2, 3])])) as {
      graph: { initializer: unknown[]; node: { input: string[] }[] };
    };
    model.graph.initializer.push(model.graph.initializer[0]);
    model.graph.node[0]!.input[0] = 'missing';
    expect(() => checkOnnxModel(protobuf.encodeModel(model))).toThrow(
      /initializer '0\.weight' is defined twice[\s\S]*reads 'missing' before it is defined/,
    );
  });
});
