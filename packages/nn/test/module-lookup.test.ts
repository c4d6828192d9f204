// nn.Module look-ups and walks that differential fuzzing against torch 1.13 found missing or misread:
// getSubmodule / getParameter / getBuffer did not exist, stateDict({ keepVars }) read the options as a
// prefix and threw, namedModules refused torch's (memo, prefix, remove_duplicate), and there was no
// forward pre-hook. Reference: tools/fixtures/nn_module_lookup_reference.py (torch 1.13).
import { describe, expect, it } from 'vitest';
import { ones, type Tensor, tensor } from '@dl/tensor';
import { BatchNorm1d, Linear, Module, ReLU, Sequential } from '../src/index.js';
import { readFixture } from './helpers/nn-fixtures.js';

interface Fixture {
  lookups: { method: 'getSubmodule' | 'getParameter' | 'getBuffer'; target: string; resolved?: string; error?: string }[];
  stateDict: { options: { prefix?: string; keepVars?: boolean }; keys: string[]; own: boolean[]; requiresGrad: boolean[] }[];
  namedModules: {
    name: string;
    arguments: { memo?: string; prefix?: string; remove_duplicate?: boolean };
    paths: string[];
    memoAfter?: string[];
  }[];
  preHooks: Record<string, { forwardInputs?: number[][][]; forwardHookInputs?: unknown[][]; outputs: number[][] }>;
}

const reference = readFixture<Fixture>('nn_module_lookup.json');

/** The fixture's model: a Linear shared as `head` and inside `block`, a non-persistent buffer, a Linear without bias. */
class Net extends Module {
  shared = new Linear(2, 2);
  block = new Sequential(new Linear(2, 3), new ReLU(), new BatchNorm1d(3), this.shared);
  head = this.shared;
  nobias = new Linear(2, 1, false);
  constructor() {
    super();
    this.registerBuffer('scale', ones([1]), false);
  }
  forward(): void {}
}

/** A resolved module by its first path, a tensor by its first name (as the fixture writes them). */
function pathOf(net: Net, value: unknown): string {
  for (const [path, module] of net.namedModules()) if (module === value) return path;
  for (const [name, member] of [...net.namedParameters(), ...net.namedBuffers()]) if (member === value) return name;
  throw new Error('unresolved');
}

describe('getSubmodule, getParameter and getBuffer resolve dotted paths as torch', () => {
  for (const expected of reference.lookups)
    it(`${expected.method}('${expected.target}')`, () => {
      const net = new Net();
      const lookUp = () => net[expected.method](expected.target);
      if (expected.error !== undefined) expect(lookUp).toThrow(`Module.${expected.method}('${expected.target}'): ${expected.error}`);
      else expect(pathOf(net, lookUp())).toBe(expected.resolved);
    });

  it('a path that is not a string throws, naming the method', () => {
    expect(() => new Net().getSubmodule(3 as never)).toThrow('Module.getSubmodule: target must be a dotted path string, got 3');
  });
});

describe('stateDict takes { prefix, keepVars }', () => {
  for (const expected of reference.stateDict)
    it(JSON.stringify(expected.options), () => {
      const net = new Net();
      const state = net.stateDict(expected.options);
      const keys = Object.keys(state);
      expect(keys).toEqual(expected.keys);
      const prefix = expected.options.prefix ?? '';
      /** The module's own tensor behind a state-dict name. */
      const member = (key: string): Tensor => {
        const name = key.slice(prefix.length);
        const path = name.slice(0, Math.max(name.lastIndexOf('.'), 0));
        return (net.getSubmodule(path) as unknown as Record<string, Tensor>)[name.slice(name.lastIndexOf('.') + 1)]!;
      };
      expect(keys.map((key) => state[key] === member(key))).toEqual(expected.own);
      expect(keys.map((key) => state[key]!.requiresGrad)).toEqual(expected.requiresGrad);
    });

  it('the positional forms: stateDict(prefix) and stateDict(prefix, keepVars)', () => {
    const net = new Net();
    expect(Object.keys(net.stateDict('model.'))).toEqual(reference.stateDict[2]!.keys);
    expect(net.stateDict('model.', true)['model.shared.weight']).toBe(net.shared.weight);
    expect(() => net.stateDict({ keepVars: 'yes' } as never)).toThrow("Module.stateDict: keepVars must be true or false, got 'yes'");
    expect(() => net.stateDict({ destination: {} } as never)).toThrow('Module.stateDict: unknown option `destination`');
  });
});

