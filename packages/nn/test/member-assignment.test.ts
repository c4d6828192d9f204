// A plain tensor assigned over a module's member, as torch 1.13's nn.Module.__setattr__ reads it: over a
// buffer it stays a buffer (@dl dropped it from the state dict, so a checkpoint silently lost running
// statistics), over a parameter it is an error (@dl dropped the parameter, so an optimizer built later
// skipped it), after `delete` it is a plain field. Reference: tools/fixtures/nn_member_assignment_reference.py.
// @dl learns a field's role when the module registers it (registerBuffer, registerParameter) or is
// walked (parameters(), stateDict(), to(), an optimizer's constructor); the Linear scenarios take
// parameters() first, as building an optimizer does.
import { describe, expect, it } from 'vitest';
import { arange, noGrad, ones, type Tensor, tensor, zeros } from '@dl/tensor';
import { BatchNorm1d, isBuffer, Linear, Module, parameter } from '../src/index.js';
import { SGD } from '../src/optim/index.js';
import { readFixture } from './helpers/nn-fixtures.js';

interface Scenario {
  name: string;
  stateDict?: Record<string, number[]>;
  parameters?: string[];
  buffers?: string[];
  error?: string;
}

const reference = readFixture<{ cases: Scenario[] }>('nn_member_assignment.json');

/** A registered buffer `running` [2] of zeros and a parameter `scale` [2] of ones. */
class Running extends Module {
  scale = parameter(ones([2]));
  running!: Tensor;
  constructor() {
    super();
    this.registerBuffer('running', zeros([2]));
  }
  forward(x: Tensor): Tensor {
    return x.mul(this.scale).add(this.running);
  }
}

/** Linear(2, 3) with weight [[0, 1], [2, 3], [4, 5]] and bias [1, 2, 3], walked once (as an optimizer would). */
function linear(): Linear {
  const layer = new Linear(2, 3);
  noGrad(() => {
    layer.weight.copy_(arange(6).reshape([3, 2]));
    layer.bias!.copy_(tensor([1, 2, 3]));
  });
  layer.parameters();
  return layer;
}

type Fields = Record<string, unknown>;
const scenarios: Record<string, [() => Module, (module: Fields) => void]> = {
  'BatchNorm1d running_mean = plain tensor': [() => new BatchNorm1d(3), (module) => (module.running_mean = tensor([1, 2, 3]))],
  'registered buffer = plain tensor': [() => new Running(), (module) => (module.running = tensor([5, 6]))],
  'Linear weight = plain tensor': [linear, (module) => (module.weight = zeros([3, 2]))],
  'Linear weight = None': [linear, (module) => (module.weight = null)],
  'Linear weight = Parameter': [linear, (module) => (module.weight = parameter(zeros([3, 2]).add(7)))],
  'Linear del weight, then weight = plain tensor': [
    linear,
    (module) => {
      delete module.weight;
      // no Proxy sees the delete: the walk that frees the name (see the last test)
      (module as unknown as Module).parameters();
      module.weight = zeros([3, 2]);
    },
  ],
};

/** The state dict as the fixture writes it: each entry's values flattened. */
function flatStateDict(module: Module): Record<string, number[]> {
  return Object.fromEntries(Object.entries(module.stateDict()).map(([key, value]) => [key, [...value.reshape([-1]).dataSync()]]));
}

describe('a plain tensor assigned over a member (torch 1.13)', () => {
  for (const expected of reference.cases)
    it(expected.name, () => {
      const [make, assign] = scenarios[expected.name]!;
      const module = make();
      assign(module as unknown as Fields);
      if (expected.error !== undefined) {
        // torch raises at the assignment; @dl at the next walk, naming the field
        expect(() => module.parameters()).toThrow(/Linear: cannot assign a plain tensor \[3, 2\] as parameter 'weight'/);
        expect(() => module.stateDict()).toThrow(TypeError);
        return;
      }
      expect(flatStateDict(module)).toEqual(expected.stateDict);
      expect([...module.namedParameters()].map(([name]) => name)).toEqual(expected.parameters);
      expect([...module.namedBuffers()].map(([name]) => name)).toEqual(expected.buffers);
    });

  it('a reassigned buffer is a buffer everywhere: cast with the module, loaded, used by eval forward', () => {
    const norm = new BatchNorm1d(3);
    (norm as unknown as Fields).running_mean = tensor([1, 2, 3]);
    expect(isBuffer(norm.getBuffer('running_mean'))).toBe(true);
    norm.double();
    expect(norm.getBuffer('running_mean').dtype).toBe('float64');
    norm.loadStateDict({ ...norm.stateDict(), running_mean: tensor([3, 2, 1], { dtype: 'float64' }) });
    norm.eval();
    // eval: (x − running_mean) / √(running_var + eps) · 1 + 0, running_var = 1, eps = 1e-5
    const output = norm.call(zeros([1, 3], { dtype: 'float64' }));
    const scale = 1 / Math.sqrt(1 + 1e-5);
    [...output.dataSync()].forEach((value, index) => expect(value).toBeCloseTo(-[3, 2, 1][index]! * scale, 12));
  });

  it('delete then a plain tensor without a walk in between is refused, saying what frees the name', () => {
    const layer = linear() as unknown as Fields;
    delete layer.weight;
    layer.weight = zeros([3, 2]);
    expect(() => (layer as unknown as Module).stateDict()).toThrow(/after `delete module.weight`.*walk the module once/);
  });

  it('an optimizer built after a parameter was reassigned a plain tensor does not silently skip it', () => {
    const layer = linear();
    (layer as unknown as Fields).weight = zeros([3, 2]);
    expect(() => new SGD(layer.parameters(), { lr: 0.1 })).toThrow(/as parameter 'weight'.*assign parameter\(t\)/);
  });
});

/** torch's running-average habit: forward reassigns its buffer, `self.running = 0.9·self.running + 0.1·mean(x)`. */
class RunningMean extends Module {
  running!: Tensor;
  constructor() {
    super();
    this.registerBuffer('running', zeros([2]));
  }
  forward(x: Tensor): Tensor {
    this.running = noGrad(() => this.running.mul(0.9).add(x.mean(0).mul(0.1)));
    return x.sub(this.running);
  }
}

describe('a buffer reassigned inside forward (torch: self.running = ...)', () => {
  it('outlives the call and stays the buffer: three calls give the running mean in closed form', () => {
    const module = new RunningMean();
    const inputs = [tensor([[1, 2]]), tensor([[3, 4]]), tensor([[5, 6]])];
    for (const x of inputs) module.call(x);
    // r₃ = 0.1·(0.81·x₁ + 0.9·x₂ + x₃)
    const expected = [0.1 * (0.81 * 1 + 0.9 * 3 + 5), 0.1 * (0.81 * 2 + 0.9 * 4 + 6)];
    const running = [...module.getBuffer('running').dataSync()];
    running.forEach((value, index) => expect(value).toBeCloseTo(expected[index]!, 6));
    expect(Object.keys(module.stateDict())).toEqual(['running']);
    expect([...module.stateDict().running!.dataSync()]).toEqual(running);
  });
});
