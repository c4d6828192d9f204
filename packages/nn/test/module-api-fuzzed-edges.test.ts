// nn.Module behaviour that differential fuzzing against torch 1.13 found different: casts untied tied
// parameters, hooks added or removed during a call changed that call, a shape-[1] checkpoint entry was
// refused for a 0-d tensor, and integer-like names ('0', '1') were walked before the others.
// Reference: tools/fixtures/nn_module_api_reference.py (torch 1.13).
import { describe, expect, it } from 'vitest';
import { noGrad, ones, tensor, zeros, type Tensor } from '@dl/tensor';
import { BatchNorm1d, Embedding, Linear, Module, ModuleDict, ParameterDict, ReLU, Sequential, Tanh, parameter } from '../src/index.js';
import { readFixture } from './helpers/nn-fixtures.js';

interface Fixture {
  tied: {
    cast: string;
    parameterCount: number;
    names: string[];
    tied: boolean;
    dtype: string;
    gradientDtype: string;
    stateDict: Record<string, number[]>;
    output: number[];
  }[];
  sharedBuffer: { cast: string; bufferCount: number; shared: boolean }[];
  hooks: Record<string, string[][]>;
  load: { name: string; value: number; shape: number[] }[];
  order: Record<string, { stateDict?: string[]; outputShape?: number[]; children?: string[]; modules?: string[]; keys?: string[] }>;
}

const reference = readFixture<Fixture>('nn_module_api.json');

const casts: Record<string, (module: Module) => Module> = {
  double: (module) => module.double(),
  'to(float64)': (module) => module.to('float64'),
  'double then float': (module) => module.double().float(),
};

/** An embedding whose weight is also the output head's (weight tying), with the fixture's values. */
class Tied extends Module {
  e = new Embedding(5, 3);
  h = new Linear(3, 5);
  constructor() {
    super();
    this.h.weight = this.e.weight;
    noGrad(() => {
      this.e.weight.copy_(
        tensor(
          Float32Array.from({ length: 15 }, (_, index) => index / 8),
          { shape: [5, 3] },
        ),
      );
      this.h.bias!.copy_(
        tensor(
          Float32Array.from({ length: 5 }, (_, index) => index / 4),
          { shape: [5] },
        ),
      );
    });
  }
  forward(indices: Tensor): Tensor {
    return this.h.call(this.e.call(indices));
  }
}

class SharedBuffer extends Module {
  a = new ReLU();
  b = new ReLU();
  constructor() {
    super();
    const shared = tensor([0.5, 1.5]);
    this.a.registerBuffer('scale', shared);
    this.b.registerBuffer('scale', shared);
  }
  forward(): void {}
}

function scaleOf(module: Module): Tensor {
  return (module as unknown as Record<string, Tensor>).scale!;
}

describe('casts keep tied parameters tied (torch casts a Parameter in place)', () => {
  for (const expected of reference.tied)
    it(expected.cast, () => {
      const model = new Tied();
      model.e.weight.grad = tensor(new Float32Array(15).fill(0.25), { shape: [5, 3] });
      casts[expected.cast]!(model);
      expect(model.parameters()).toHaveLength(expected.parameterCount);
      expect([...model.namedParameters()].map(([name]) => name)).toEqual(expected.names);
      expect(model.e.weight === model.h.weight).toBe(expected.tied);
      expect(model.e.weight.dtype).toBe(expected.dtype);
      expect(model.e.weight.grad!.dtype).toBe(expected.gradientDtype);
      const state = model.stateDict();
      expect(Object.keys(state)).toEqual(Object.keys(expected.stateDict));
      for (const [key, values] of Object.entries(expected.stateDict)) expect(Array.from(state[key]!.dataSync()), key).toEqual(values);
      const output = model.call(tensor(Int32Array.from([1, 4]), { shape: [2] }));
      expect(Array.from(output.dataSync())).toEqual(expected.output);
    });

  for (const expected of reference.sharedBuffer)
    it(`${expected.cast}: a buffer held by two modules is cast per module, as torch's _buffers[key] = fn(buf)`, () => {
      const model = casts[expected.cast]!(new SharedBuffer()) as SharedBuffer;
      expect(model.buffers()).toHaveLength(expected.bufferCount);
      expect(scaleOf(model.a) === scaleOf(model.b)).toBe(expected.shared);
    });
});

/** Each scenario of the fixture: it registers hooks that append to `log`; then the layer is called. */
const hookScenarios: Record<string, (layer: Linear, log: string[]) => void> = {
  'a hook removing itself': (layer, log) => {
    const own = layer.registerForwardHook(() => {
      log.push('a');
      own.remove();
    });
    layer.registerForwardHook(() => void log.push('b'));
  },
  'a hook removing a later one': (layer, log) => {
    const handles: { remove(): void }[] = [];
    layer.registerForwardHook(() => {
      log.push('a');
      handles[0]!.remove();
    });
    handles.push(layer.registerForwardHook(() => void log.push('b')));
  },
  'a hook adding one': (layer, log) => {
    let added = false;
    layer.registerForwardHook(() => {
      log.push('a');
      if (added) return;
      added = true;
      layer.registerForwardHook(() => void log.push('c'));
    });
  },
  'the same function twice, the second handle removed': (layer, log) => {
    const f = () => void log.push('f');
    layer.registerForwardHook(f);
    layer.registerForwardHook(() => void log.push('g'));
    layer.registerForwardHook(f).remove();
  },
  'the same function twice, the first handle removed twice': (layer, log) => {
    const f = () => void log.push('f');
    const first = layer.registerForwardHook(f);
    layer.registerForwardHook(() => void log.push('g'));
    layer.registerForwardHook(f);
    first.remove();
    first.remove(); // a second remove of the same handle does nothing
  },
};

