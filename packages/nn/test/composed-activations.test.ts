import { describe, expect, it } from 'vitest';
import { noGrad, tensor, type Tensor } from '@dl/tensor';
import { gradcheck, gradgradcheck, leftBehind } from '@dl/tensor/testing';
import {
  CELU,
  F,
  GLU,
  Hardsigmoid,
  Hardswish,
  Hardtanh,
  LogSigmoid,
  Mish,
  PReLU,
  ReLU6,
  SELU,
  Softmin,
  Softsign,
  Tanhshrink,
  Threshold,
} from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// The activations torch.nn.functional has beyond the first ten, against torch 1.13
// (tools/fixtures/nn_activations_reference.py): outputs, and gradients of sum(output · weights).
interface ActivationCase {
  name: string;
  output: FixtureTensor;
  weights: FixtureTensor;
  gradient: FixtureTensor;
  slopes?: FixtureTensor;
  slopesGradient?: FixtureTensor;
}
const reference = readFixture<{
  input: FixtureTensor;
  cases: ActivationCase[];
  kinks: FixtureTensor;
  atKinks: { name: string; output: FixtureTensor; gradient: FixtureTensor }[];
}>('nn_activations.json');
const slopes = () => fromFixture(reference.cases.find((entry) => entry.slopes)!.slopes!).requiresGrad_();

const functions: Record<string, (x: Tensor, slope: Tensor) => Tensor> = {
  relu6: (x) => F.relu6(x),
  hardtanh: (x) => F.hardtanh(x),
  'hardtanh(-2, 2)': (x) => F.hardtanh(x, -2, 2),
  selu: (x) => F.selu(x),
  celu: (x) => F.celu(x),
  'celu(0.5)': (x) => F.celu(x, { alpha: 0.5 }),
  logSigmoid: (x) => F.logSigmoid(x),
  'softmin(1)': (x) => F.softmin(x, 1),
  softsign: (x) => F.softsign(x),
  tanhshrink: (x) => F.tanhshrink(x),
  mish: (x) => F.mish(x),
  hardsigmoid: (x) => F.hardsigmoid(x),
  hardswish: (x) => F.hardswish(x),
  'threshold(0.5, -2)': (x) => F.threshold(x, 0.5, -2),
  'glu(1)': (x) => F.glu(x, 1),
  'glu(-1)': (x) => F.glu(x.narrow(-1, 0, 4), -1), // the narrow view is the caller's (see below)
  'prelu, one slope per channel': (x, slope) => F.prelu(x, slope),
};

describe('composed activations against torch', () => {
  it.each(reference.cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const input = fromFixture(reference.input).requiresGrad_();
    const slope = slopes();
    const output = functions[name]!(input, slope);
    expectClose(output, entry.output, `${name}: output`, 1e-5, 1e-6);
    output.mul(fromFixture(entry.weights)).sum().backward();
    expectClose(input.grad, entry.gradient, `${name}: gradient`, 1e-5, 1e-5);
    if (entry.slopesGradient) expectClose(slope.grad, entry.slopesGradient, `${name}: slopes' gradient`, 1e-5, 1e-4);
  });

  // relu6, hardtanh and hardsigmoid had gradient 1 (1/6) at their corners, where torch's is 0; hardswish 1.5 at 3
  it.each(reference.atKinks.map((entry) => [entry.name, entry] as const))(
    '%s: torch’s gradient exactly at the kinks (float64)',
    (name, entry) => {
      const input = fromFixture(reference.kinks, 'float64').requiresGrad_();
      const output = functions[name]!(input, slopes());
      expectClose(output, entry.output, `${name}: output at the kinks`, 1e-12, 1e-12);
      output.sum().backward();
      // torch's hardsigmoid multiplies by 1/6 rounded to float32 even in float64 (0.16666667163…)
      expectClose(input.grad, entry.gradient, `${name}: gradient at the kinks`, 1e-7, 1e-12);
    },
  );

  it('pass float64 gradcheck, second order too for the smooth ones', () => {
    const x = tensor([-2.7, -1.3, -0.4, 0.6, 1.9, 2.4], { dtype: 'float64', requiresGrad: true });
    for (const smooth of [F.selu, F.celu, F.logSigmoid, F.softsign, F.tanhshrink, F.mish] as ((input: Tensor) => Tensor)[]) {
      expect(gradcheck(smooth, [x])).toBe(true);
      expect(gradgradcheck(smooth, [x])).toBe(true);
    }
    expect(gradcheck((input: Tensor) => F.hardswish(input), [x])).toBe(true);
  });

  it('release their intermediates (under noGrad: with a graph, what backward needs stays until it runs)', () => {
    const input = fromFixture(reference.input);
    const slope = slopes();
    const firstColumns = input.narrow(-1, 0, 4); // made here: glu(-1)'s own call would leave its view
    const calls: Record<string, (x: Tensor, slope: Tensor) => Tensor> = { ...functions, 'glu(-1)': () => F.glu(firstColumns, -1) };
    for (const [name, call] of Object.entries(calls)) {
      call(input, slope).dispose();
      expect(
        leftBehind(() => noGrad(() => call(input, slope)), [input, slope]),
        name,
      ).toEqual({ handles: 0, bytes: 0 });
    }
  });
});

