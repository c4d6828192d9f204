import type { Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose, type FixtureTensor, fromFixture, readFixture } from '../../test/helpers/nn-fixtures.js';
import { ReLU } from '../activations/relu.js';
import { parseSafetensors, serializeSafetensors } from '../checkpoint/safetensors.js';
import { Sequential } from '../containers/sequential.js';
import { BatchNorm1d } from '../layers/batch-norm1d.js';
import { Linear } from '../layers/linear.js';
import { type AverageFunction, AveragedModel } from './averaged-model.js';

// AveragedModel against PyTorch 1.13's torch.optim.swa_utils.AveragedModel (tools/fixtures/nn_swa_reference.py):
// a float64 Linear → BatchNorm1d → ReLU → Linear model is fed three states; after each update the
// averaged model's whole state dict (n_averaged, averaged parameters, buffers averaged or not) is torch's.

type StateJson = Record<string, FixtureTensor>;
interface AveragedModelFixture {
  initial: StateJson;
  modelStates: StateJson[];
  after: Record<string, StateJson[]>;
  input: FixtureTensor;
  outputs: Record<string, FixtureTensor>;
  stateDictKeys: string[];
  stateDictDtypes: Record<string, string>;
  torchStateDictSafetensors: string;
}

const fixture = readFixture<{ averagedModel: AveragedModelFixture }>('nn_swa.json').averagedModel;

const isInteger = (name: string) => name.endsWith('num_batches_tracked') || name === 'n_averaged';
const loadState = (state: StateJson): Record<string, Tensor> =>
  Object.fromEntries(Object.entries(state).map(([name, value]) => [name, fromFixture(value, isInteger(name) ? 'int32' : 'float64')]));

function makeModel(): Sequential {
  const model = new Sequential(
    new Linear(3, 4, { dtype: 'float64' }),
    new BatchNorm1d(4, { dtype: 'float64' }),
    new ReLU(),
    new Linear(4, 2, { dtype: 'float64' }),
  );
  model.loadStateDict(loadState(fixture.initial));
  return model;
}

const ema: AverageFunction = (averaged, current) => averaged.mul(0.9).add(current, 0.1);
const configurations: Record<string, { avgFn?: AverageFunction; useBuffers: boolean }> = {
  default: { useBuffers: false },
  defaultUseBuffers: { useBuffers: true },
  ema: { avgFn: ema, useBuffers: false },
  emaUseBuffers: { avgFn: ema, useBuffers: true },
};

function expectState(actual: Record<string, Tensor>, expected: StateJson, label: string): void {
  expect(Object.keys(actual), `${label}: keys`).toEqual(Object.keys(expected));
  for (const [name, value] of Object.entries(expected)) {
    if (isInteger(name)) expect([...actual[name]!.dataSync()], `${label}: ${name}`).toEqual(value.data);
    else expectClose(actual[name], value, `${label}: ${name}`, 1e-12, 1e-14);
  }
}

describe('AveragedModel', () => {
  it("has torch's state-dict keys: n_averaged (int32 here, int64 in torch), then module.<name>", () => {
    const averaged = new AveragedModel(makeModel());
    expect(Object.keys(averaged.stateDict())).toEqual(fixture.stateDictKeys);
    expect(fixture.stateDictDtypes.n_averaged).toBe('torch.int64');
    expect(averaged.nAveraged.dtype).toBe('int32');
    expect(averaged.nAveraged.shape).toEqual([]);
  });

  for (const [name, configuration] of Object.entries(configurations)) {
    it(`gives torch's averaged state after 1, 2 and 3 updates: ${name}`, () => {
      const model = makeModel();
      const averaged = new AveragedModel(model, configuration);
      fixture.modelStates.forEach((state, index) => {
        model.loadStateDict(loadState(state));
        averaged.updateParameters(model);
        expectState(averaged.stateDict(), fixture.after[name]![index]!, `${name} after update ${index + 1}`);
      });
      averaged.eval();
      expectClose(averaged.call(fromFixture(fixture.input, 'float64')), fixture.outputs[name]!, `${name} output`, 1e-12, 1e-14);
    });
  }

  it("takes torch's positional order (model, device, avgFn, useBuffers)", () => {
    const model = makeModel();
    const averaged = new AveragedModel(model, undefined, ema, true);
    for (const state of fixture.modelStates) {
      model.loadStateDict(loadState(state));
      averaged.updateParameters(model);
    }
    expectState(averaged.stateDict(), fixture.after.emaUseBuffers![2]!, 'positional');
  });

  it("loads torch's safetensors state dict (int64 n_averaged narrowed to int32)", () => {
    const bytes = Uint8Array.from(Buffer.from(fixture.torchStateDictSafetensors, 'base64'));
    const { tensors } = parseSafetensors(bytes);
    expect(tensors.n_averaged!.dtype).toBe('int32');
    const averaged = new AveragedModel(makeModel(), { useBuffers: true });
    averaged.loadStateDict(tensors);
    expectState(averaged.stateDict(), fixture.after.defaultUseBuffers![2]!, 'loaded');
  });

  it('writes n_averaged back as int64, as torch holds it', async () => {
    const bytes = Uint8Array.from(Buffer.from(fixture.torchStateDictSafetensors, 'base64'));
    const averaged = new AveragedModel(makeModel(), { useBuffers: true });
    averaged.loadStateDict(parseSafetensors(bytes).tensors);
    const written = await serializeSafetensors(averaged.stateDict());
    // the header: 8 bytes of little-endian length, then JSON naming each tensor's dtype
    const length = Number(new DataView(written.buffer, written.byteOffset).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(written.subarray(8, 8 + length)));
    expect(header.n_averaged.dtype).toBe('I64');
    expect(header['module.1.num_batches_tracked'].dtype).toBe('I64');
    expect(parseSafetensors(written).tensors.n_averaged!.dataSync()).toEqual(parseSafetensors(bytes).tensors.n_averaged!.dataSync());
  });

  it('holds a copy: the model and the average do not share tensors', () => {
    const model = makeModel();
    const averaged = new AveragedModel(model);
    model.loadStateDict(loadState(fixture.modelStates[0]!));
    expectState(averaged.module.stateDict(), fixture.initial, 'copy before any update');
  });

  it('rejects unknown options, a non-function avgFn and a model of another structure', () => {
    expect(() => new AveragedModel(makeModel(), { use_buffers: true } as never)).toThrow(/AveragedModel.*use_buffers/);
    expect(() => new AveragedModel(makeModel(), { avgFn: 0.999 } as never)).toThrow(/AveragedModel: avgFn must be a function.*number/);
    const averaged = new AveragedModel(makeModel());
    expect(() => averaged.updateParameters(new Linear(3, 4, { dtype: 'float64' }))).toThrow(
      'AveragedModel.updateParameters: the model has 2 parameters, the averaged copy 6',
    );
  });
});
