import { Conv2d, Flatten, LeakyReLU, Linear, Sequential, Tanh } from '@dl/nn';
import { manualSeed, rand, randn, tensor } from '@dl/tensor';
import { gradgradcheck } from '@dl/tensor/testing';
import { describe, expect, it } from 'vitest';
import {
  expectClose,
  expectNumberClose,
  fromFixture,
  readFixture,
  stateFromFixture,
  type FixtureTensor,
} from '../../test/helpers/fixtures.js';
import { wassersteinCriticLoss } from '../losses/wasserstein-losses.js';
import { clipWeights } from './clip-weights.js';
import { gradientPenalty } from './gradient-penalty.js';
import { r1Penalty } from './r1-penalty.js';

interface PenaltyCase {
  weights: Record<string, FixtureTensor>;
  real: FixtureTensor;
  fake: FixtureTensor;
  eps: FixtureTensor;
  lambda: number;
  gamma: number;
  penalty: number;
  criticLoss: number;
  total: number;
  totalGrads: Record<string, FixtureTensor>;
  r1: number;
  r1Grads: Record<string, FixtureTensor>;
}
const fixture = readFixture<Record<'mlp' | 'conv', PenaltyCase>>('gan_penalties.json');

const critics: Record<'mlp' | 'conv', () => Sequential> = {
  mlp: () => new Sequential(new Linear(6, 8), new Tanh(), new Linear(8, 8), new LeakyReLU(0.2), new Linear(8, 1)),
  conv: () => new Sequential(new Conv2d(2, 3, 3, { stride: 2, padding: 1 }), new Tanh(), new Flatten(), new Linear(48, 1)),
};

function loadCritic(kind: 'mlp' | 'conv'): Sequential {
  const critic = critics[kind]().to('float64');
  critic.loadStateDict(stateFromFixture(fixture[kind].weights));
  return critic;
}

