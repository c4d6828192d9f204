// torch.nn.utils.fusion against torch 1.13 in float64 (tools/fixtures/nn_fusion_init_reference.py →
// nn_fusion_init.json): the fused weight and bias, the fused layer's output, and that it equals the
// layer then the batch norm in eval mode (torch's numbers for both), and the errors.
import { randn, tensor, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import {
  BatchNorm1d,
  BatchNorm2d,
  BatchNorm3d,
  Conv1d,
  Conv2d,
  Conv3d,
  ConvTranspose1d,
  ConvTranspose2d,
  ConvTranspose3d,
  fuseConvBnEval,
  fuseConvBnWeights,
  fuseLinearBnEval,
  fuseLinearBnWeights,
  isParameter,
  Linear,
  type BatchNormBase,
  type ConvolutionBase,
} from '../src/index.js';
import { expectClose, type FixtureTensor, fromFixture, readFixture } from './helpers/nn-fixtures.js';

interface FusionCase {
  name: string;
  kind: 'Conv1d' | 'Conv2d' | 'Conv3d' | 'ConvTranspose1d' | 'ConvTranspose2d' | 'ConvTranspose3d' | 'Linear';
  args: [number, number, number?];
  options: Record<string, unknown>;
  transpose: boolean;
  eps: number;
  affine: boolean;
  layerState: Record<string, FixtureTensor>;
  normState: Record<string, FixtureTensor>;
  input: FixtureTensor;
  fusedWeight: FixtureTensor;
  fusedBias: FixtureTensor;
  fusedOutput: FixtureTensor;
  layerThenNorm: FixtureTensor;
}
const reference = readFixture<{ fusion: FusionCase[] }>('nn_fusion_init.json');

type Layer = ConvolutionBase<number> | Linear;
const makers = {
  Conv1d: (a: number, b: number, k: number, o: object) => new Conv1d(a, b, k, o),
  Conv2d: (a: number, b: number, k: number, o: object) => new Conv2d(a, b, k, o),
  Conv3d: (a: number, b: number, k: number, o: object) => new Conv3d(a, b, k, o),
  ConvTranspose1d: (a: number, b: number, k: number, o: object) => new ConvTranspose1d(a, b, k, o),
  ConvTranspose2d: (a: number, b: number, k: number, o: object) => new ConvTranspose2d(a, b, k, o),
  ConvTranspose3d: (a: number, b: number, k: number, o: object) => new ConvTranspose3d(a, b, k, o),
  Linear: (a: number, b: number, _k: number, o: object) => new Linear(a, b, o),
} as unknown as Record<FusionCase['kind'], (a: number, b: number, k: number, o: object) => Layer>;
const norms = { 1: BatchNorm1d, 2: BatchNorm2d, 3: BatchNorm3d } as const;

const stateOf = (state: Record<string, FixtureTensor>) =>
  Object.fromEntries(Object.entries(state).map(([key, value]) => [key, fromFixture(value, 'float64')]));

/** The case's layer and batch norm, in float64 with torch's weights and statistics, in eval mode. */
function modulesOf(entry: FusionCase): [Layer, BatchNormBase] {
  const [inputs, outputs, kernel] = entry.args;
  const layer = makers[entry.kind](inputs, outputs, kernel ?? 1, { ...entry.options, dtype: 'float64' });
  layer.loadStateDict(stateOf(entry.layerState));
  const spatial = Math.max(entry.input.shape.length - 2, 1) as 1 | 2 | 3;
  const norm = new norms[spatial](outputs, { eps: entry.eps, affine: entry.affine, dtype: 'float64' });
  norm.loadStateDict(stateOf(entry.normState));
  return [layer.eval(), norm.eval()];
}

const tensorOrNull = (value: Tensor | null) => value;

describe('fuseConvBnEval / fuseLinearBnEval against torch', () => {
  it.each(reference.fusion.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const [layer, norm] = modulesOf(entry);
    const fused = layer instanceof Linear ? fuseLinearBnEval(layer, norm) : fuseConvBnEval(layer, norm, { transpose: entry.transpose });
    expect(fused).not.toBe(layer);
    expect(fused.constructor).toBe(layer.constructor);
    expectClose(fused.weight, entry.fusedWeight, 'fused weight', 1e-12, 1e-12);
    expectClose(fused.bias, entry.fusedBias, 'fused bias', 1e-12, 1e-12);
    expect(isParameter(fused.weight) && isParameter(fused.bias)).toBe(true);
    expect(Object.keys(fused.stateDict())).toEqual(['weight', 'bias']);
    const input = fromFixture(entry.input, 'float64');
    const output = (fused as Conv1d).call(input);
    expectClose(output, entry.fusedOutput, 'fused output', 1e-10, 1e-10);
    expectClose(output, entry.layerThenNorm, 'fused output vs layer then batch norm', 1e-10, 1e-10);
    // the originals are untouched: their composition is still torch's unfused output
    expectClose(norm.call((layer as Conv1d).call(input)), entry.layerThenNorm, 'layer then batch norm', 1e-10, 1e-10);
    expectClose(layer.weight, entry.layerState.weight!, 'original weight', 0, 0);
    if (!entry.layerState.bias) expect(layer.bias).toBeNull();
  });

  it('fuseConvBnWeights and fuseLinearBnWeights give torch’s weights (options and positional transpose)', () => {
    for (const entry of reference.fusion) {
      const [layer, norm] = modulesOf(entry);
      const statistics = [norm.runningMean!, norm.runningVar!, norm.eps, tensorOrNull(norm.weight), norm.bias] as const;
      const pairs =
        entry.kind === 'Linear'
          ? [fuseLinearBnWeights(layer.weight, layer.bias, ...statistics)]
          : [
              fuseConvBnWeights(layer.weight, layer.bias, ...statistics, { transpose: entry.transpose }),
              fuseConvBnWeights(layer.weight, layer.bias, ...statistics, entry.transpose),
            ];
      for (const [weight, bias] of pairs) {
        expectClose(weight, entry.fusedWeight, `${entry.name}: weight`, 1e-12, 1e-12);
        expectClose(bias, entry.fusedBias, `${entry.name}: bias`, 1e-12, 1e-12);
        expect(weight.requiresGrad && bias.requiresGrad && weight.isLeaf && bias.isLeaf).toBe(true);
      }
    }
  });
});