describe('activation modules', () => {
  it('are their F functions, with torch’s positional arguments and defaults', () => {
    const input = fromFixture(reference.input);
    const same = (output: Tensor, name: string) =>
      expectClose(output, reference.cases.find((entry) => entry.name === name)!.output, name, 1e-5, 1e-6);
    same(new ReLU6().call(input), 'relu6');
    same(new Hardtanh().call(input), 'hardtanh');
    same(new Hardtanh(-2, 2).call(input), 'hardtanh(-2, 2)');
    same(new SELU({ inplace: true }).call(input), 'selu');
    // torch's positional inplace flag (it was refused: "expected an options object")
    same(new ReLU6(true).call(input), 'relu6');
    same(new Hardswish(true).call(input), 'hardswish');
    expect(() => new ReLU6('yes' as never)).toThrow('ReLU6: inplace must be true or false');
    same(new CELU(0.5).call(input), 'celu(0.5)');
    same(new LogSigmoid().call(input), 'logSigmoid');
    same(new Softmin(1).call(input), 'softmin(1)');
    same(new Softsign().call(input), 'softsign');
    same(new Tanhshrink().call(input), 'tanhshrink');
    same(new Mish().call(input), 'mish');
    same(new Hardsigmoid().call(input), 'hardsigmoid');
    same(new Hardswish().call(input), 'hardswish');
    same(new Threshold(0.5, -2).call(input), 'threshold(0.5, -2)');
    same(new GLU(1).call(input), 'glu(1)');
  });

  it('PReLU learns one slope, or one per channel, named weight and starting at 0.25', () => {
    const shared = new PReLU();
    expect(Object.keys(shared.stateDict())).toEqual(['weight']);
    expect(shared.weight.toArraySync()).toEqual([0.25]);
    expect(shared.call(tensor([-2, 3])).toArraySync()).toEqual([-0.5, 3]);
    const perChannel = new PReLU(4);
    perChannel.weight = slopes();
    const entry = reference.cases.find((candidate) => candidate.name === 'prelu, one slope per channel')!;
    expectClose(perChannel.call(fromFixture(reference.input)), entry.output, 'PReLU(4)', 1e-5, 1e-6);
    expect(() => new PReLU(3).call(fromFixture(reference.input))).toThrow('prelu: 3 weights need 3 channels along dim 1 of the input');
    expect(() => new PReLU({ num_parameters: 3 } as never)).toThrow(
      'PReLU: unknown option `num_parameters` (did you mean `numParameters`?)',
    );
  });

  it('name bad arguments', () => {
    expect(() => new Hardtanh(2, -2)).toThrow('Hardtanh: minVal (2) must not exceed maxVal (-2)');
    expect(() => F.glu(tensor([1, 2, 3]))).toThrow('glu: halving dim -1 of [3] needs an even size, got 3');
    expect(() => new Softmin({} as never)).toThrow('Softmin: dim is required');
    expect(() => F.celu(tensor([1]), 0)).toThrow('celu: alpha must not be 0');
  });
});