describe('forward hooks run from a snapshot, and each handle removes its own registration (torch 1.13)', () => {
  for (const [name, expected] of Object.entries(reference.hooks))
    it(name, () => {
      const layer = new Linear(2, 2);
      const log: string[] = [];
      hookScenarios[name]!(layer, log);
      const perCall = expected.map(() => {
        log.length = 0;
        layer.call(ones([1, 2]));
        return [...log];
      });
      expect(perCall).toEqual(expected);
    });
});

describe('loadStateDict reads a shape-[1] entry into a 0-d tensor (old checkpoints)', () => {
  const [normCase, scalarCase] = reference.load;

  it(normCase!.name, () => {
    const norm = new BatchNorm1d(3);
    const state = norm.stateDict();
    state.num_batches_tracked = tensor(Int32Array.from([7]), { shape: [1] });
    norm.loadStateDict(state);
    const loaded = norm.stateDict().num_batches_tracked!;
    expect([...loaded.shape]).toEqual(normCase!.shape);
    expect(loaded.itemSync()).toBe(normCase!.value);
  });

  it(scalarCase!.name, () => {
    class Scalar extends Module {
      gain = parameter(tensor(1));
      forward(): void {}
    }
    const scalar = new Scalar();
    scalar.loadStateDict({ gain: tensor([2.5]) });
    expect([...scalar.gain.shape]).toEqual(scalarCase!.shape);
    expect(scalar.gain.itemSync()).toBe(scalarCase!.value);
  });

  it('a longer 1-d entry for a 0-d tensor is a size mismatch naming both shapes', () => {
    const norm = new BatchNorm1d(3);
    const state = norm.stateDict();
    state.num_batches_tracked = tensor(Int32Array.from([7, 8]), { shape: [2] });
    expect(() => norm.loadStateDict(state)).toThrow(
      'size mismatch for num_batches_tracked: copying a param with shape [2] from checkpoint, the shape in current model is [].',
    );
  });
});

describe('children, parameters and buffers keep registration order, integer-like names too', () => {
  const order = reference.order;

  it('Sequential named then appended', () => {
    const expected = order['Sequential named then appended']!;
    const model = new Sequential({ fc: new Linear(2, 3) });
    model.append(new Linear(3, 4));
    expect(Object.keys(model.stateDict())).toEqual(expected.stateDict);
    expect([...model.namedChildren()].map(([name]) => name)).toEqual(expected.children);
    expect([...model.call(ones([1, 2])).shape]).toEqual(expected.outputShape);
  });

  it('ModuleDict update z then 0', () => {
    const modules = new ModuleDict().update([
      ['z', new ReLU()],
      ['0', new Tanh()],
    ]);
    expect(modules.keys()).toEqual(order['ModuleDict update z then 0']!.keys);
  });

  it('ModuleDict pop then set again (to the end; replacing keeps the place)', () => {
    const modules = new ModuleDict<Module>({ a: new ReLU(), b: new Tanh() });
    modules.set('a', modules.pop('a'));
    modules.set('b', new ReLU());
    expect(modules.keys()).toEqual(order['ModuleDict pop then set again']!.keys);
  });

  it('ParameterDict update z then 1', () => {
    const expected = order['ParameterDict update z then 1']!;
    const values = new ParameterDict().update([
      ['z', parameter(ones([1]))],
      ['1', parameter(ones([2]))],
    ]);
    expect(values.keys()).toEqual(expected.keys);
    // a state dict is a plain object, whose integer-like keys JavaScript lists first whatever the
    // order they were set in: the walk's order shows in namedParameters
    expect([...values.namedParameters()].map(([name]) => name)).toEqual(expected.stateDict);
  });

  it("a custom module registering '0' after its fields", () => {
    const expected = order["custom module registering '0' after fields"]!;
    class Custom extends Module {
      fc = new Linear(2, 2);
      declare head: Linear;
      constructor() {
        super();
        this.registerModule('0', new Linear(2, 2));
        this.registerBuffer('10', zeros([1]));
        this.head = new Linear(2, 1);
      }
      forward(): void {}
    }
    const custom = new Custom();
    expect(Object.keys(custom.stateDict())).toEqual(expected.stateDict);
    expect([...custom.namedChildren()].map(([name]) => name)).toEqual(expected.children);
    expect([...custom.namedModules()].map(([name]) => name)).toEqual(expected.modules);
  });
});