describe('fusion errors', () => {
  const conv = () => new Conv2d(2, 3, 3);
  const transposed = () => new ConvTranspose2d(2, 3, 3);
  const norm = () => new BatchNorm2d(3);

  it('needs both modules in eval mode, as torch', () => {
    expect(() => fuseConvBnEval(conv(), norm().eval())).toThrow(
      'fuseConvBnEval: Fusion only for eval! (Conv2d.training is true, BatchNorm2d.training is false; call eval() on both)',
    );
    expect(() => fuseConvBnEval(conv().eval(), norm())).toThrow(
      'Fusion only for eval! (Conv2d.training is false, BatchNorm2d.training is true',
    );
    expect(() => fuseLinearBnEval(new Linear(2, 3), new BatchNorm1d(3).eval())).toThrow(
      'fuseLinearBnEval: Fusion only for eval! (Linear.training is true',
    );
  });

  it('names a batch norm without running statistics and a transpose that does not match the layer', () => {
    expect(() => fuseConvBnEval(conv().eval(), new BatchNorm2d(3, { trackRunningStats: false }).eval())).toThrow(
      'fuseConvBnEval: BatchNorm2d has no running statistics to fuse (it was made with trackRunningStats false)',
    );
    expect(() => fuseConvBnEval(transposed().eval(), norm().eval())).toThrow(
      'fuseConvBnEval: transpose is false but the layer is a ConvTranspose2d (weight [2, 3, 3, 3]); pass { transpose: true }',
    );
    expect(() => fuseConvBnEval(conv().eval(), norm().eval(), { transpose: true })).toThrow(
      'fuseConvBnEval: transpose is true but the layer is a Conv2d (weight [3, 2, 3, 3]); pass { transpose: false }',
    );
    expect(() => fuseConvBnEval(conv().eval(), norm().eval(), { transposed: true } as never)).toThrow(
      'fuseConvBnEval: unknown option `transposed`',
    );
  });

  it('names mismatched shapes', () => {
    const four = randn([4]);
    const three = randn([3]).abs();
    expect(() => fuseConvBnWeights(randn([3, 2, 3, 3]), null, four, four, 1e-5, null, null)).toThrow(
      'fuseConvBnWeights: the running mean must have shape [3] (dim 0 of the weight [3, 2, 3, 3]) or [1], got [4]',
    );
    expect(() => fuseConvBnWeights(randn([2, 3, 3, 3]), null, randn([2]), randn([2]), 1e-5, null, null, { transpose: true })).toThrow(
      'fuseConvBnWeights: the running mean must have shape [3] (dim 1 of the weight [2, 3, 3, 3]) or [1], got [2]',
    );
    expect(() => fuseConvBnWeights(randn([3, 2, 3]), null, randn([3]), three, 1e-5, four, null)).toThrow(
      "fuseConvBnWeights: the batch norm weight must have the running mean's shape [3], got [4]",
    );
    expect(() => fuseConvBnWeights(randn([3, 2, 3]), four, randn([3]), three, 1e-5, null, null)).toThrow(
      'fuseConvBnWeights: the bias must have shape [3] for the weight [3, 2, 3], got [4]',
    );
    expect(() => fuseLinearBnWeights(randn([3]), null, randn([3]), three, 1e-5, null, null)).toThrow(
      'fuseLinearBnWeights: the weight must have at least 2 dimensions, got [3]',
    );
    expect(() => fuseLinearBnWeights(randn([3, 2]), null, randn([3]), three, -1, null, null)).toThrow(
      'fuseLinearBnWeights: eps must be a number ≥ 0, got -1',
    );
  });

  it('broadcasts a batch norm with one channel, as torch', () => {
    // y = (Wx + b − μ)·γ/√(σ² + ε) + β with one μ, σ², γ, β for every output: W = [[1], [2]], b = [0, 1]
    const [weight, bias] = fuseLinearBnWeights(
      tensor([[1], [2]], { dtype: 'float64' }),
      tensor([0, 1], { dtype: 'float64' }),
      tensor([1], { dtype: 'float64' }),
      tensor([3], { dtype: 'float64' }),
      1,
      tensor([2], { dtype: 'float64' }),
      tensor([0.5], { dtype: 'float64' }),
    );
    expect(weight.toArraySync()).toEqual([[1], [2]]); // W·2/√4
    expect(bias.toArraySync()).toEqual([-0.5, 0.5]); // (b − 1)·1 + 0.5
  });
});