describe('namedModules takes torch’s (memo, prefix, removeDuplicate)', () => {
  for (const expected of reference.namedModules)
    it(expected.name, () => {
      const net = new Net();
      const { memo: memoPath, prefix, remove_duplicate: removeDuplicate } = expected.arguments;
      const memo = memoPath === undefined ? null : new Set([net.getSubmodule(memoPath)]);
      const paths = [...net.namedModules(memo, prefix, removeDuplicate)].map(([path]) => path);
      expect(paths).toEqual(expected.paths);
      if (expected.memoAfter) expect([...memo!].map((module) => pathOf(net, module)).sort()).toEqual(expected.memoAfter);
      // the same walk as an options object
      const options = { memo: memo === null ? null : new Set([net.getSubmodule(memoPath!)]), prefix, removeDuplicate };
      expect([...net.namedModules(options)].map(([path]) => path)).toEqual(expected.paths);
    });

  it("this package's (prefix, removeDuplicate) form and bad arguments", () => {
    const net = new Net();
    expect([...net.namedModules('model', false)].map(([path]) => path)).toEqual(reference.namedModules[3]!.paths);
    expect([...net.namedModules('model')].map(([path]) => path)).toEqual(reference.namedModules[1]!.paths);
    expect(() => net.namedModules([] as never)).toThrow('Module.namedModules: memo must be a Set of modules or null, got');
    expect(() => net.namedModules(null, 'model', 'no' as never)).toThrow(
      "Module.namedModules: removeDuplicate must be true or false, got 'no'",
    );
  });
});

/** forward(x, factor = 1) = x · factor, recording what it receives. */
class Scale extends Module {
  seen: unknown[][] = [];
  forward(x: Tensor, factor = 1): Tensor {
    this.seen.push([x.toArraySync(), factor]);
    return x.mul(factor);
  }
}

type PreHook = Parameters<Module['registerForwardPreHook']>[0];
const asTensor = (value: unknown) => value as Tensor;

/** Each case: the hooks to register on a fresh Scale (some register or remove others while running). */
const preHookCases: Record<string, (module: Scale) => PreHook[]> = {
  'returns nothing': () => [() => undefined],
  'returns a tuple': () => [(_, inputs) => [asTensor(inputs[0]).add(1), 3]],
  'returns one value': () => [(_, inputs) => asTensor(inputs[0]).mul(10)],
  'two hooks in order': () => [(_, inputs) => asTensor(inputs[0]).add(1), (_, inputs) => [inputs[0], 2]],
  'a hook added during a call runs from the next call': () => {
    let added = false;
    return [
      (module) => {
        if (!added) module.registerForwardPreHook((_, inputs) => asTensor(inputs[0]).mul(100));
        added = true;
      },
    ];
  },
  'a hook removed during a call still runs in that call': (module) => {
    const handles: { remove(): void }[] = [];
    module.registerForwardPreHook(() => handles.pop()?.remove());
    handles.push(module.registerForwardPreHook((_, inputs) => asTensor(inputs[0]).add(5)));
    return [];
  },
};

describe('registerForwardPreHook runs before forward, from a snapshot, as torch', () => {
  const x = () => tensor([1, 2]);
  for (const [name, hooks] of Object.entries(preHookCases))
    it(name, () => {
      const expected = reference.preHooks[name]!;
      const module = new Scale();
      for (const hook of hooks(module)) module.registerForwardPreHook(hook);
      const outputs = [module.call(x()).toArraySync(), module.call(x()).toArraySync()];
      // torch's forward received the inputs without its default factor: compare the factor where given
      expect(module.seen.map(([input, factor]) => (factor === 1 ? [input] : [input, factor]))).toEqual(expected.forwardInputs);
      expect(outputs).toEqual(expected.outputs);
    });

  it('forward hooks see the replaced inputs; handle.remove stops a pre-hook', () => {
    const expected = reference.preHooks['forward hook sees replaced inputs; handle.remove']!;
    const module = new Scale();
    const seen: unknown[][] = [];
    module.registerForwardPreHook((_, inputs) => [inputs[0], 4]);
    module.registerForwardHook((_, inputs) => {
      seen.push([asTensor(inputs[0]).toArraySync(), inputs[1]]);
    });
    const handle = module.registerForwardPreHook((_, inputs) => [asTensor(inputs[0]).add(1), inputs[1]]);
    const first = module.call(x()).toArraySync();
    handle.remove();
    const second = module.call(x()).toArraySync();
    expect(seen).toEqual(expected.forwardHookInputs);
    expect([first, second]).toEqual(expected.outputs);
  });

  it('checks the inputs after the pre-hooks, and refuses a hook that is not a function', () => {
    const layer = new Linear(2, 1);
    layer.registerForwardPreHook(() => [tensor([[1, 2]])]);
    expect(layer.call(undefined as never).shape).toEqual([1, 1]); // the hook supplied the input
    layer.registerForwardPreHook(() => ['not a tensor']);
    expect(() => layer.call(tensor([[1, 2]]))).toThrow('Linear');
    expect(() => layer.registerForwardPreHook(3 as never)).toThrow('Module.registerForwardPreHook: hook must be a function, got 3');
  });
});