describe('gradientPenalty and r1Penalty against PyTorch (float64)', () => {
  for (const kind of ['mlp', 'conv'] as const) {
    const data = fixture[kind];
    it(`${kind} critic: penalty, and d(critic loss + λ·GP)/dθ for every parameter (the second-order path)`, () => {
      const critic = loadCritic(kind);
      const real = fromFixture(data.real);
      const fake = fromFixture(data.fake);
      const penalty = gradientPenalty(critic, real, fake, { lambda: data.lambda, eps: fromFixture(data.eps) });
      const criticLoss = wassersteinCriticLoss(critic.call(real), critic.call(fake));
      const total = criticLoss.add(penalty);
      total.backward();
      expectNumberClose(penalty.itemSync(), data.penalty, 'penalty', 1e-10);
      expectNumberClose(total.itemSync(), data.total, 'total', 1e-10);
      for (const [name, parameter] of critic.namedParameters())
        expectClose(parameter.grad, data.totalGrads[name]!, `d total / d ${name}`, 1e-8, 1e-11);
    });

    it(`${kind} critic: R1 = γ/2·mean‖∇D(x)‖² and its parameter gradients`, () => {
      const critic = loadCritic(kind);
      const r1 = r1Penalty(critic, fromFixture(data.real), { gamma: data.gamma });
      r1.backward();
      expectNumberClose(r1.itemSync(), data.r1, 'r1', 1e-10);
      for (const [name, parameter] of critic.namedParameters()) {
        // the last bias does not reach ∇ₓD: no gradient here, zeros in torch (its zero_grad fills zeros)
        if (parameter.grad === null)
          expect(
            data.r1Grads[name]!.data.every((value) => value === 0),
            `d r1 / d ${name}`,
          ).toBe(true);
        else expectClose(parameter.grad, data.r1Grads[name]!, `d r1 / d ${name}`, 1e-8, 1e-11);
      }
    });
  }

  it('matches the closed form for a linear critic C(x) = w·x: GP = λ(‖w‖ − 1)², R1 = γ/2·‖w‖²', () => {
    const critic = new Linear(3, 1, { bias: false });
    critic.loadStateDict({ weight: tensor([[2, -1, 2]]) }); // ‖w‖ = 3
    manualSeed(1);
    const real = randn([5, 3]);
    const fake = randn([5, 3]);
    expect(gradientPenalty(critic, real, fake, { lambda: 10 }).itemSync()).toBeCloseTo(40, 4);
    expect(r1Penalty(critic, real, { gamma: 2 }).itemSync()).toBeCloseTo(9, 4);
  });

  it('is twice differentiable in the critic weights (gradgradcheck)', () => {
    manualSeed(3);
    const real = randn([3, 2], { dtype: 'float64' });
    const fake = randn([3, 2], { dtype: 'float64' });
    const eps = tensor(Float64Array.from([0.2, 0.5, 0.9]), { shape: [3, 1] });
    const weight = randn([4, 2], { dtype: 'float64', requiresGrad: true });
    const head = randn([1, 4], { dtype: 'float64', requiresGrad: true });
    const penaltyOf = (first: typeof weight, second: typeof head) =>
      gradientPenalty((x) => x.matmul(first.t()).tanh().matmul(second.t()), real, fake, { eps });
    expect(gradgradcheck(penaltyOf, [weight, head])).toBe(true);
  });

  it('rejects mismatched shapes and unknown options', () => {
    const critic = new Linear(3, 1);
    expect(() => gradientPenalty(critic, randn([4, 3]), randn([5, 3]))).toThrow(
      /gradientPenalty: real and fake must have the same shape .*\[4, 3\] and \[5, 3\]/,
    );
    expect(() => gradientPenalty(critic, randn([4, 3]), randn([4, 3]), { eps: randn([3]) })).toThrow(
      /gradientPenalty: eps must hold one weight per sample, shape \[4\] or \[4, 1, …\], got shape \[3\]/,
    );
    // [1, B] holds B weights but not one per sample along the batch dim (torch's ε·x would broadcast it wrongly)
    expect(() => gradientPenalty(critic, randn([4, 3]), randn([4, 3]), { eps: randn([1, 4]) })).toThrow(
      /gradientPenalty: eps must hold one weight per sample, shape \[4\] or \[4, 1, …\], got shape \[1, 4\]/,
    );
    expect(gradientPenalty(critic, randn([4, 3]), randn([4, 3]), { eps: rand([4, 1]) }).shape).toEqual([]);
    expect(() => gradientPenalty(critic, randn([4, 3]), randn([4, 3]), { weight: 10 } as never)).toThrow(
      /unknown option `weight`. Accepted options: lambda, eps/,
    );
    expect(() => r1Penalty(critic, randn([4, 3]), { lambda: 1 } as never)).toThrow(
      /r1Penalty: unknown option `lambda`. Accepted options: gamma/,
    );
  });
});

describe('clipWeights', () => {
  it('clamps every critic parameter to [−c, c] in place', () => {
    manualSeed(0);
    const critic = new Sequential(new Linear(4, 8), new LeakyReLU(0.2), new Linear(8, 1));
    const before = critic.parameters().map((parameter) => [...parameter.dataSync()]);
    clipWeights(critic, 0.05);
    critic.parameters().forEach((parameter, index) => {
      const values = parameter.dataSync();
      before[index]!.forEach((value, at) => expect(values[at]).toBeCloseTo(Math.min(0.05, Math.max(-0.05, value)), 7));
    });
    expect(() => clipWeights(critic, 0)).toThrow(/clipWeights: clipValue must be positive, got 0/);
  });
});

describe('arguments the penalties do not take', () => {
  it('throw, naming the function, instead of being dropped', () => {
    const critic = new Sequential(new Linear(2, 1));
    const batch = randn([3, 2]);
    const loose = (callable: unknown) => callable as (...values: unknown[]) => unknown;
    expect(() => loose(gradientPenalty)(critic, batch, batch, {}, 10)).toThrow(
      'gradientPenalty: takes (critic, real, fake, options), got 5 arguments',
    );
    expect(() => loose(clipWeights)(critic, 0.01, true)).toThrow('clipWeights: takes (critic, clipValue), got 3 arguments');
  });
});
