import { checkInteger, readArguments, type Tensor } from '@dl/tensor';
import { canReset, initializeFromInput, type LazyLayout, makeLazy, materializeFromStateDict } from './lazy-initialization.js';
import { Linear, type LinearOptions } from './linear.js';
import { factoryKeys, type FactoryOptions } from './shared.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

const layout: LazyLayout<LazyLinear> = {
  becomes: Linear,
  sizeField: 'inFeatures',
  sizeFromInput: (module, input) => {
    if (input.ndim === 0) throw new Error(`${module.constructor.name}: expected an input [*, inFeatures], got a 0-D tensor`);
    return input.shape[input.ndim - 1]!;
  },
  sizeFromState: (_module, name, shape) => (name === 'weight' && shape.length === 2 ? shape[1] : undefined),
  shapes: (module, size) => ({ weight: [module.outFeatures, size], bias: [module.outFeatures] }),
};

/**
 * A `Linear` whose `inFeatures` is inferred from the last dim of its first input (torch.nn.LazyLinear).
 * Until then `weight` and `bias` are uninitialized parameters: `parameters()` lists them (an optimizer
 * may be built first), while reading, copying or saving them is an error naming the module. The first
 * call materialises them in place (the same objects), initialises them as `Linear` does, and the
 * module becomes a `Linear` (`instanceof Linear`, printed as `Linear(inFeatures=…)`). Loading a state
 * dict before the first call materialises them with the checkpoint's shapes instead.
 * @example
 * const fc = new LazyLinear(10);
 * fc.call(randn([32, 784])).shape; // [32, 10]; fc.weight.shape is [10, 784]
 */
export class LazyLinear extends Linear {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(outFeatures: number, options?: LinearOptions);
  /** PyTorch's order: `LazyLinear(out_features, bias)`. */
  constructor(outFeatures: number, bias: boolean, options?: FactoryOptions);
  constructor(outFeatures: number, ...rest: unknown[]) {
    // read here, so that errors name LazyLinear rather than Linear
    const options = readArguments<LinearOptions>('LazyLinear', rest, ['bias'], ['bias', ...factoryKeys]);
    checkInteger('LazyLinear', 'outFeatures', outFeatures, 0);
    super(0, outFeatures, options);
    makeLazy(this, ['weight', 'bias']);
  }

  /** Linear's initialisation, once the parameters have their shapes (before, nothing: torch's lazy reset_parameters). */
  override resetParameters(): void {
    if (canReset(this, layout)) super.resetParameters();
  }

  override forward(input: Tensor): Tensor {
    initializeFromInput(this, layout, input);
    return super.forward(input);
  }

  protected override prepareToLoad(stateDict: ReadonlyMap<string, Tensor>, prefix: string): void {
    materializeFromStateDict(this, layout, stateDict, prefix);
  }
}
